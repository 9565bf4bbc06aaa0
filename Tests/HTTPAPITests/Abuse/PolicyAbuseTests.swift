import Foundation
import Testing

/// Attacks on the policy's bounds: approval after the policy closed, spending next year's
/// voucher this year, a reviewer inside the enterprise reading its money.
struct PolicyAbuseTests {
    @Test func noApprovalAfterThePolicyClosed() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            _ = try await c.setUp()
            let (_, application) = try await c.post("/v1/vouchers", "enterprise", #"{"amountFen":1000000}"#)
            c.stage.clock.advance(by: 150 * 86_400)  // past 2027-03-31
            let (late, problem) = try await c.post(
                "/v1/voucher-applications/\(application["id"] as? Int64 ?? 0)/decision", "hs", #"{"approve":true}"#)
            #expect(late == .conflict && problem["code"] as? String == "policy_closed", "\(problem)")
            try await c.expectLedgerClean()
        }
    }

    @Test func nextYearsVoucherIsNotSpentThisYear() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            _ = try await c.setUp()
            let next =
                #"{"year":2027,"budgetFen":100000000,"unitFen":100000,"yearlyCapFen":20000000,"categories":[{"category":"testing","ratioPermille":500}],"validUntil":"2028-03-31T00:00:00Z"}"#
            #expect(try await c.post("/v1/voucher-policies", "hs", next).0 == .created)
            let (_, application) = try await c.post(
                "/v1/vouchers", "enterprise", #"{"amountFen":20000000,"year":2027}"#)
            let (_, decision) = try await c.post(
                "/v1/voucher-applications/\(application["id"] as? Int64 ?? 0)/decision", "hs", #"{"approve":true}"#)
            let voucher = decision["voucherId"] as? Int64 ?? 0
            #expect(voucher > 0, "the 2027 cap is its own: \(decision)")
            let (early, problem) = try await c.open(voucher, contract: "N-1", fen: 2_000_000)
            #expect(early == .conflict && problem["code"] as? String == "policy_year_not_started", "\(problem)")
            try await c.expectLedgerClean()
        }
    }

    @Test func listsApplyTheSameReadPermissionAsSingleReads() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp()
            let (_, r) = try await c.open(voucher, contract: "Q-1", fen: 2_000_000)
            for path in ["/v1/voucher-applications", "/v1/redemptions", "/v1/vouchers"] {
                let (_, own) = try await c.call(.get, path, "enterprise")
                #expect((own["items"] as? [[String: Any]])?.count == 1, "\(path) for the enterprise's admin")
                let (_, reviewer) = try await c.call(.get, path, "reviewer")
                #expect(
                    (reviewer["items"] as? [[String: Any]])?.isEmpty == true,
                    "\(path) for a reviewer inside the enterprise")
            }
            #expect(try await c.call(.get, "/v1/redemptions/\(r["id"] as? Int64 ?? 0)", "reviewer").0 == .notFound)
        }
    }
}
