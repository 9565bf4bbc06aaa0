import Foundation
import GRDB
import HTTPTypes
import Kernel
import Notifications
import Store
import Testing

/// Dishonest uses of webhooks (issue 17), each tried through the API: an endpoint aimed inside
/// the server's network, a public name that later resolves inside it (DNS rebinding), and
/// another organisation reading or redelivering your deliveries.
struct WebhookAbuseTests {
    @Test func anEndpointInsideTheNetworkIsRefusedAtRegistration() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let path = "/v1/organizations/\(c.stage.enterpriseOrg)/webhooks"
            let before = try await c.stage.world.snapshot()
            for (url, code) in [
                ("https://169.254.169.254/latest/meta-data", "webhook_host_not_public"),
                ("https://127.0.0.1:8443/v1/organizations", "webhook_host_not_public"),
                ("https://[::1]/h", "webhook_host_not_public"), ("https://10.0.0.8/h", "webhook_host_not_public"),
                ("https://localhost/h", "webhook_host_not_public"),
                ("http://erp.example.cn/h", "webhook_url_not_https"),
                ("https://admin:pw@erp.example.cn/h", "webhook_url_invalid"),
            ] {
                let (status, problem) = try await c.post(path, "enterprise", #"{"url":"\#(url)"}"#)
                #expect(status == .unprocessableContent && problem["code"] as? String == code, "\(url) \(problem)")
            }
            #expect(try await c.stage.world.snapshot() == before, "nothing half-written")
        }
    }

    @Test func aNameThatLaterResolvesInsideTheNetworkIsNeverCalled() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let (endpointID, deliveryID) = try await Self.failedDelivery(c, resolvingTo: ["10.0.0.8"])
            let error = try await c.stage.world.database.read { db in
                try String.fetchOne(
                    db, sql: "SELECT last_error FROM webhook_deliveries WHERE id = ?", arguments: [deliveryID])
            }
            #expect(error?.contains("non-public address") == true, "\(error ?? "nil")")
            let (_, log) = try await c.call(.get, "/v1/webhooks/\(endpointID)/deliveries", "enterprise")
            let item = (log["items"] as? [[String: Any]])?.first ?? [:]
            #expect(item["status"] as? String == "failed" && item["lastStatus"] == nil, "\(log)")
        }
    }

    @Test func anotherOrganisationCannotReadOrRedeliverYourDeliveries() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let (endpointID, deliveryID) = try await Self.failedDelivery(c, resolvingTo: ["192.168.1.20"])
            let redeliver = "/v1/webhooks/\(endpointID)/deliveries/\(deliveryID)/redeliver"
            let before = try await c.stage.world.snapshot()
            for who in ["provider", "member"] {
                let (status, problem) = try await c.post(redeliver, who, "")
                #expect(status == .notFound && problem["code"] as? String == "webhook_not_found", "\(who) \(problem)")
                let (read, _) = try await c.call(.get, "/v1/webhooks/\(endpointID)/deliveries", who)
                #expect(read == .notFound, "\(who)")
            }
            // The provider's own endpoint does not reach the enterprise's delivery either.
            let (_, own) = try await c.post(
                "/v1/organizations/\(c.stage.providerOrg)/webhooks", "provider", #"{"url":"https://p.example.cn/h"}"#)
            let ownID = (own["endpoint"] as? [String: Any])?["id"] as? Int64 ?? 0
            let (crossed, problem) = try await c.post(
                "/v1/webhooks/\(ownID)/deliveries/\(deliveryID)/redeliver", "provider", "")
            #expect(crossed == .notFound && problem["code"] as? String == "webhook_delivery_not_found", "\(problem)")
            let after = try await c.stage.world.snapshot()
            #expect(after[3] == before[3] + 1, "only the provider's own registration was audited")
            // The owner may, once; a second time the delivery is no longer failed.
            let (queued, delivery) = try await c.post(redeliver, "enterprise", "")
            #expect(queued == .ok && delivery["status"] as? String == "pending", "\(delivery)")
            let (twice, again) = try await c.post(redeliver, "enterprise", "")
            #expect(twice == .conflict && again["code"] as? String == "webhook_delivery_not_failed", "\(again)")
        }
    }

    /// The enterprise's endpoint, an event for the enterprise fanned out to it, and its delivery
    /// refused at every attempt (the host resolves to `addresses`) until it is given up.
    static func failedDelivery(_ c: AbuseClient, resolvingTo addresses: [String]) async throws -> (Int64, Int64) {
        let world = c.stage.world
        let (created, endpoint) = try await c.post(
            "/v1/organizations/\(c.stage.enterpriseOrg)/webhooks", "enterprise", #"{"url":"https://erp.example.cn/h"}"#)
        #expect(created == .created, "\(endpoint)")
        let endpointID = (endpoint["endpoint"] as? [String: Any])?["id"] as? Int64 ?? 0
        let organization = c.stage.enterpriseOrg
        _ = try await world.database.write(as: .system("test", requestID: "t"), action: "test.event") { _, _ in
            Audited(0, target: "need", id: "7", change: .null).notifying([
                OutboxEvent(
                    kind: .redemptionAwaitingConfirmation, target: "redemption", id: "7", users: [],
                    organizations: [organization])
            ])
        }
        let deliveries = WebhookDeliveries(
            database: world.database,
            settings: WebhookSettings(masterKey: Array(repeating: 7, count: 32), giveUpAfter: 60),
            resolver: WebhookResolver { _ in addresses })
        #expect(try await deliveries.fanOutAll() >= 1)
        // The first attempt is retried later; the second, past `giveUpAfter`, gives up.
        for _ in 0..<2 {
            #expect(try await deliveries.deliverDue() == 1)
            c.stage.clock.advance(by: 3_600)
        }
        let id = try await world.database.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM webhook_deliveries WHERE endpoint_id = ? AND status = 'failed'",
                arguments: [endpointID])
        }
        return (endpointID, try #require(id))
    }
}
