import Deals
import Foundation
import Kernel
import Testing

/// The write path's guarantees for contracts: a replayed key answers the first result, and
/// concurrent confirmations and payments never double-sign nor overpay.
struct ReplayAndRaceTests {
    @Test func aReplayedKeyReturnsTheFirstAnswer() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let contract = try await world.signed(cast)
        let payer = world.actor(.orgAdmin, cast.enterprise, .huanggang, key: "pay-1")
        let payment = NewPayment(amountFen: 1_000_000, paidOn: world.clock.now())
        let first = try await world.contracts.recordPayment(contract.id, payment, by: payer)
        world.clock.advance(by: 60)
        let again = try await world.contracts.recordPayment(contract.id, payment, by: payer)
        #expect(again == first)
        #expect(try await world.count("SELECT count(*) FROM deal_payments") == 1)
        #expect(try await world.audits("contract.record_payment") == 1)
        let stored = try await world.contracts.get(contract.id, viewer: cast.buyer)
        #expect(stored.paidFen == 1_000_000)
    }

    @Test func concurrentConfirmationsSignOnce() async throws {
        let world = try DealsWorld(onDisk: true)
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let draft = try await world.draft(cast)
        let results = await withTaskGroup(of: ContractStatus?.self) { group in
            for index in 0..<64 {
                let actor = index % 2 == 0 ? cast.buyer : cast.seller
                group.addTask {
                    try? await world.contracts.confirm(draft.id, termsHash: draft.termsHash, by: actor).status
                }
            }
            var statuses: [ContractStatus?] = []
            for await status in group { statuses.append(status) }
            return statuses
        }
        #expect(results.filter { $0 == .signed }.count == 1)
        #expect(try await world.audits("contract.confirm") == results.compactMap { $0 }.count)
        let signed = try await world.contracts.get(draft.id, viewer: cast.buyer)
        #expect(signed.status == .signed)
        #expect(signed.history.filter { $0.step == "confirm" }.count == results.compactMap { $0 }.count)
    }

    @Test func concurrentPaymentsNeverOverpay() async throws {
        let world = try DealsWorld(onDisk: true)
        defer { world.removeFiles() }
        let cast = try await world.cast()
        // ¥300,000 paid in ¥10,000 parts by 64 tasks at once: exactly 30 succeed.
        let contract = try await world.signed(cast)
        let outcomes = await withTaskGroup(of: String.self) { group in
            for index in 0..<64 {
                let actor = index % 2 == 0 ? cast.buyer : cast.seller
                group.addTask {
                    do {
                        _ = try await world.contracts.recordPayment(
                            contract.id, NewPayment(amountFen: 1_000_000, paidOn: world.clock.now()), by: actor)
                        return "paid"
                    } catch let error as DomainError {
                        return error.code
                    } catch {
                        return "\(error)"
                    }
                }
            }
            var all: [String] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.filter { $0 == "paid" }.count == 30)
        #expect(Set(outcomes.filter { $0 != "paid" }).isSubset(of: ["payment_exceeds_value", "contract_wrong_state"]))
        let paid = try await world.contracts.get(contract.id, viewer: cast.seller)
        #expect(paid.paidFen == 30_000_000 && paid.status == .completed)
        #expect(try await world.count("SELECT sum(amount_fen) FROM deal_payments") == 30_000_000)
    }
}
