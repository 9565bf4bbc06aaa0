import Foundation
import Testing

/// Attacks on the fraud rules: a phone number written differently, a phone number changed
/// after the fact, a city's declaration withdrawn by the enterprise it names, concentration
/// hidden by cancelling, a contract split into pieces under a threshold.
struct FraudAbuseTests {
    static func flags(_ body: [String: Any]) -> [String] { body["flags"] as? [String] ?? [] }

    @Test func formattingDoesNotHideASharedPhone() async throws {
        let stage = try await AbuseWorld()
        let (enterprise, provider) = (stage.enterpriseOrg, stage.providerOrg)
        try await stage.run { c in
            let voucher = try await c.setUp()
            _ = try await c.call(
                .patch, "/v1/organizations/\(provider)", "provider", #"{"contact":{"phone":"027-8765 4321"}}"#)
            _ = try await c.call(
                .patch, "/v1/organizations/\(enterprise)", "enterprise", #"{"contact":{"phone":"+86 (27) 87654321"}}"#)
            let (_, first) = try await c.open(voucher, contract: "F-1", fen: 2_000_000)
            #expect(Self.flags(first).contains("related_parties"), "\(first)")
            // Changing the phone afterwards does not clear the history.
            _ = try await c.call(
                .patch, "/v1/organizations/\(enterprise)", "enterprise", #"{"contact":{"phone":"13800001111"}}"#)
            let (_, second) = try await c.open(voucher, contract: "F-2", fen: 2_000_000)
            #expect(Self.flags(second).contains("related_parties"))
            try await c.expectLedgerClean()
        }
    }

    @Test func addressesAndEmailsAreComparedFolded() async throws {
        let stage = try await AbuseWorld()
        let (enterprise, provider) = (stage.enterpriseOrg, stage.providerOrg)
        try await stage.run { c in
            let voucher = try await c.setUp()
            _ = try await c.call(
                .patch, "/v1/organizations/\(provider)", "provider", #"{"contact":{"address":"武汉市洪山区光谷大道 77 号"}}"#)
            _ = try await c.call(
                .patch, "/v1/organizations/\(enterprise)", "enterprise", #"{"contact":{"address":"武汉市洪山区光谷大道７７号"}}"#)
            #expect(
                Self.flags(try await c.open(voucher, contract: "F-3", fen: 2_000_000).1).contains("related_parties"))
            try await c.expectLedgerClean()
        }
    }

    @Test func aCitysDeclarationIsWithdrawnOnlyByACity() async throws {
        let stage = try await AbuseWorld()
        let enterprise = stage.enterpriseOrg
        try await stage.run { c in
            let (_, provider) = try await c.call(.get, "/v1/organizations/\(c.stage.providerOrg)", "hs")
            let code = provider["creditCode"] as? String ?? ""
            let (declared, relation) = try await c.post(
                "/v1/organizations/\(enterprise)/relations", "hs",
                #"{"kind":"related_party","relatedCreditCode":"\#(code)"}"#)
            #expect(declared == .created && relation["declaredByRole"] as? String == "city_admin", "\(relation)")
            let path = "/v1/organizations/\(enterprise)/relations/\(relation["id"] as? Int64 ?? 0)"
            let (refused, problem) = try await c.call(.delete, path, "enterprise")
            #expect(refused == .forbidden && problem["code"] as? String == "relation_declared_by_city")
            #expect(try await c.call(.delete, path, "hs").0 == .noContent)
        }
    }

    @Test func cancellingDoesNotHideConcentration() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp(policyExtra: #""fraudRules":{"minimumForShare":3}"#)
            for n in 1...2 {
                let (_, r) = try await c.open(voucher, contract: "C-\(n)", fen: 2_000_000)
                #expect(Self.flags(r).isEmpty)
                _ = try await c.step(r["id"], "enterprise", #"{"step":"cancel"}"#)
            }
            let (_, third) = try await c.open(voucher, contract: "C-3", fen: 2_000_000)
            #expect(Self.flags(third).contains("provider_concentration"), "\(third)")
            try await c.expectLedgerClean()
        }
    }

    @Test func aContractSplitUnderAThresholdIsFlagged() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp(
                policyExtra: #""fraudRules":{"thresholdsFen":[10000000],"minimumForShare":100}"#)
            let (_, first) = try await c.open(voucher, contract: "P-1", fen: 6_000_000)
            #expect(Self.flags(first).isEmpty)
            let (_, second) = try await c.open(voucher, contract: "P-2", fen: 5_000_000)
            #expect(Self.flags(second) == ["threshold_splitting"], "\(second)")
            #expect(second["review"] as? String == "pending")
            try await c.expectLedgerClean()
        }
    }

    @Test func concentrationIsJudgedAgainAtAcceptance() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp(policyExtra: #""fraudRules":{"minimumForShare":2}"#)
            let (_, first) = try await c.open(voucher, contract: "J-1", fen: 2_000_000)
            #expect(Self.flags(first).isEmpty)
            _ = try await c.step(first["id"], "provider", #"{"step":"confirm","invoiceNumber":"J-INV-1"}"#)
            _ = try await c.open(voucher, contract: "J-2", fen: 2_000_000)
            let (_, accepted) = try await c.step(first["id"], "enterprise", #"{"step":"accept"}"#)
            #expect(
                accepted["status"] as? String == "delivered" && accepted["review"] as? String == "pending",
                "\(accepted)")
            #expect(Self.flags(accepted).contains("provider_concentration"))
            // The city's approval captures what the enterprise already accepted.
            let (_, approved) = try await c.step(first["id"], "hs", #"{"step":"approve_review"}"#)
            #expect(approved["status"] as? String == "captured")
            try await c.expectLedgerClean()
        }
    }
}
