import Foundation
import GRDB
import Identity
import Kernel
import Notifications
@_spi(Testing) import Store
import Testing

/// Events written by a domain write reach the recipients' inboxes once, in order; each user
/// reads and marks only their own.
struct InboxTests {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
    let database: AppDatabase

    init() throws {
        database = try AppDatabase.inMemory(
            clock: clock, modules: [IdentityMigrations.all, NotificationsMigrations.all])
    }

    func person(_ user: Int64) -> Actor {
        Actor(userID: user, organizationID: 1, city: .wuhan, role: .orgMember, requestID: "r\(user)")
    }

    /// A write that records one event for `users` (the way domain modules do).
    func tell(
        _ users: [Int64], _ kind: EventKind = .redemptionAwaitingConfirmation, title: String = "锂电池隔膜"
    ) async throws {
        _ = try await database.write(as: .system("test", requestID: "t"), action: "test.event") { _, _ in
            Audited(0, target: "need", id: "7", change: ["title": .string(title)])
                .notifying([
                    OutboxEvent(kind: kind, target: "need", id: "7", users: users, payload: ["title": .string(title)])
                ])
        }
    }

    @Test func anEventReachesEachRecipientsInboxOnce() async throws {
        let drain = OutboxDrain(database: database, batch: 2)
        try await tell([11, 12])
        try await tell([12], title: "second")
        try await tell([13], title: "third")
        #expect(try await drain.drain() == 3)
        #expect(try await drain.drain() == 0, "a drained outbox files nothing again")
        let inbox = InboxService(database: database)
        let twelve = try await inbox.page(for: person(12), page: PageRequest(limit: 10))
        #expect(twelve.items.map(\.payload) == [["title": "second"], ["title": "锂电池隔膜"]], "newest first")
        #expect(twelve.unread == 2)
        #expect(try await inbox.unreadCount(for: person(11)) == 1)
        #expect(try await inbox.unreadCount(for: person(99)) == 0)
    }

    @Test func aLostPositionFilesNothingTwice() async throws {
        let drain = OutboxDrain(database: database)
        try await tell([11])
        try await drain.drain()
        try await database.testWriter.write { db in try db.execute(sql: "DELETE FROM notification_positions") }
        #expect(try await drain.drain() == 1, "the event is read again")
        let count = try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM notification_inbox WHERE user_id = 11")
        }
        #expect(count == 1, "but filed once")
    }

    @Test func pagesFollowTheCursor() async throws {
        for index in 0..<5 { try await tell([11], title: "n\(index)") }
        try await OutboxDrain(database: database).drain()
        let inbox = InboxService(database: database)
        let first = try await inbox.page(for: person(11), page: PageRequest(limit: 2))
        let cursor = try #require(first.nextCursor)
        let second = try await inbox.page(
            for: person(11), page: PageRequest(limit: 10, after: try Cursor.decode(cursor)))
        #expect(first.items.count == 2 && second.items.count == 3 && second.nextCursor == nil)
        #expect((first.items + second.items).map(\.payload) == (0..<5).reversed().map { ["title": .string("n\($0)")] })
    }

    @Test func markingReadTouchesOnlyTheViewersItemsAndIsAudited() async throws {
        try await tell([11, 12])
        try await tell([11], title: "other")
        try await OutboxDrain(database: database).drain()
        let inbox = InboxService(database: database)
        let twelvesItem = try #require(try await inbox.page(for: person(12), page: PageRequest()).items.first)
        let elevens = try await inbox.page(for: person(11), page: PageRequest()).items
        let stranger = try await inbox.markRead([twelvesItem.id], by: person(11))
        #expect(stranger == InboxMarked(marked: 0, unread: 2), "another user's id changes nothing")
        #expect(try await inbox.unreadCount(for: person(12)) == 1)
        let one = try await inbox.markRead([elevens[0].id], by: person(11))
        #expect(one == InboxMarked(marked: 1, unread: 1))
        let unreadOnly = try await inbox.page(for: person(11), unreadOnly: true, page: PageRequest())
        #expect(unreadOnly.items.map(\.id) == [elevens[1].id])
        let all = try await inbox.markRead(nil, by: person(11))
        #expect(all == InboxMarked(marked: 1, unread: 0))
        let audited = try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'notification.read'")
        }
        #expect(audited == 2, "two marks changed something; the stranger's did not")
    }

    @Test func aMachineWithoutAUserHasNoInboxAndHugeMarksAreRefused() async throws {
        let inbox = InboxService(database: database)
        await #expect(throws: NotificationsError.noInbox) {
            _ = try await inbox.unreadCount(for: .system("job", requestID: "j"))
        }
        await #expect(throws: NotificationsError.tooManyIds(max: InboxService.maxIdsPerMark)) {
            _ = try await inbox.markRead(Array(1...Int64(InboxService.maxIdsPerMark + 1)), by: person(11))
        }
    }
}
