import Foundation
import GRDB
import Testing

/// A provider the voucher's policy does not accept, posted by hand (the console's picker never
/// offers it): refused by the domain, nothing held, nothing written.
struct ProviderChoiceAbuseTests {
    @Test func aProviderOfACityThePolicyDoesNotAcceptIsRefused() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            // Huangshi accepts providers of Huangshi and Ezhou only; the listed provider is in Wuhan.
            let voucher = try await c.setUp(policyExtra: #""providerCities":["HS","EZ"]"#)
            let (refused, problem) = try await c.open(voucher, contract: "FAR-1", fen: 2_000_000)
            #expect(refused == .conflict && problem["code"] as? String == "provider_city_not_accepted", "\(problem)")
            let (_, after) = try await c.call(.get, "/v1/vouchers/\(voucher)", "enterprise")
            #expect((after["balances"] as? [String: Any])?["availableFen"] as? Int64 == 10_000_000)
            let rows = try await stage.world.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM voucher_redemptions") ?? -1
            }
            #expect(rows == 0)
            try await c.expectLedgerClean()
        }
    }

    @Test func aProviderNotListedOrTheEnterpriseItselfIsRefused() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp()
            // A Wuhan provider organisation that never applied to the registry.
            let unlisted = try await stage.world.database.read { db in
                try Int64.fetchOne(
                    db,
                    sql: "SELECT id FROM organizations WHERE kind = 'provider' AND city = 'WH' AND id != ? ORDER BY id",
                    arguments: [stage.providerOrg]) ?? 0
            }
            for (provider, code) in [
                (unlisted, "provider_not_listed"), (stage.enterpriseOrg, "provider_is_enterprise"),
            ] {
                let (status, problem) = try await c.post(
                    "/v1/redemptions", "enterprise",
                    #"{"voucherId":\#(voucher),"providerOrganizationId":\#(provider),"contractNumber":"X-\#(provider)","category":"testing","contractFen":2000000}"#
                )
                #expect(status.code >= 400 && status.code < 500 && problem["code"] as? String == code, "\(problem)")
            }
            let rows = try await stage.world.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM voucher_redemptions") ?? -1
            }
            #expect(rows == 0)
        }
    }
}
