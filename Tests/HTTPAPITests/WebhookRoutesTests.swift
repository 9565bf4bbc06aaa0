import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Testing

/// Webhook endpoints through the routes (issue 17): an organisation's administrator registers,
/// lists, rotates and disables them; the secret is in the creating (or rotating) answer only —
/// not in a replay, a list, the idempotency table or the audit log; a member of the
/// organisation and another organisation's administrator are refused.
struct WebhookRoutesTests {
    @Test func anAdministratorManagesItsEndpointsAndSeesTheSecretOnce() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let path = "/v1/organizations/\(c.stage.enterpriseOrg)/webhooks"
            let body = #"{"url":"https://erp.example.cn/hooks"}"#
            let (created, first) = try await c.post(path, "enterprise", body, key: "webhook-1")
            #expect(created == .created, "\(first)")
            let secret = try #require(first["secret"] as? String)
            #expect(secret.count == 64 && first["alreadyShown"] as? Bool == false)
            let endpoint = first["endpoint"] as? [String: Any] ?? [:]
            let id = try #require(endpoint["id"] as? Int64)
            #expect(endpoint["active"] as? Bool == true && endpoint["url"] as? String == "https://erp.example.cn/hooks")
            // A replay of the same key answers the same endpoint without the secret.
            let (replayed, replay) = try await c.post(path, "enterprise", body, key: "webhook-1")
            #expect(replayed == .created && replay["secret"] == nil && replay["alreadyShown"] as? Bool == true)
            #expect((replay["endpoint"] as? [String: Any])?["id"] as? Int64 == id)
            let (listed, list) = try await c.call(.get, path, "enterprise")
            #expect(listed == .ok && (list["items"] as? [[String: Any]])?.map { $0["id"] as? Int64 } == [id])
            let (rotatedStatus, rotated) = try await c.post("/v1/webhooks/\(id)/rotate", "enterprise", "", key: "rot-1")
            let newSecret = try #require(rotated["secret"] as? String, "\(rotatedStatus) \(rotated)")
            #expect(newSecret != secret)
            let (logged, log) = try await c.call(.get, "/v1/webhooks/\(id)/deliveries?status=failed", "enterprise")
            #expect(logged == .ok && (log["items"] as? [Any])?.isEmpty == true, "\(log)")
            let (disabledStatus, disabled) = try await c.post("/v1/webhooks/\(id)/disable", "enterprise", "")
            #expect(disabledStatus == .ok && disabled["active"] as? Bool == false, "\(disabled)")
            let (again, refused) = try await c.post("/v1/webhooks/\(id)/rotate", "enterprise", "")
            #expect(again == .conflict && refused["code"] as? String == "webhook_disabled")
            // The secrets are nowhere at rest, and in no later answer.
            let (_, later) = try await c.call(.get, path, "enterprise")
            let kept = try await c.stage.world.database.read { db in
                try String.fetchAll(db, sql: "SELECT quote(response) FROM idempotency_keys")
                    + String.fetchAll(db, sql: "SELECT change FROM audit_log")
                    + String.fetchAll(db, sql: "SELECT quote(salt) || url FROM webhook_endpoints")
            }
            for text in kept + ["\(later)", "\(replay)", "\(disabled)"] {
                #expect(!text.lowercased().contains(secret) && !text.lowercased().contains(newSecret))
            }
            let stored = try await c.stage.world.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM idempotency_keys WHERE key IN ('webhook-1', 'rot-1')")
            }
            #expect(stored == 2, "the replays are remembered, without their secret")
        }
    }

    @Test func aMemberAndAnotherOrganisationsAdministratorAreRefused() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let path = "/v1/organizations/\(c.stage.enterpriseOrg)/webhooks"
            let (_, first) = try await c.post(path, "enterprise", #"{"url":"https://erp.example.cn/hooks"}"#)
            let id = (first["endpoint"] as? [String: Any])?["id"] as? Int64 ?? 0
            let before = try await c.stage.world.snapshot()
            for who in ["member", "provider"] {
                let (create, problem) = try await c.post(path, who, #"{"url":"https://evil.example.com/h"}"#)
                #expect(create == .forbidden && problem["code"] as? String == "forbidden", "\(who) \(problem)")
                let (list, _) = try await c.call(.get, path, who)
                #expect(list == .forbidden, "\(who)")
                for (method, uri) in [
                    (HTTPRequest.Method.post, "/v1/webhooks/\(id)/rotate"), (.post, "/v1/webhooks/\(id)/disable"),
                    (.get, "/v1/webhooks/\(id)/deliveries"),
                ] {
                    let (status, answer) = try await c.call(method, uri, who, method == .post ? "" : nil)
                    #expect(status == .notFound && answer["code"] as? String == "webhook_not_found", "\(who) \(uri)")
                    #expect(answer["secret"] == nil)
                }
            }
            #expect(try await c.stage.world.snapshot() == before, "nothing written by the refused")
            let (anonymous, _) = try await c.call(.get, path, "nobody")
            #expect(anonymous == .unauthorized)
        }
    }
}
