import Foundation
import Testing

/// `GET /v1/settlements/corridor`: every city's row of the month's matrix for any city's
/// administrator, and only its own providers' receivables; nobody else reads it.
struct CorridorAbuseTests {
    @Test func theCorridorShowsEveryRowButOnlyTheCallersReceivables() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let voucher = try await c.setUp()
            let (_, r) = try await c.open(voucher, contract: "COR-1", fen: 4_000_000)
            _ = try await c.step(r["id"], "provider", #"{"step":"confirm","invoiceNumber":"COR-INV-1"}"#)
            let (_, accepted) = try await c.step(r["id"], "enterprise", #"{"step":"accept"}"#)
            #expect(accepted["status"] as? String == "captured", "\(accepted)")
            let uri = "/v1/settlements/corridor?period=2026-11"

            let (ok, wuhan) = try await c.call(.get, uri, "wh")
            #expect(ok == .ok, "\(wuhan)")
            #expect(((wuhan["matrix"] as? [String: Any])?["HS"] as? [String: Any])?["WH"] as? Int64 == 2_000_000)
            #expect(wuhan["city"] as? String == "WH")
            let lines = wuhan["receivables"] as? [[String: Any]] ?? []
            #expect(
                lines.count == 1 && lines.first?["payeeOrganizationId"] as? Int64 == stage.providerOrg
                    && lines.first?["issuingCity"] as? String == "HS"
                    && lines.first?["amountFen"] as? Int64 == 2_000_000,
                "\(lines)")
            // Wuhan's own per-payee report does not show Huangshi's row.
            let (_, report) = try await c.call(.get, "/v1/settlements/report?period=2026-11", "wh")
            #expect(((report["matrix"] as? [String: Any])?["HS"] as? [String: Any])?["WH"] as? Int64 == 0)

            let (_, huangshi) = try await c.call(.get, uri, "hs")
            #expect((huangshi["receivables"] as? [Any])?.isEmpty == true)
            #expect(((huangshi["matrix"] as? [String: Any])?["HS"] as? [String: Any])?["WH"] as? Int64 == 2_000_000)
            let (_, auditor) = try await c.call(.get, uri, "auditor")
            #expect((auditor["receivables"] as? [Any])?.count == 1 && auditor["city"] == nil)

            for who in ["enterprise", "provider", "member"] {
                let (refused, problem) = try await c.call(.get, uri, who)
                #expect(refused == .forbidden, "\(who): \(problem)")
            }
            for period in ["2026-13", "=cmd|x", String(repeating: "9", count: 8)] {
                let encoded = period.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let (refused, problem) = try await c.call(.get, "/v1/settlements/corridor?period=\(encoded)", "wh")
                #expect(refused == .unprocessableContent, "\(period): \(problem)")
            }
            #expect(try await c.call(.get, "/v1/settlements/corridor", "wh").0 == .unprocessableContent)
        }
    }
}
