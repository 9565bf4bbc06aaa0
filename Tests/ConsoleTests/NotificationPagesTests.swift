@testable import Console
import Foundation
import GRDB
import HTTPTypes
import Identity
import Kernel
import Store
import Testing

/// The inbox in the console (issue 17): the bell counts a person's unread notifications on every
/// page; the notifications page lists them with a link to their object; marking one or all
/// read (CSRF-checked forms) lowers the count; nobody marks another's.
struct NotificationPagesTests {
    /// Two events for `user`: a redemption waiting for the provider and a connection request.
    func notify(_ world: ConsoleWorld, user: Int64) async throws {
        _ = try await world.database.write(as: .system("test", requestID: "t"), action: "test.event") { _, _ in
            Audited(0, target: "redemption", id: "41", change: .null).notifying([
                OutboxEvent(
                    kind: .redemptionAwaitingConfirmation, target: "redemption", id: "41", users: [user],
                    payload: ["voucherNumber": "HS-2026-000041", "voucherFen": .int(3_000_000)]),
                OutboxEvent(kind: .connectionRequested, target: "connection", id: "9", users: [user]),
            ])
        }
        try await world.services.outboxDrain.drain()
    }

    func userID(_ world: ConsoleWorld, _ username: String) async throws -> Int64 {
        try await world.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = ?", arguments: [username]) ?? 0
        }
    }

    @Test func theBellCountsAndMarkingReadLowersIt() async throws {
        let world = try await ConsoleWorld(listings: false)
        let provider = try await world.user(.orgAdmin, kind: .provider, city: .wuhan, username: "wh.provider")
        let other = try await world.user(.orgAdmin, kind: .enterprise, city: .wuhan, username: "wh.enterprise")
        try await notify(world, user: try await userID(world, provider.username))
        try await world.test { client in
            let anonymous = try await Browser(client).get("/console/notifications")
            #expect(anonymous.status == .seeOther && anonymous.location?.hasPrefix("/console/login") == true)
            #expect(!(try await Browser(client).get("/console").html.contains(#"id="bell""#)), "no bell signed out")
            let browser = Browser(client)
            try await browser.signIn(provider.username, provider.password)
            let home = try await browser.get("/console")
            #expect(home.html.contains(#"data-unread="2""#) && home.html.contains(#"id="bell-count">2"#))
            let inbox = try await browser.get("/console/notifications")
            #expect(inbox.status == .ok)
            #expect(inbox.html.contains("一笔创新券兑付等待服务机构确认") && inbox.html.contains("HS-2026-000041 · ¥30,000.00"))
            #expect(inbox.html.contains(#"<a href="/console/provider">"#))
            #expect(inbox.html.contains(#"<a href="/console/connections/9">收到新的对接请求</a>"#))
            let id = try await world.database.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM notification_inbox WHERE target_type = 'redemption'") ?? 0
            }
            // Without the form's token nothing changes.
            let forged = try await browser.post("/console/notifications/read", [("id", "\(id)")], csrf: "forged")
            #expect(forged.status == .forbidden)
            // Another person's form names the item: nothing of theirs changes.
            let stranger = Browser(client)
            try await stranger.signIn(other.username, other.password)
            _ = try await stranger.get("/console/notifications")
            #expect(try await stranger.post("/console/notifications/read", [("id", "\(id)")]).status == .seeOther)
            #expect(try await world.count("SELECT count(*) FROM notification_inbox WHERE read_at IS NULL") == 2)
            let marked = try await browser.post("/console/notifications/read", [("id", "\(id)")])
            #expect(marked.status == .seeOther && marked.location == "/console/notifications?done=1")
            let after = try await browser.get(marked.location ?? "")
            #expect(after.html.contains(#"id="bell-count">1"#) && after.html.contains("已标为已读"))
            #expect(after.html.contains(#"<span id="inbox-unread">1</span>"#))
            let unreadOnly = try await browser.get("/console/notifications?unread=1")
            #expect(!unreadOnly.html.contains("一笔创新券兑付等待服务机构确认"))
            _ = try await browser.post("/console/notifications/read", [("unread", "1")])
            let none = try await browser.get("/console/notifications?unread=1")
            #expect(none.html.contains(#"data-unread="0""#) && !none.html.contains(#"id="bell-count""#))
            #expect(none.html.contains("没有未读通知"))
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'notification.read'") == 2)
        }
    }

    @Test func theInboxSpeaksEnglishToo() async throws {
        let world = try await ConsoleWorld(listings: false)
        let provider = try await world.user(.orgAdmin, kind: .provider, city: .wuhan, username: "wh.provider")
        try await notify(world, user: try await userID(world, provider.username))
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(provider.username, provider.password)
            _ = try await browser.get("/console")
            _ = try await browser.post("/console/language", [("language", "en"), ("next", "/console/notifications")])
            let page = try await browser.get("/console/notifications")
            #expect(
                page.html.contains("A redemption awaits the provider&#39;s confirmation")
                    || page.html.contains("A redemption awaits the provider"))
            #expect(
                page.html.contains("Mark all read") && page.html.contains("2<span class=\"visually-hidden\"> unread"))
        }
    }
}

/// Every kind of event has its words in both languages (a new kind without them shows its key).
struct NotificationTextTests {
    @Test func everyEventKindIsNamedInBothLanguages() {
        for kind in EventKind.allCases {
            let pair = NotificationText.table["event.\(kind.rawValue)"]
            #expect(pair != nil && pair?.0.isEmpty == false && pair?.1.isEmpty == false, "\(kind.rawValue)")
        }
    }
}
