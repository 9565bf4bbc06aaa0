import Kernel
import Testing
@testable import Deals

/// The contract lifecycle against a table written here from the rules of issue 16 (not read
/// from the machine): every status × confirmations × amendment × completeness of the terms,
/// every event with each of its facts, every standing of the actor.
struct ContractMachineTests {
    typealias M = ContractMachine
    typealias Status = ContractStatus

    static let current = "current-hash"
    static let proposed = "proposed-hash"
    static let subsets: [Set<ContractParty>] = [[], [.buyer], [.seller], [.buyer, .seller]]

    static let states: [M.State] = Status.allCases.flatMap { status in
        subsets.flatMap { confirmed in
            ([nil] + subsets.map { M.AmendmentState(termsHash: proposed, confirmed: $0) }).flatMap { amendment in
                [false, true].map {
                    M.State(
                        status: status, termsHash: current, confirmed: confirmed, termsComplete: $0,
                        amendment: amendment)
                }
            }
        }
    }

    static let events: [M.Event] = [
        .amend, .confirm(termsHash: current), .confirm(termsHash: "stale"), .cancel, .applyRegistration, .register,
        .returnRegistration(reason: false), .returnRegistration(reason: true),
        .recordPayment(amountFen: 0, remainingFen: 100), .recordPayment(amountFen: 50, remainingFen: 100),
        .recordPayment(amountFen: 100, remainingFen: 100), .recordPayment(amountFen: 101, remainingFen: 100),
        .complete, .terminate(reason: false), .terminate(reason: true), .proposeAmendment,
        .confirmAmendment(termsHash: proposed), .confirmAmendment(termsHash: "stale"),
    ]

    static func wrong(_ status: Status, _ allowed: [Status]) -> M.Decision {
        .failure(DealsError.wrongState("contract", state: status.rawValue, allowed: allowed.map(\.rawValue)))
    }

    static func expected(_ state: M.State, _ event: M.Event, _ role: ContractRole) -> M.Decision {
        let running: [Status] = [.signed, .registered, .performing]
        // Registration steps: the clerk of the seller's city only.
        switch event {
        case .register, .returnRegistration:
            switch role {
            case .clerk: break
            case .otherClerk: return .failure(DealsError.registrationWrongCity)
            case .stranger: return .failure(DealsError.contractNotFound)
            case .buyer, .seller, .reader: return .failure(DealsError.notTheClerk)
            }
            guard state.status == .registrationApplied else { return wrong(state.status, [.registrationApplied]) }
            if case .returnRegistration(false) = event { return .failure(DealsError.reasonRequired) }
            if event == .register {
                return .success(M.Transition(actor: "clerk", status: .registered, actions: [.assignNumber]))
            }
            return .success(M.Transition(actor: "clerk", status: .signed, actions: [.recordReturn]))
        default: break
        }
        // Everything else: a party's step.
        let party: ContractParty
        switch role {
        case .buyer: party = .buyer
        case .seller: party = .seller
        case .clerk, .reader: return .failure(DealsError.notAParty)
        case .otherClerk, .stranger: return .failure(DealsError.contractNotFound)
        }
        func to(_ status: Status, _ actions: [M.Action]) -> M.Decision {
            .success(M.Transition(actor: party.rawValue, status: status, actions: actions))
        }
        switch event {
        case .applyRegistration:
            guard party == .seller else { return .failure(DealsError.notTheSeller) }
            guard state.status == .signed else { return wrong(state.status, [.signed]) }
            return to(.registrationApplied, [.markApplied])
        case .amend:
            guard state.status == .draft else { return wrong(state.status, [.draft]) }
            return to(.draft, [.replaceTerms])
        case .confirm(let hash):
            guard state.status == .draft else { return wrong(state.status, [.draft]) }
            guard hash == current else { return .failure(DealsError.termsChanged(current: current)) }
            guard state.termsComplete else { return .failure(DealsError.notSignable) }
            let other: ContractParty = party == .buyer ? .seller : .buyer
            return state.confirmed.contains(other)
                ? to(.signed, [.recordConfirmation, .sign]) : to(.draft, [.recordConfirmation])
        case .cancel:
            guard state.status == .draft else { return wrong(state.status, [.draft]) }
            return to(.cancelled, [.releaseListings])
        case .recordPayment(let amount, let remaining):
            guard running.contains(state.status) else { return wrong(state.status, running) }
            if amount <= 0 { return .failure(DealsError.paymentNotPositive) }
            if amount > remaining { return .failure(DealsError.paymentExceedsValue(remaining: remaining)) }
            return amount == remaining
                ? to(.completed, [.recordPayment, .completeListings]) : to(.performing, [.recordPayment])
        case .complete:
            guard state.status == .performing else { return wrong(state.status, [.performing]) }
            return to(.completed, [.completeListings])
        case .terminate(let reason):
            guard running.contains(state.status) else { return wrong(state.status, running) }
            guard reason else { return .failure(DealsError.reasonRequired) }
            return to(.terminated, [.recordTermination, .releaseListings])
        case .proposeAmendment:
            guard running.contains(state.status) else { return wrong(state.status, running) }
            return to(state.status, [.recordAmendment])
        case .confirmAmendment(let hash):
            guard running.contains(state.status) else { return wrong(state.status, running) }
            guard let amendment = state.amendment else { return .failure(DealsError.noAmendment) }
            guard hash == proposed else { return .failure(DealsError.termsChanged(current: proposed)) }
            let other: ContractParty = party == .buyer ? .seller : .buyer
            return amendment.confirmed.contains(other)
                ? to(state.status, [.recordAmendmentConfirmation, .adoptAmendment])
                : to(state.status, [.recordAmendmentConfirmation])
        case .register, .returnRegistration:
            return .failure(DealsError.contractNotFound)  // handled above
        }
    }

    /// 8 statuses × 4 × 5 × 2 states × 18 events × 6 roles = 34,560 cases.
    @Test(arguments: Status.allCases, ContractRole.allCases)
    func everyStepFrom(_ status: Status, by role: ContractRole) {
        var checked = 0
        for state in Self.states where state.status == status {
            for event in Self.events {
                let want = Self.expected(state, event, role)
                #expect(M.decide(state, event, by: role) == want, "\(state) × \(event) × \(role)")
                checked += 1
            }
        }
        #expect(checked == 4 * 5 * 2 * Self.events.count)
    }

    /// Signing needs both confirmations of the same hash: one party alone never signs.
    @Test func oneConfirmationNeverSigns() throws {
        let state = M.State(status: .draft, termsHash: Self.current, confirmed: [.buyer], termsComplete: true)
        let again = try M.decide(state, .confirm(termsHash: Self.current), by: .buyer).get()
        #expect(again.status == .draft)
        let other = try M.decide(state, .confirm(termsHash: Self.current), by: .seller).get()
        #expect(other.status == .signed)
    }
}
