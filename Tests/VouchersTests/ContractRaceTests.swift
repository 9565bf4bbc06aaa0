import Foundation
import Identity
import Kernel
import Testing
@testable import Vouchers

/// Races of 64 on the new money rules: one contract opened 64 times at once, one invoice
/// confirmed on 64 redemptions at once, a voucher revoked while 64 redemptions open on it.
struct ContractRaceTests {
    /// Huangshi's policy, a listed Wuhan lab, an enterprise with a ¥200,000 voucher.
    static func stage() async throws -> (VouchersWorld, Int64, Actor, Voucher) {
        let world = try VouchersWorld()
        try await world.policy(.huangshi)
        let lab = try await world.listedProvider(.wuhan, 1)
        let enterprise = try await world.enterprise(.huangshi)
        return (world, lab, enterprise, try await world.voucher(enterprise, amount: 20_000_000))
    }

    @Test func sixtyFourOpensOfOneContractPayItOnce() async throws {
        let (world, lab, enterprise, voucher) = try await Self.stage()
        let redemptions = world.redemptions
        let outcomes = await ConcurrencyTests.race(ConcurrencyTests.clients) { index in
            try await redemptions.open(
                NewRedemption(
                    voucherId: voucher.id, providerOrganizationId: lab, contractNumber: "RACE-1", category: .testing,
                    contractFen: 2_000_000),
                by: world.actor(.orgAdmin, enterprise.organizationID!, .huangshi, request: "race-\(index)")
            )
        }
        #expect(outcomes.successes.count == 1)
        #expect(
            outcomes.refusals == ["contract_fully_subsidised": 63] && outcomes.other.isEmpty,
            "\(outcomes.refusals) \(outcomes.other)")
        #expect(try await world.balance("held:\(voucher.id)") == 1_000_000)
        try await world.expectClean()
    }

    @Test func sixtyFourConfirmsWithOneInvoiceUseItOnce() async throws {
        let (world, lab, enterprise, voucher) = try await Self.stage()
        var held: [Redemption] = []
        for index in 0..<ConcurrencyTests.clients {
            held.append(
                try await world.held(
                    voucher, by: enterprise, provider: lab, contract: "C-\(index)", contractFen: 200_000))
        }
        let redemptions = world.redemptions
        let ids = held.map(\.id)
        let provider = world.actor(.orgAdmin, lab, .wuhan)
        let outcomes = await ConcurrencyTests.race(ids.count) { index in
            try await redemptions.step(
                ids[index], RedemptionStep(step: .confirm, invoiceNumber: "INV-SAME"), by: provider)
        }
        #expect(outcomes.successes.count == 1)
        #expect(outcomes.refusals == ["invoice_already_used": 63] && outcomes.other.isEmpty, "\(outcomes.refusals)")
        try await world.expectClean()
    }

    @Test func aRevocationRacingSixtyFourOpensLeavesNothingHeld() async throws {
        let (world, lab, enterprise, voucher) = try await Self.stage()
        let redemptions = world.redemptions
        let vouchers = world.vouchers
        let city = try await world.cityAdmin(.huangshi)
        let outcomes = await ConcurrencyTests.race(ConcurrencyTests.clients + 1) { index -> String in
            if index == 32 {
                return try await vouchers.revoke(voucher.id, VoucherRevocation(reason: "骗取"), by: city).status.rawValue
            }
            return try await redemptions.open(
                NewRedemption(
                    voucherId: voucher.id, providerOrganizationId: lab, contractNumber: "R-\(index)",
                    category: .testing, contractFen: 200_000),
                by: world.actor(.orgAdmin, enterprise.organizationID!, .huangshi, request: "race-\(index)")
            ).status.rawValue
        }
        #expect(outcomes.successes.contains("revoked") && outcomes.other.isEmpty)
        #expect(Set(outcomes.refusals.keys).isSubset(of: ["voucher_expired"]), "\(outcomes.refusals)")
        // Whatever opened before the revocation was released by it; nothing is held or available.
        #expect(try await world.balance("held:\(voucher.id)") == 0)
        #expect(try await world.balance("available:\(voucher.id)") == 0)
        try await world.expectClean()
    }
}
