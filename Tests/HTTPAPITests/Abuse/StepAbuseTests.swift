import Foundation
import Testing

/// Attacks on the steps of a redemption: a provider cancelling a claim it has no part in, an
/// enterprise walking away after delivery, a late confirmation of a lapsed hold, silence used
/// to hold a provider's money forever.
struct StepAbuseTests {
    @Test func theProviderHasNoStepInAnEnterprisesClaim() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp()
            let (_, claim) = try await c.open(
                voucher, contract: "TY-1", fen: 2_000_000, extra: #","mode":"tongyong","invoiceNumber":"INV-TY-1""#)
            #expect(claim["status"] as? String == "claimed")
            let (refused, problem) = try await c.step(claim["id"], "provider", #"{"step":"cancel"}"#)
            #expect(refused == .forbidden, "\(problem)")
            #expect(
                try await c.step(claim["id"], "enterprise", #"{"step":"cancel"}"#).1["status"] as? String == "cancelled"
            )
            try await c.expectLedgerClean()
        }
    }

    @Test func afterDeliveryTheEnterpriseAcceptsOrDisputesAndTheCityDecides() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp()
            let (_, r) = try await c.open(voucher, contract: "D-1", fen: 4_000_000)
            _ = try await c.step(r["id"], "provider", #"{"step":"confirm","invoiceNumber":"D-INV-1"}"#)
            let (walkAway, problem) = try await c.step(r["id"], "enterprise", #"{"step":"cancel"}"#)
            #expect(walkAway == .conflict && problem["code"] as? String == "redemption_wrong_state", "\(problem)")
            #expect(
                try await c.step(r["id"], "enterprise", #"{"step":"dispute","reason":"报告缺少第三章"}"#).1["status"]
                    as? String == "disputed")
            // Neither party settles the dispute; the provider's city is not the issuing city.
            #expect(try await c.step(r["id"], "provider", #"{"step":"cancel"}"#).0 == .conflict)
            #expect(
                try await c.step(r["id"], "wh", #"{"step":"decide_dispute","outcome":"pay_full","reason":"x"}"#).0
                    == .forbidden)
            let (noOutcome, noOutcomeProblem) = try await c.step(
                r["id"], "hs", #"{"step":"decide_dispute","reason":"部分交付"}"#)
            #expect(noOutcome == .unprocessableContent && noOutcomeProblem["code"] as? String == "outcome_required")
            let (tooMuch, _) = try await c.step(
                r["id"], "hs", #"{"step":"decide_dispute","outcome":"pay_part","amountFen":2000000,"reason":"部分交付"}"#)
            #expect(tooMuch == .unprocessableContent)
            let (decided, part) = try await c.step(
                r["id"], "hs", #"{"step":"decide_dispute","outcome":"pay_part","amountFen":1200000,"reason":"部分交付"}"#)
            #expect(
                decided == .ok && part["status"] as? String == "captured" && part["voucherFen"] as? Int64 == 1_200_000
                    && part["releasedFen"] as? Int64 == 800_000)
            let (_, after) = try await c.call(.get, "/v1/vouchers/\(voucher)", "enterprise")
            #expect((after["balances"] as? [String: Any])?["availableFen"] as? Int64 == 8_800_000)
            try await c.expectLedgerClean()
        }
    }

    @Test func aLapsedHoldCannotBeConfirmedAndSilenceAccepts() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp(policyExtra: #""holdHours":48,"acceptanceDays":10"#)
            let (_, lapsing) = try await c.open(voucher, contract: "L-1", fen: 2_000_000)
            let (_, delivered) = try await c.open(voucher, contract: "L-2", fen: 2_000_000)
            _ = try await c.step(delivered["id"], "provider", #"{"step":"confirm","invoiceNumber":"L-INV-2"}"#)
            c.stage.clock.advance(by: 49 * 3_600)
            // The sweeper has not run: the step itself checks the deadline.
            let (late, problem) = try await c.step(
                lapsing["id"], "provider", #"{"step":"confirm","invoiceNumber":"L-INV-1"}"#)
            #expect(late == .conflict && problem["code"] as? String == "hold_expired", "\(problem)")
            // Only the never-delivered hold is released; the delivery waits for acceptance.
            #expect(try await c.stage.world.services.redemptions.releaseExpiredHolds() == 1)
            #expect(
                try await c.call(.get, "/v1/redemptions/\(delivered["id"] as? Int64 ?? 0)", "enterprise").1["status"]
                    as? String == "delivered")
            #expect(try await c.stage.world.services.redemptions.acceptSilentDeliveries() == 0)
            c.stage.clock.advance(by: 10 * 86_400)
            #expect(try await c.stage.world.services.redemptions.acceptSilentDeliveries() == 1)
            let (_, captured) = try await c.call(
                .get, "/v1/redemptions/\(delivered["id"] as? Int64 ?? 0)", "enterprise")
            #expect(captured["status"] as? String == "captured")
            try await c.expectLedgerClean()
        }
    }

    /// Who may take which step, as a table of (step, actor) pairs. A step of the enterprise or
    /// the provider is taken only by that organisation's own people; the city's only by the
    /// issuing city; no one else, however strong their role.
    @Test(arguments: [
        ("confirm", "provider", true), ("confirm", "platform", false), ("confirm", "enterprise", false),
        ("confirm", "wh", false),
        ("confirm", "hs", false), ("accept", "enterprise", true), ("accept", "member", true),
        ("accept", "platform", false),
        ("accept", "hs", false), ("accept", "provider", false), ("accept", "reviewer", false),
        ("approve_claim", "hs", true), ("approve_claim", "hs2", true), ("approve_claim", "wh", false),
        ("approve_claim", "enterprise", false),
        ("approve_claim", "auditor", false),
    ])
    func whoMayTakeWhichStep(step: String, actor: String, allowed: Bool) async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp()
            let claim = step == "approve_claim"
            let (_, r) = try await c.open(
                voucher, contract: "T-1", fen: 2_000_000,
                extra: claim ? #","mode":"tongyong","invoiceNumber":"T-INV""# : "")
            if step == "accept" {
                _ = try await c.step(r["id"], "provider", #"{"step":"confirm","invoiceNumber":"T-INV"}"#)
            }
            let body = step == "confirm" ? #"{"step":"confirm","invoiceNumber":"T-INV-2"}"# : #"{"step":"\#(step)"}"#
            let (status, problem) = try await c.step(r["id"], actor, body)
            if allowed {
                #expect(status == .ok, "\(step) by \(actor): \(problem)")
            } else {
                #expect(status == .forbidden || status == .notFound, "\(step) by \(actor): \(status) \(problem)")
            }
            try await c.expectLedgerClean()
        }
    }
}
