import Foundation
import HTTPTypes
import HummingbirdTesting
import Identity
import Kernel
import NIOCore
import Testing

/// The voucher routes end to end through the router: a Huangshi policy, a Wuhan provider
/// listed after its notice, a voucher applied for and approved, a 通兑 redemption opened
/// twice with one Idempotency-Key (one hold), confirmed and accepted; the month's report and
/// CSV; the ledger check for the platform; errors with their codes.
struct VoucherRoutesTests {
    @Test func huangshiVoucherSpentInWuhan() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_794_276_000))  // 2026-11-10 10:00 China time
        let world = try HTTPWorld(clock: clock) { $0.auth.tokenLifetimeSeconds = 31_536_000 }
        let routes = ListingRoutesTests()
        let huangshi = try await routes.signIn(world, "government", "HS", .cityAdmin, "kjj.hs")
        let wuhan = try await routes.signIn(world, "government", "WH", .cityAdmin, "kjj.wh")
        let enterprise = try await routes.signIn(world, "enterprise", "HS", .orgAdmin, "qiye.hs")
        let provider = try await routes.signIn(world, "provider", "WH", .orgAdmin, "jigou.wh")
        let providerOrg = try await world.organizationID("provider", "WH")
        let platform = try await routes.signIn(world, "platform", "WH", .platformAdmin, "ops.platform")
        try await world.test { client in
            func post(
                _ uri: String, _ token: String, _ body: String, key: String? = nil
            ) async throws -> (HTTPResponse.Status, [String: Any]) {
                var result: (HTTPResponse.Status, [String: Any]) = (.ok, [:])
                let extra = key.map { ["Idempotency-Key": $0] } ?? [:]
                try await client.execute(
                    uri: uri, method: .post, headers: headers(token: token, extra: extra),
                    body: ByteBuffer(string: body)
                ) { response in
                    result = (response.status, try json(response.body))
                }
                return result
            }
            let policy =
                #"{"year":2026,"budgetFen":100000000,"unitFen":100000,"yearlyCapFen":20000000,"categories":[{"category":"testing","ratioPermille":500}],"validUntil":"2027-03-31T00:00:00Z"}"#
            let (created, body) = try await post("/v1/voucher-policies", huangshi, policy)
            #expect(created == .created && body["version"] as? Int64 == 1)
            let (again, problem) = try await post("/v1/voucher-policies", huangshi, policy)
            #expect(again == .conflict && problem["code"] as? String == "policy_exists")
            let (_, forbidden) = try await post("/v1/voucher-policies", enterprise, policy)
            #expect(forbidden["code"] as? String == "forbidden")

            let (applied, providerBody) = try await post("/v1/providers", provider, #"{"categories":["testing"]}"#)
            #expect(applied == .created && providerBody["status"] as? String == "applied")
            let providerID = providerBody["id"] as? Int64 ?? 0
            let (notHS, _) = try await post("/v1/providers/\(providerID)/actions", huangshi, #"{"action":"approve"}"#)
            #expect(notHS == .forbidden, "Huangshi does not review Wuhan's providers")
            let (approved, inNotice) = try await post(
                "/v1/providers/\(providerID)/actions", wuhan, #"{"action":"approve"}"#)
            #expect(approved == .ok && inNotice["status"] as? String == "in_notice")
            clock.advance(by: 7 * 86_400 + 60)

            let (_, application) = try await post("/v1/vouchers", enterprise, #"{"amountFen":10000000}"#)
            let (_, decision) = try await post(
                "/v1/voucher-applications/\(application["id"] as? Int64 ?? 0)/decision", huangshi, #"{"approve":true}"#)
            let voucherID = decision["voucherId"] as? Int64 ?? 0
            #expect(voucherID > 0)

            let open =
                #"{"voucherId":\#(voucherID),"providerOrganizationId":\#(providerOrg),"contractNumber":"WH-2026-118","category":"testing","contractFen":6000000}"#
            let (first, redemption) = try await post("/v1/redemptions", enterprise, open, key: "redeem-118")
            let (replayed, replay) = try await post("/v1/redemptions", enterprise, open, key: "redeem-118")
            #expect(first == .created && replayed == .created)
            #expect(redemption["id"] as? Int64 == replay["id"] as? Int64)
            #expect(redemption["voucherFen"] as? Int64 == 3_000_000)
            let redemptionID = redemption["id"] as? Int64 ?? 0
            let (wrongCategory, categoryProblem) = try await post(
                "/v1/redemptions", enterprise, open.replacingOccurrences(of: "\"testing\"", with: "\"rd\"")
            )
            #expect(
                wrongCategory == .unprocessableContent && categoryProblem["code"] as? String == "category_not_covered")
            let (_, confirmed) = try await post(
                "/v1/redemptions/\(redemptionID)/steps", provider, #"{"step":"confirm","invoiceNumber":"INV-1"}"#)
            #expect(confirmed["status"] as? String == "delivered")
            let (_, accepted) = try await post(
                "/v1/redemptions/\(redemptionID)/steps", enterprise, #"{"step":"accept"}"#)
            #expect(accepted["status"] as? String == "captured")
            let (late, lateProblem) = try await post(
                "/v1/redemptions/\(redemptionID)/steps", enterprise, #"{"step":"cancel"}"#)
            #expect(late == .conflict && lateProblem["code"] as? String == "redemption_wrong_state")

            try await client.execute(
                uri: "/v1/vouchers/\(voucherID)", method: .get, headers: headers(token: enterprise)
            ) { response in
                let voucher = try json(response.body)
                let balances = voucher["balances"] as? [String: Any]
                #expect(
                    balances?["availableFen"] as? Int64 == 7_000_000 && balances?["capturedFen"] as? Int64 == 3_000_000)
            }
            try await client.execute(uri: "/v1/vouchers", method: .get, headers: headers(token: enterprise)) {
                response in
                // The last page says so with an explicit null, as the document requires.
                let page = try json(response.body)
                #expect(page.keys.sorted() == ["items", "nextCursor"] && page["nextCursor"] is NSNull, "\(page)")
                #expect((page["items"] as? [[String: Any]])?.first?["balances"] != nil)
            }
            try await client.execute(uri: "/v1/vouchers/\(voucherID)", method: .get, headers: headers(token: provider))
            { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/v1/settlements/report?period=2026-11", method: .get, headers: headers(token: huangshi)
            ) { response in
                let report = try json(response.body)
                let matrix = report["matrix"] as? [String: [String: Any]]
                #expect(matrix?["HS"]?["WH"] as? Int64 == 3_000_000)
            }
            try await client.execute(
                uri: "/v1/settlements/report?period=2026-11&format=csv", method: .get, headers: headers(token: huangshi)
            ) { response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                let text = String(buffer: response.body)
                #expect(
                    text.hasPrefix("\"period\",\"issuing_city\",\"payee_org_id\"")
                        && text.contains(",3000000,30000.00,"))
            }
            try await client.execute(uri: "/v1/ledger/check", method: .get, headers: headers(token: platform)) {
                response in
                let report = try json(response.body)
                #expect(report["clean"] as? Bool == true && (report["transfers"] as? Int64 ?? 0) == 4, "\(report)")
            }
            try await client.execute(uri: "/v1/ledger/check", method: .get, headers: headers(token: enterprise)) {
                response in
                #expect(response.status == .forbidden)
            }
        }
    }
}
