import Foundation
import GRDB
import Testing

/// Attacks on the money after capture: one clerk approving and paying a batch alone, a
/// reversal after payment that puts money back in the budget while the payee still holds it,
/// a voucher obtained by deceit that nobody can withdraw.
struct SettlementAbuseTests {
    /// Opens, confirms and accepts a redemption; returns its id.
    static func captured(_ c: AbuseClient, _ voucher: Int64, contract: String, fen: Int64) async throws -> Int64 {
        let (_, r) = try await c.open(voucher, contract: contract, fen: fen)
        _ = try await c.step(r["id"], "provider", #"{"step":"confirm","invoiceNumber":"INV-\#(contract)"}"#)
        let (_, accepted) = try await c.step(r["id"], "enterprise", #"{"step":"accept"}"#)
        #expect(accepted["status"] as? String == "captured", "\(accepted)")
        return r["id"] as? Int64 ?? 0
    }

    static func unallocated(_ c: AbuseClient) async throws -> Int64 {
        try await c.stage.world.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT balance FROM ledger_accounts WHERE code = 'unallocated:HS:2026'") ?? -1
        }
    }

    @Test func oneClerkCannotApproveAndPayABatch() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp()
            _ = try await Self.captured(c, voucher, contract: "S-1", fen: 2_000_000)
            c.stage.clock.advance(by: 30 * 86_400)
            let (_, batch) = try await c.post("/v1/settlements", "hs", #"{"period":"2026-11"}"#)
            let payment = "/v1/settlements/\(batch["id"] as? Int64 ?? 0)/payment"
            let (alone, problem) = try await c.post(payment, "hs", #"{"paymentReference":"BANK-1"}"#)
            #expect(alone == .forbidden && problem["code"] as? String == "same_person", "\(problem)")
            let (paid, body) = try await c.post(payment, "hs2", #"{"paymentReference":"BANK-1"}"#)
            #expect(paid == .ok && body["status"] as? String == "paid")
            try await c.expectLedgerClean()
        }
    }

    @Test func moneyReversedAfterPaymentIsOwedBackNotRefunded() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp()
            let redemption = try await Self.captured(c, voucher, contract: "R-1", fen: 2_000_000)
            c.stage.clock.advance(by: 30 * 86_400)
            let (_, batch) = try await c.post("/v1/settlements", "hs", #"{"period":"2026-11"}"#)
            _ = try await c.post(
                "/v1/settlements/\(batch["id"] as? Int64 ?? 0)/payment", "hs2", #"{"paymentReference":"BANK-2"}"#)
            let budgetBefore = try await Self.unallocated(c)
            let (reversed, body) = try await c.step(redemption, "hs", #"{"step":"reverse","reason":"服务未实际提供"}"#)
            #expect(reversed == .ok && body["status"] as? String == "reversed")
            // The budget does not grow while the provider still holds the money.
            #expect(try await Self.unallocated(c) == budgetBefore)
            let (_, receivables) = try await c.call(.get, "/v1/receivables", "hs")
            let owed = (receivables["items"] as? [[String: Any]])?.first
            #expect(
                owed?["balanceFen"] as? Int64 == 1_000_000
                    && owed?["payeeOrganizationId"] as? Int64 == c.stage.providerOrg)
            try await c.expectLedgerClean("after the clawback")
            // Only the city that is owed records a repayment: another city has nothing to recover,
            // the payee and the enterprise record nothing.
            let recovery =
                #"{"payeeOrganizationId":\#(c.stage.providerOrg),"year":2026,"amountFen":1000000,"reference":"BANK-R"}"#
            #expect(
                try await c.post("/v1/receivables/recoveries", "wh", recovery).1["code"] as? String
                    == "exceeds_receivable")
            #expect(try await c.post("/v1/receivables/recoveries", "provider", recovery).0 == .forbidden)
            #expect(try await c.post("/v1/receivables/recoveries", "enterprise", recovery).0 == .forbidden)
            let (_, others) = try await c.call(.get, "/v1/receivables", "wh")
            #expect(
                (others["items"] as? [[String: Any]])?.isEmpty == true,
                "another city does not see Huangshi's receivables")
            // Netted against the provider's next payment: paid in cash only the rest.
            _ = try await Self.captured(c, voucher, contract: "R-2", fen: 3_000_000)
            c.stage.clock.advance(by: 31 * 86_400)
            let (_, next) = try await c.post("/v1/settlements", "hs", #"{"period":"2026-12"}"#)
            let (_, paid) = try await c.post(
                "/v1/settlements/\(next["id"] as? Int64 ?? 0)/payment", "hs2", #"{"paymentReference":"BANK-3"}"#)
            #expect(paid["totalFen"] as? Int64 == 1_500_000 && paid["cashFen"] as? Int64 == 500_000, "\(paid)")
            #expect(try await Self.unallocated(c) == budgetBefore + 1_000_000)
            let (_, none) = try await c.call(.get, "/v1/receivables", "hs")
            #expect((none["items"] as? [[String: Any]])?.isEmpty == true)
            // Nothing left to recover: a recovery beyond what is owed is refused.
            let (over, problem) = try await c.post(
                "/v1/receivables/recoveries", "hs",
                #"{"payeeOrganizationId":\#(c.stage.providerOrg),"year":2026,"amountFen":1,"reference":"X"}"#
            )
            #expect(over == .conflict && problem["code"] as? String == "exceeds_receivable")
            try await c.expectLedgerClean("after netting")
        }
    }

    @Test func aVoucherObtainedByDeceitIsRevoked() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp()
            _ = try await Self.captured(c, voucher, contract: "V-1", fen: 2_000_000)
            let (_, held) = try await c.open(voucher, contract: "V-2", fen: 4_000_000)
            let path = "/v1/vouchers/\(voucher)/revocation"
            #expect(try await c.post(path, "enterprise", #"{"reason":"x"}"#).0 == .forbidden)
            #expect(try await c.post(path, "wh", #"{"reason":"x"}"#).1["code"] as? String == "wrong_city")
            #expect(try await c.post(path, "hs", #"{"reason":" "}"#).0 == .unprocessableContent)
            let budgetBefore = try await Self.unallocated(c)
            let (revoked, body) = try await c.post(path, "hs", #"{"reason":"虚报科技型中小企业资质"}"#)
            #expect(revoked == .ok && body["status"] as? String == "revoked", "\(body)")
            let balances = body["balances"] as? [String: Any]
            #expect(
                balances?["availableFen"] as? Int64 == 0 && balances?["heldFen"] as? Int64 == 0
                    && balances?["revokedFen"] as? Int64 == 9_000_000)
            #expect(try await Self.unallocated(c) == budgetBefore + 9_000_000)
            #expect(
                try await c.call(.get, "/v1/redemptions/\(held["id"] as? Int64 ?? 0)", "enterprise").1["status"]
                    as? String == "released")
            #expect(
                try await c.open(voucher, contract: "V-3", fen: 2_000_000).1["code"] as? String == "voucher_expired")
            #expect(try await c.post(path, "hs", #"{"reason":"again"}"#).0 == .conflict)
            // Revocation does not free a fresh yearly cap: the ¥10,000 spent still counts.
            let (_, application) = try await c.post("/v1/vouchers", "enterprise", #"{"amountFen":20000000}"#)
            #expect(application["code"] as? String == "exceeds_yearly_cap", "\(application)")
            try await c.expectLedgerClean()
        }
    }
}
