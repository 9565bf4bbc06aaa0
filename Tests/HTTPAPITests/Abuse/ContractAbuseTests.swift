import Foundation
import Testing

/// Attacks on what a redemption pays for: one contract paid again and again, one invoice used
/// twice, a contract number borrowed by another enterprise, a provider paid by itself.
struct ContractAbuseTests {
    @Test func oneContractIsNotPaidAgainAndAgain() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp()
            let (first, paid) = try await c.open(voucher, contract: "WH-2026-118", fen: 6_000_000)
            #expect(first == .created && paid["voucherFen"] as? Int64 == 3_000_000)
            // The same contract again, also written differently: the 50 % is already held.
            for spelling in ["WH-2026-118", "wh 2026 118", "ＷＨ－２０２６－１１８"] {
                let (again, problem) = try await c.open(voucher, contract: spelling, fen: 6_000_000)
                #expect(
                    again == .conflict && problem["code"] as? String == "contract_fully_subsidised",
                    "\(spelling): \(problem)")
            }
            // A bigger value for the same contract number is refused, not paid on the difference.
            let (bigger, biggerProblem) = try await c.open(voucher, contract: "WH-2026-118", fen: 9_000_000)
            #expect(bigger == .conflict && biggerProblem["code"] as? String == "contract_value_differs")
            // Cancelled before delivery, the contract may be redeemed once more.
            let (_, cancelled) = try await c.step(paid["id"], "enterprise", #"{"step":"cancel"}"#)
            #expect(cancelled["status"] as? String == "cancelled")
            let (reopened, _) = try await c.open(voucher, contract: "WH-2026-118", fen: 6_000_000)
            #expect(reopened == .created)
            try await c.expectLedgerClean()
        }
    }

    @Test func aContractNumberBelongsToItsFirstEnterprise() async throws {
        var stage = try await AbuseWorld()
        _ = try await stage.secondEnterprise()
        try await stage.run { c in
            let voucher = try await c.setUp()
            let other = try await c.voucher(amount: 10_000_000, who: "enterprise2")
            #expect(try await c.open(voucher, contract: "HT-7", fen: 2_000_000).0 == .created)
            let (borrowed, problem) = try await c.open(other, contract: "HT-7", fen: 2_000_000, who: "enterprise2")
            #expect(borrowed == .conflict && problem["code"] as? String == "contract_bound_to_other_party")
            try await c.expectLedgerClean()
        }
    }

    @Test func anInvoiceIsUsedOnce() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp()
            let (_, a) = try await c.open(voucher, contract: "A-1", fen: 2_000_000)
            let (_, b) = try await c.open(voucher, contract: "A-2", fen: 2_000_000)
            #expect(try await c.step(a["id"], "provider", #"{"step":"confirm","invoiceNumber":"42000123"}"#).0 == .ok)
            let (reused, problem) = try await c.step(
                b["id"], "provider", #"{"step":"confirm","invoiceNumber":" 4200-0123 "}"#)
            #expect(reused == .conflict && problem["code"] as? String == "invoice_already_used", "\(problem)")
            // In 通用 the enterprise's claim cannot reuse the provider's invoice either.
            let (claim, claimProblem) = try await c.open(
                voucher, contract: "A-3", fen: 2_000_000, extra: #","mode":"tongyong","invoiceNumber":"42000123""#)
            #expect(claim == .conflict && claimProblem["code"] as? String == "invoice_already_used")
            try await c.expectLedgerClean()
        }
    }

    @Test func anEnterpriseCannotPayItself() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp()
            let (_, provider) = try await c.post("/v1/providers", "enterprise", #"{"categories":["testing"]}"#)
            _ = try await c.post(
                "/v1/providers/\(provider["id"] as? Int64 ?? 0)/actions", "hs", #"{"action":"approve"}"#)
            stage.clock.advance(by: 7 * 86_400 + 60)
            let (status, problem) = try await c.post(
                "/v1/redemptions", "enterprise",
                #"{"voucherId":\#(voucher),"providerOrganizationId":\#(stage.enterpriseOrg),"contractNumber":"SELF-1","category":"testing","contractFen":2000000}"#
            )
            #expect(status == .conflict && problem["code"] as? String == "provider_is_enterprise", "\(problem)")
            try await c.expectLedgerClean()
        }
    }
}
