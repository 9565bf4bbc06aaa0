import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Kernel
import NIOCore
import Notifications
@_spi(Testing) import Store
import Testing

/// Issue 17's first "done when", by e-mail: an enterprise posts a need; the university whose
/// portfolio matches, having asked for discoveries at once by e-mail, gets one message that
/// links to the need (the relay itself is exercised in NotificationsTests against aiosmtpd).
struct MatchMailTests {
    actor Outbox: MailTransport {
        var messages: [MailMessage] = []
        func deliver(_ message: MailMessage) async throws { messages.append(message) }
    }

    @Test func aNewNeedIsMailedToTheMatchingUniversityWithALinkToIt() async throws {
        let world = try HTTPWorld()
        let routes = ListingRoutesTests()
        let university = try await routes.signIn(world, "university", "WH", .orgMember, "tto.mail")
        let enterprise = try await routes.signIn(world, "enterprise", "HS", .orgAdmin, "eng.mail")
        try await world.database.testWriter.write { db in
            try db.execute(sql: "UPDATE users SET email = 'tto@whu.example.cn' WHERE username = 'tto.mail'")
        }
        let deadline = Timestamp.format(Date().addingTimeInterval(90 * 86_400))
        let outbox = Outbox()
        let settings = MailSettings(
            from: try MailAddress("notices@corridor.example.cn"), publicBase: "https://corridor.example.cn",
            unsubscribeKey: world.services.unsubscribeKey, title: { ($0, $0) },
            link: { type, id in type == "need" ? "/console/needs/\(id)" : nil })
        let delivery = MailDelivery(database: world.database, settings: settings, transport: outbox)
        try await world.test { client in
            func call(
                _ method: HTTPRequest.Method, _ uri: String, _ token: String, _ body: String? = nil
            )
                async throws -> (HTTPResponse.Status, [String: Any])
            {
                var result: (HTTPResponse.Status, [String: Any]) = (.ok, [:])
                try await client.execute(
                    uri: uri, method: method, headers: headers(token: token), body: body.map { ByteBuffer(string: $0) }
                ) { response in result = (response.status, (try? json(response.body)) ?? [:]) }
                return result
            }
            #expect(try await call(.post, "/v1/patents", university, ListingRoutesTests.patent).0 == .created)
            #expect(
                try await call(.post, "/v1/match-subscriptions", university, #"{"subject":"portfolio","minScore":0}"#)
                    .0 == .created)
            let atOnce =
                #"{"items":[{"category":"discovery","inbox":true,"email":true,"webhook":false,"timing":"immediate"}]}"#
            #expect(try await call(.put, "/v1/notifications/preferences", university, atOnce).0 == .ok)
            _ = try await world.services.matchSubscriptionEvaluation.run()
            let (posted, need) = try await call(
                .post, "/v1/needs", enterprise, ListingRoutesTests.need(deadline: deadline))
            #expect(posted == .created)
            #expect(need["id"] as? Int64 != nil)
            #expect(try await world.services.matchSubscriptionEvaluation.run() == 1)
            _ = try await world.services.outboxDrain.drain()
            _ = try await MailFanOut(database: world.database).fanOutAll()  // the server queues with a relay
            #expect(try await delivery.sendDue() == 1)
            let (_, inbox) = try await call(.get, "/v1/notifications", university)
            #expect((inbox["items"] as? [[String: Any]] ?? []).contains { $0["kind"] as? String == "match.found" })
        }
        let messages = await outbox.messages
        #expect(messages.count == 1)
        let message = try #require(messages.first)
        #expect(message.to.map(\.address) == ["tto@whu.example.cn"])
        #expect(message.subject.contains("match.found"))
        let needID = try await world.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT max(id) FROM listings WHERE kind = 'need'") ?? 0
        }
        #expect(message.text.contains("https://corridor.example.cn/console/needs/\(needID)"), "\(message.text)")
    }
}
