import Kernel
import Testing
@testable import Deals

/// The steps a page offers follow the machine: each party, the clerk and a stranger, through a
/// contract's life.
struct ContractAvailableStepsTests {
    @Test func stepsFollowTheLifecycle() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let clerk = try await world.cityAdmin(.wuhan)
        let otherClerk = try await world.cityAdmin(.huanggang)
        let stranger = world.actor(.orgAdmin, try await world.organization(.enterprise, .wuhan), .wuhan)

        // Given a draft confirmed by the buyer
        let draft = try await world.draft(cast)
        #expect(ContractService.availableSteps(draft, for: cast.buyer) == [.amend, .confirm, .cancel])
        let confirmed = try await world.contracts.confirm(draft.id, termsHash: draft.termsHash, by: cast.buyer)
        #expect(ContractService.availableSteps(confirmed, for: cast.buyer) == [.amend, .cancel])
        #expect(ContractService.availableSteps(confirmed, for: cast.seller) == [.amend, .confirm, .cancel])
        #expect(ContractService.availableSteps(confirmed, for: stranger).isEmpty)
        #expect(ContractService.availableSteps(confirmed, for: clerk).isEmpty)

        // When the seller confirms too, then only the seller applies, and only the Wuhan clerk registers
        let signed = try await world.contracts.confirm(draft.id, termsHash: draft.termsHash, by: cast.seller)
        #expect(
            ContractService.availableSteps(signed, for: cast.seller)
                == [.applyRegistration, .recordPayment, .terminate, .proposeAmendment])
        #expect(
            ContractService.availableSteps(signed, for: cast.buyer) == [.recordPayment, .terminate, .proposeAmendment])
        let applied = try await world.contracts.applyForRegistration(draft.id, by: cast.seller)
        #expect(ContractService.availableSteps(applied, for: clerk) == [.register, .returnRegistration])
        #expect(ContractService.availableSteps(applied, for: otherClerk).isEmpty)
        #expect(ContractService.availableSteps(applied, for: cast.seller).isEmpty)
    }
}
