import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Notifications
import Testing

/// One-click unsubscribe through the route (RFC 8058): no sign-in, the server-made MAC is the
/// credential; a forged, altered or malformed link is refused alike and writes nothing; a repeat
/// changes nothing; the person's other categories and channels are kept.
struct UnsubscribeRoutesTests {
    /// A POST with no credentials, as a mail client sends it (RFC 8058's form body).
    func anonymous(_ c: AbuseClient, _ uri: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        var result: (HTTPResponse.Status, [String: Any]) = (.ok, [:])
        var fields = HTTPFields()
        fields[.contentType] = "application/x-www-form-urlencoded"
        try await c.client.execute(
            uri: uri, method: .post, headers: fields, body: ByteBuffer(string: "List-Unsubscribe=One-Click")
        ) { response in
            let object =
                response.body.readableBytes > 0
                ? try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) : nil
            result = (response.status, object as? [String: Any] ?? [:])
        }
        return result
    }

    @Test func onlyTheServersLinkTurnsOffOneCategoryOfEmail() async throws {
        let stage = try await AbuseWorld()
        let member = try await stage.world.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = 'yuangong.hs'") ?? 0
        }
        let key = stage.world.services.unsubscribeKey
        let mac = MailUnsubscribe.mac(key: key, user: member, category: .money)
        let other = MailUnsubscribe.mac(key: key, user: member, category: .discovery)
        try await stage.run { c in
            let before = try await c.stage.world.snapshot()
            for query in [
                "user=\(member)&category=money&mac=\(String(repeating: "0", count: 32))",
                "user=\(member)&category=money&mac=\(other)",  // another category's MAC
                "user=\(member + 1)&category=money&mac=\(mac)",  // another person
                "user=\(member)&category=money",
                "user=x&category=money&mac=\(mac)",
                "user=\(member)&category=%3Dcmd%7C&mac=\(mac)",
            ] {
                let (status, problem) = try await anonymous(c, "/v1/unsubscribe?\(query)")
                #expect(status == .notFound || status == .badRequest || status == .unprocessableContent, "\(query)")
                if status == .notFound {
                    #expect(problem["code"] as? String == "unsubscribe_link_invalid", "\(query) \(problem)")
                }
            }
            #expect(try await c.stage.world.snapshot() == before, "nothing written by the refused")
            let (done, _) = try await anonymous(c, "/v1/unsubscribe?user=\(member)&category=money&mac=\(mac)")
            #expect(done == .noContent)
            let (_, preferences) = try await c.call(.get, "/v1/notifications/preferences", "member")
            let rows = (preferences["items"] as? [[String: Any]]) ?? []
            let money = rows.first { $0["category"] as? String == "money" }
            #expect(money?["email"] as? Bool == false && money?["inbox"] as? Bool == true, "\(preferences)")
            #expect(money?["source"] as? String == "user")
            let discovery = rows.first { $0["category"] as? String == "discovery" }
            #expect(discovery?["email"] as? Bool == true, "another category is untouched")
            let once = try await c.stage.world.snapshot()
            let (again, _) = try await anonymous(c, "/v1/unsubscribe?user=\(member)&category=money&mac=\(mac)")
            let after = try await c.stage.world.snapshot()
            #expect(again == .noContent && after == once, "a repeat writes nothing")
        }
    }

    @Test func aDigestsLinkStopsTheWholeDigestAndNothingElse() async throws {
        let stage = try await AbuseWorld()
        let member = try await stage.world.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = 'yuangong.hs'") ?? 0
        }
        let key = stage.world.services.unsubscribeKey
        try await stage.run { c in
            // Workflow joins discovery in the daily digest; money stays immediate.
            let choices =
                #"{"items":[{"category":"workflow","inbox":true,"email":true,"webhook":false,"timing":"daily_digest"},"#
                + #"{"category":"discovery","inbox":true,"email":true,"webhook":false,"timing":"daily_digest"}]}"#
            #expect(try await c.call(.put, "/v1/notifications/preferences", "member", choices).0 == .ok)
            let mac = MailUnsubscribe.mac(key: key, user: member, category: .discovery)
            let (done, _) = try await anonymous(c, "/v1/unsubscribe?user=\(member)&category=discovery&mac=\(mac)")
            #expect(done == .noContent)
            let (_, preferences) = try await c.call(.get, "/v1/notifications/preferences", "member")
            let email = Dictionary(
                uniqueKeysWithValues: ((preferences["items"] as? [[String: Any]]) ?? []).map {
                    ($0["category"] as? String ?? "", $0["email"] as? Bool)
                })
            #expect(email["discovery"] == false && email["workflow"] == false, "the digest is stopped: \(email)")
            #expect(email["money"] == true, "immediate e-mail is another kind: \(email)")
        }
    }

    @Test func sixtyFourClicksOnOneLinkWriteOnce() async throws {
        let stage = try await AbuseWorld()
        let member = try await stage.world.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = 'yuangong.hs'") ?? 0
        }
        let mac = MailUnsubscribe.mac(key: stage.world.services.unsubscribeKey, user: member, category: .money)
        let entries = {
            try await stage.world.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'notification.unsubscribe'")
                    ?? 0
            }
        }
        try await stage.run { c in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<64 {
                    group.addTask {
                        try await anonymous(c, "/v1/unsubscribe?user=\(member)&category=money&mac=\(mac)").0
                    }
                }
                var all: [HTTPResponse.Status] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.allSatisfy { $0 == .noContent }, "\(Set(statuses.map(\.code)))")
        }
        #expect(try await entries() == 1, "the first click writes; the other 63 change nothing")
    }
}
