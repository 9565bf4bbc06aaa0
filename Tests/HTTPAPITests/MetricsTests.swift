import Foundation
import GRDB
@testable import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Kernel
import Logging
import NIOCore
@_spi(Testing) import Store
import Testing
import Vouchers

/// `/metrics` after real traffic: request counts and latency histograms by route template and
/// status, the write-latency histogram, the audit log's size and the voucher money per city;
/// who may scrape it.
struct MetricsEndpointTests {
    static let token = "scrape-secret-7f3a"

    /// One Prometheus sample: `name{labels} value`.
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    static func samples(_ text: String) -> [Sample] {
        text.split(separator: "\n").compactMap { line -> Sample? in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "),
                let value = Double(line[line.index(after: space)...])
            else {
                return nil
            }
            let head = line[..<space]
            guard let open = head.firstIndex(of: "{"), head.last == "}" else {
                return Sample(name: String(head), labels: [:], value: value)
            }
            var labels: [String: String] = [:]
            var rest = head[head.index(after: open)..<head.index(before: head.endIndex)]
            while let equals = rest.firstIndex(of: "=") {
                let key = String(rest[..<equals])
                let afterQuote = rest.index(equals, offsetBy: 2)
                guard let close = rest[afterQuote...].firstIndex(of: "\"") else { break }
                labels[key] = String(rest[afterQuote..<close])
                rest = rest[rest.index(after: close)...].drop { $0 == "," }
            }
            return Sample(name: String(head[..<open]), labels: labels, value: value)
        }
    }

    static func value(_ samples: [Sample], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matching = samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
        return matching.isEmpty ? nil : matching.reduce(0) { $0 + $1.value }
    }

    @Test func theScrapeListsRequestsWritesTheAuditLogAndVoucherMoneyPerCity() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_794_276_000))  // 2026-11-10 10:00 China time
        let world = try HTTPWorld(clock: clock) {
            $0.auth.tokenLifetimeSeconds = 31_536_000
            $0.metrics.token = Self.token
        }
        let routes = ListingRoutesTests()
        let huangshi = try await routes.signIn(world, "government", "HS", .cityAdmin, "kjj.hs")
        let cashier = try await routes.signIn(world, "government", "HS", .cityAdmin, "kjj2.hs")
        let wuhan = try await routes.signIn(world, "government", "WH", .cityAdmin, "kjj.wh")
        let enterprise = try await routes.signIn(world, "enterprise", "HS", .orgAdmin, "qiye.hs")
        let provider = try await routes.signIn(world, "provider", "WH", .orgAdmin, "jigou.wh")
        let providerOrg = try await world.organizationID("provider", "WH")
        try await world.test { client in
            func post(_ uri: String, _ token: String, _ body: String) async throws -> [String: Any] {
                var result: [String: Any] = [:]
                try await client.execute(
                    uri: uri, method: .post, headers: headers(token: token), body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status.code < 300, "\(uri): \(String(buffer: response.body))")
                    result = try json(response.body)
                }
                return result
            }
            // 200, 404 on a route, 404 on no route, 422.
            try await client.execute(uri: "/v1/cities", method: .get) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/v1/organizations/999999", method: .get, headers: headers(token: world.adminToken)
            ) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/no/such/path/4711", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/v1/search?q=%20%2C%2C", method: .get) {
                #expect($0.status == .unprocessableContent)
            }

            // Huangshi money: 3 000 000 fen captured and settled, 1 000 000 captured, 500 000 held.
            _ = try await post(
                "/v1/voucher-policies", huangshi,
                #"{"year":2026,"budgetFen":100000000,"unitFen":100000,"yearlyCapFen":20000000,"categories":[{"category":"testing","ratioPermille":500}],"validUntil":"2027-03-31T00:00:00Z"}"#
            )
            let providerID =
                try await post("/v1/providers", provider, #"{"categories":["testing"]}"#)["id"] as? Int64 ?? 0
            _ = try await post("/v1/providers/\(providerID)/actions", wuhan, #"{"action":"approve"}"#)
            clock.advance(by: 7 * 86_400 + 60)
            let application = try await post("/v1/vouchers", enterprise, #"{"amountFen":10000000}"#)
            let decision = try await post(
                "/v1/voucher-applications/\(application["id"] as? Int64 ?? 0)/decision", huangshi, #"{"approve":true}"#)
            let voucherID = decision["voucherId"] as? Int64 ?? 0
            func redeem(_ contract: String, contractFen: Int, capture: Bool) async throws {
                let open =
                    #"{"voucherId":\#(voucherID),"providerOrganizationId":\#(providerOrg),"contractNumber":"\#(contract)","category":"testing","contractFen":\#(contractFen)}"#
                let id = try await post("/v1/redemptions", enterprise, open)["id"] as? Int64 ?? 0
                guard capture else { return }
                _ = try await post(
                    "/v1/redemptions/\(id)/steps", provider, #"{"step":"confirm","invoiceNumber":"INV-\#(contract)"}"#)
                _ = try await post("/v1/redemptions/\(id)/steps", enterprise, #"{"step":"accept"}"#)
            }
            try await redeem("WH-2026-1", contractFen: 6_000_000, capture: true)
            clock.advance(by: 25 * 86_400)  // into December: November can be settled
            let batch = try await post("/v1/settlements", huangshi, #"{"period":"2026-11"}"#)
            _ = try await post(
                "/v1/settlements/\(batch["id"] as? Int64 ?? 0)/payment", cashier, #"{"paymentReference":"PAY-2026-11"}"#
            )
            try await redeem("WH-2026-2", contractFen: 2_000_000, capture: true)
            try await redeem("WH-2026-3", contractFen: 1_000_000, capture: false)

            let auditCount = try await world.database.read { db in try AuditLogReader.count(db) }
            let ledger = try await LedgerTotals.byCity(world.database)
            try await client.execute(uri: "/metrics", method: .get, headers: headers(token: Self.token, json: false)) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                let samples = Self.samples(text)
                let requests = "corridor_http_requests_total"
                #expect(
                    Self.value(
                        samples, requests,
                        ["method": "GET", "route": "/v1/cities", "status": "200", "status_class": "2xx"]) == 1)
                #expect(
                    Self.value(
                        samples, requests,
                        ["method": "GET", "route": "/v1/organizations/{id}", "status": "404", "status_class": "4xx"])
                        == 1)
                #expect(Self.value(samples, requests, ["method": "GET", "route": "unmatched", "status": "404"]) == 1)
                #expect(Self.value(samples, requests, ["method": "GET", "route": "/v1/search", "status": "422"]) == 1)
                #expect(
                    Self.value(
                        samples, requests, ["method": "POST", "route": "/v1/redemptions/{id}/steps", "status": "200"])
                        == 4)
                #expect(!text.contains("999999") && !text.contains("/no/such/path"), "raw paths never become labels")

                let duration = "corridor_http_request_duration_seconds"
                let cities = ["method": "GET", "route": "/v1/cities", "status_class": "2xx"]
                #expect(Self.value(samples, duration + "_count", cities) == 1)
                #expect(Self.value(samples, duration + "_bucket", cities.merging(["le": "+Inf"]) { $1 }) == 1)
                #expect(Self.value(samples, duration + "_bucket", cities.merging(["le": "10.0"]) { $1 }) == 1)
                #expect(
                    samples.filter { $0.name == duration + "_bucket" && $0.labels["route"] == "/v1/cities" }.count >= 10
                )
                #expect(text.contains("# TYPE \(duration) histogram"))

                let writes = "corridor_db_write_duration_seconds"
                #expect(Self.value(samples, writes + "_count", ["action": "settlement.pay"]) == 1)
                #expect(Self.value(samples, writes + "_count", ["action": "redemption.open"]) == 3)
                #expect(Self.value(samples, writes + "_bucket", ["action": "redemption.open", "le": "+Inf"]) == 3)
                #expect((Self.value(samples, writes + "_sum", ["action": "redemption.open"]) ?? 0) > 0)

                #expect(Self.value(samples, "corridor_audit_log_entries") == Double(auditCount))
                #expect(auditCount > 10)

                let money = "corridor_voucher_amount_fen"
                #expect(Self.value(samples, money, ["city": "HS", "state": "held"]) == 500_000)
                #expect(Self.value(samples, money, ["city": "HS", "state": "captured"]) == 1_000_000)
                #expect(Self.value(samples, money, ["city": "HS", "state": "settled"]) == 3_000_000)
                #expect(Self.value(samples, money, ["city": "WH", "state": "captured"]) == 0)
                for totals in ledger {
                    #expect(
                        Self.value(samples, money, ["city": totals.city.rawValue, "state": "held"])
                            == Double(totals.heldFen))
                }
                #expect(samples.filter { $0.name == money }.count == 15, "five cities × held, captured, settled")
            }
        }
    }

    @Test func withATokenConfiguredOnlyThatTokenMayScrape() async throws {
        let world = try HTTPWorld { $0.metrics.token = Self.token }
        try await world.test { client in
            for header in [nil, "Bearer wrong-token", "Basic \(Self.token)", "Bearer \(world.adminToken)"] {
                var fields = HTTPFields()
                if let header { fields[.authorization] = header }
                try await client.execute(uri: "/metrics", method: .get, headers: fields) { response in
                    let problem = try json(response.body)
                    #expect(response.status == .forbidden, "\(header ?? "none")")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(problem["code"] as? String == "metrics_forbidden")
                    #expect((problem["messageZh"] as? String)?.isEmpty == false)
                }
            }
            // The metrics token is not a user token: AuthMiddleware does not see it.
            try await client.execute(uri: "/metrics", method: .get, headers: headers(token: Self.token, json: false)) {
                response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func withoutATokenOnlyLoopbackClientsMayScrape() async throws {
        let world = try HTTPWorld { $0.http.port = 0 }
        // Through the router there is no socket, so no loopback peer: refused.
        try await world.test { client in
            try await client.execute(uri: "/metrics", method: .get, headers: headers(token: Self.token, json: false)) {
                response in
                #expect(response.status == .forbidden)
            }
        }
        // Over a real socket from 127.0.0.1: served.
        let app = try CorridorServer.buildApplication(
            services: world.services, configuration: world.configuration, tls: nil, logger: Logger(label: "test")
        )
        try await app.test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let samples = Self.samples(String(buffer: response.body))
                #expect(response.status == .ok)
                #expect(
                    Self.value(samples, "corridor_http_requests_total", ["route": "/healthz", "status": "200"]) == 1)
            }
        }
    }

    @Test func loopbackAddressesAreRecognised() throws {
        #expect(MetricsController.isLoopback(try SocketAddress(ipAddress: "127.0.0.1", port: 1)))
        #expect(MetricsController.isLoopback(try SocketAddress(ipAddress: "127.8.9.10", port: 1)))
        #expect(MetricsController.isLoopback(try SocketAddress(ipAddress: "::1", port: 1)))
        #expect(!MetricsController.isLoopback(try SocketAddress(ipAddress: "10.0.0.1", port: 1)))
        #expect(!MetricsController.isLoopback(try SocketAddress(ipAddress: "::2", port: 1)))
        #expect(!MetricsController.isLoopback(nil))
    }

    @Test func readyzAnswers503WhenTheDatabaseTakesNoWrites() async throws {
        let world = try HTTPWorld()
        try await world.test { client in
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
            try await world.database.testWriter.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA query_only = ON")
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                let status = try json(response.body)["status"] as? String
                #expect(response.status == .serviceUnavailable)
                #expect(status == "database unwritable")
            }
            try await world.database.testWriter.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA query_only = OFF")
            }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
        }
    }
}
