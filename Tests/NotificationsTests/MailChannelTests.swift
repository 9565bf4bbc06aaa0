import Foundation
import GRDB
import Identity
import Kernel
import Notifications
@_spi(Testing) import Store
import Synchronization
import Testing

/// Sends nothing; keeps what it was given, or fails as told.
final class MailRecorder: MailTransport, Sendable {
    let sent = Mutex<[MailMessage]>([])
    let failure = Mutex<MailError?>(nil)

    func deliver(_ message: MailMessage) async throws {
        if let failure = failure.withLock({ $0 }) { throw failure }
        sent.withLock { $0.append(message) }
    }

    var messages: [MailMessage] { sent.withLock { $0 } }
}

/// E-mail to people (issue 17): events reach those whose preferences ask for e-mail, at once
/// or in the daily digest, retried when the server says later, dropped when the person has no
/// address any more; every message carries a one-click unsubscribe link that only the server
/// can make.
struct MailChannelTests {
    // 2027-01-15 08:00 UTC = 16:00 in China.
    let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
    let database: AppDatabase
    let recorder = MailRecorder()
    let key: [UInt8] = Array("a test unsubscribe key, 32 bytes".utf8)

    init() throws {
        database = try AppDatabase.inMemory(
            clock: clock, modules: [IdentityMigrations.all, NotificationsMigrations.all])
        try database.testWriter.write { db in
            try db.execute(
                sql: """
                    INSERT INTO organizations (id, kind, name, city, credit_code, created_at, updated_at)
                    VALUES (1, 'enterprise', '咸宁光电', 'XN', '91421200MA4K000001', 0, 0);
                    INSERT INTO users (id, organization_id, username, display_name, password_hash, role, email, created_at)
                    VALUES (11, 1, 'li.na', '李娜 <b>', 'x', 'org_member', 'li.na@example.cn', 0),
                           (12, 1, 'no.mail', '王伟', 'x', 'org_member', NULL, 0);
                    """)
        }
    }

    var settings: MailSettings {
        MailSettings(
            from: try! MailAddress("notices@corridor.example.cn", name: "光谷科创大走廊"),
            publicBase: "https://corridor.example.cn", unsubscribeKey: key, maxAttempts: 3,
            title: { kind in ("中文：\(kind)", "English: \(kind)") })
    }

    var delivery: MailDelivery { MailDelivery(database: database, settings: settings, transport: recorder) }

    func tell(_ users: [Int64], _ kind: EventKind) async throws {
        _ = try await database.write(as: .system("test", requestID: "t"), action: "test.event") { _, _ in
            Audited(0, target: "need", id: "7", change: [:])
                .notifying([OutboxEvent(kind: kind, target: "need", id: "7", users: users)])
        }
    }

    func statuses() async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT status FROM notification_mail ORDER BY id")
        }
    }

    @Test func moneyGoesAtOnceToThoseWithAnAddressAndOnlyOnce() async throws {
        try await tell([11, 12], .redemptionSettled)
        try await tell([11], .connectionRequested)  // workflow: no e-mail by default
        #expect(try await MailFanOut(database: database).fanOutAll() == 2)
        #expect(try await MailFanOut(database: database).fanOutAll() == 0)
        #expect(try await statuses() == ["pending"], "one row: the person with an address, the money event")
        #expect(try await delivery.sendDue() == 1)
        #expect(try await delivery.sendDue() == 0, "sent once")
        let message = try #require(recorder.messages.first)
        #expect(message.to.map(\.address) == ["li.na@example.cn"])
        #expect(message.subject.contains("中文：redemption.settled") && message.subject.contains("English:"))
        #expect(message.html.contains("李娜 &lt;b&gt;") && !message.html.contains("<b>"), "names are escaped")
        let link = try #require(message.unsubscribe?.absoluteString)
        #expect(link.hasPrefix("https://corridor.example.cn/v1/unsubscribe?user=11&category=money&mac="))
        #expect(message.text.contains(link.replacingOccurrences(of: "/v1/", with: "/console/")))
        #expect(try await statuses() == ["sent"])
    }

    @Test func aBacklogIsSentBatchAfterBatchInOneRunWithinItsBound() async throws {
        for _ in 0..<5 { try await tell([11], .redemptionSettled) }
        #expect(try await MailFanOut(database: database).fanOutAll() == 5)
        #expect(try await delivery.sendAllDue(limit: 2, batches: 2) == 4, "two full batches, then the bound")
        #expect(try await delivery.sendAllDue(limit: 2) == 1, "a short batch ends the run")
        #expect(try await delivery.sendAllDue(limit: 2) == 0)
        #expect(recorder.messages.count == 5)
        #expect(try await statuses() == Array(repeating: "sent", count: 5))
    }

    @Test func withoutARelayThePositionMovesAndNothingIsQueued() async throws {
        try await tell([11], .redemptionSettled)
        #expect(try await MailFanOut(database: database, queues: false).fanOutAll() == 1)
        #expect(try await MailFanOut(database: database).fanOutAll() == 0, "configured later: no history mailed")
        #expect(try await statuses().isEmpty)
    }

    @Test func discoveriesWaitForTheDailyDigestAndGoTogether() async throws {
        try await tell([11], .savedSearchMatched)
        try await tell([11], .matchFound)
        try await MailFanOut(database: database).fanOutAll()
        #expect(try await delivery.sendDue() == 0, "not before 08:00 China time")
        clock.advance(by: 15 * 3_600)  // 07:00 the next day
        #expect(try await delivery.sendDue() == 0)
        clock.advance(by: 3_600)
        #expect(try await delivery.sendDue() == 1, "one digest for both")
        let digest = try #require(recorder.messages.first)
        #expect(digest.subject.contains("2"))
        #expect(digest.text.contains("saved_search.matched") && digest.text.contains("match.found"))
        #expect(digest.text.contains("Stop the daily digest") && digest.html.contains("Stop the daily digest"))
        #expect(try await statuses() == ["sent", "sent"])
    }

    @Test func theNextDigestIsEightOClockChinaTime() {
        let fourPM = Date(timeIntervalSince1970: 1_800_000_000)  // 16:00 CST
        let next = MailFanOut.nextDigest(after: fourPM)
        #expect(next.timeIntervalSince(fourPM) == 16 * 3_600)
        let sevenAM = fourPM.addingTimeInterval(-9 * 3_600)
        #expect(MailFanOut.nextDigest(after: sevenAM).timeIntervalSince(sevenAM) == 3_600)
        #expect(MailFanOut.nextDigest(after: next) == next.addingTimeInterval(24 * 3_600), "strictly after")
    }

    @Test func laterIsRetriedAndNeverFailsForGood() async throws {
        try await tell([11], .redemptionSettled)
        try await MailFanOut(database: database).fanOutAll()
        recorder.failure.withLock { $0 = .rejected(command: "RCPT", code: 451, text: "try later") }
        #expect(try await delivery.sendDue() == 1)
        #expect(try await delivery.sendDue() == 0, "not due again at once")
        clock.advance(by: 61)
        #expect(try await delivery.sendDue() == 1)
        recorder.failure.withLock { $0 = nil }
        clock.advance(by: 121)
        #expect(try await delivery.sendDue() == 1)
        #expect(recorder.messages.count == 1)
        let attempts = try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT attempts FROM notification_mail")
        }
        let states = try await statuses()
        #expect(attempts == 3 && states == ["sent"])

        try await tell([11], .redemptionClosed)
        try await MailFanOut(database: database).fanOutAll()
        recorder.failure.withLock { $0 = .rejected(command: "RCPT", code: 550, text: "no such mailbox") }
        #expect(try await delivery.sendDue() == 1)
        #expect(try await statuses() == ["sent", "failed"], "a permanent refusal is not retried")
    }

    @Test func aPersonWhoLostTheirAddressIsDropped() async throws {
        try await tell([11], .redemptionSettled)
        try await MailFanOut(database: database).fanOutAll()
        try await database.testWriter.write { db in try db.execute(sql: "UPDATE users SET email = NULL") }
        #expect(try await delivery.sendDue() == 1)
        let states = try await statuses()
        #expect(recorder.messages.isEmpty && states == ["dropped"])
    }

    @Test func preferencesDecideAndTheLinkUnsubscribesOnlyWithTheServersMAC() async throws {
        let preferences = PreferenceService(database: database)
        let good = MailUnsubscribe.mac(key: key, user: 11, category: .money)
        for (user, mac) in [(11, String(repeating: "0", count: 32)), (12, good), (11, "")] as [(Int64, String)] {
            await #expect(throws: NotificationsError.unsubscribeLinkInvalid) {
                _ = try await preferences.unsubscribe(
                    user: user, category: .money, mac: mac, key: key, requestID: "u")
            }
        }
        let after = try await preferences.unsubscribe(
            user: 11, category: .money, mac: good.uppercased(), key: key, requestID: "u")
        let money = try #require(after.first { $0.category == .money })
        #expect(!money.email && money.inbox && money.source == .user)
        _ = try await preferences.unsubscribe(user: 11, category: .money, mac: good, key: key, requestID: "u")
        let audited = try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'notification.unsubscribe'")
        }
        #expect(audited == 1, "the repeat changed nothing and wrote nothing")
        try await tell([11], .redemptionSettled)
        try await MailFanOut(database: database).fanOutAll()
        #expect(try await statuses().isEmpty, "no e-mail after unsubscribing")
    }

    @Test func emailOnlySkipsTheInboxOfThoseWithAnAddressOnly() async throws {
        let preferences = PreferenceService(database: database)
        let choice = PreferenceChoice(category: .money, inbox: false, email: true, webhook: false, timing: .immediate)
        for user: Int64 in [11, 12] {
            let actor = Actor(userID: user, organizationID: 1, city: .xianning, role: .orgMember, requestID: "p\(user)")
            _ = try await preferences.setOwn([choice], by: actor)
        }
        try await tell([11, 12], .redemptionSettled)
        try await tell([11, 12], .connectionRequested)
        try await OutboxDrain(database: database).drain()
        let filed = try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT user_id, kind FROM notification_inbox ORDER BY user_id, id")
                .map { "\($0["user_id"] as Int64) \($0["kind"] as String)" }
        }
        #expect(
            filed == ["11 connection.requested", "12 redemption.settled", "12 connection.requested"],
            "11 takes money by e-mail only; 12 has no address, so the inbox is the only way")
        try await MailFanOut(database: database).fanOutAll()
        #expect(try await delivery.sendDue() == 1)
        #expect(recorder.messages.map { $0.to.map(\.address) } == [["li.na@example.cn"]])
    }

    /// The whole channel against a real SMTP server (aiosmtpd on loopback): a transient refusal
    /// first, then the message arrives with its one-click unsubscribe header and both languages.
    @Test(.enabled(if: SMTPSink.runs)) func aRealRelayGetsTheMessageAfterATransientRefusal() async throws {
        let sink = try SMTPSink(arguments: ["--fail-first", "1"])
        let client = SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: sink.port, security: .none))
        let delivery = MailDelivery(database: database, settings: settings, transport: client)
        try await tell([11], .redemptionSettled)
        try await MailFanOut(database: database).fanOutAll()
        #expect(try await delivery.sendDue() == 1)
        let kept = try await statuses()
        #expect(try sink.messages().isEmpty && kept == ["pending"], "4xx: kept for a retry")
        clock.advance(by: 61)
        #expect(try await delivery.sendDue() == 1)
        let raw = try #require(try sink.messages().first)
        #expect(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        #expect(raw.contains("https://corridor.example.cn/v1/unsubscribe?user=11&category=money&mac="))
        #expect(raw.contains("li.na@example.cn"))
        #expect(try await statuses() == ["sent"])
    }
}
