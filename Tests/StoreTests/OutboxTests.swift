import Foundation
import GRDB
import Kernel
@_spi(Testing) import Store
import Testing

/// The transactional outbox: an event is stored with the change that caused it, or not at all.
struct OutboxTests {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))

    func database() throws -> AppDatabase {
        try AppDatabase.inMemory(clock: clock, modules: [WidgetModule.migrations], idempotencyLifetime: 3_600)
    }

    /// A widget write that tells users 11 and 12 (and organisation 5's webhooks), then fails when asked.
    func create(
        _ database: AppDatabase, _ name: String, actor: Actor = userActor(), users: [Int64] = [11, 12, 11]
    )
        async throws -> Int64
    {
        try await database.write(as: actor, action: "widget.create") { db, _ in
            try db.execute(sql: "INSERT INTO widgets (name) VALUES (?)", arguments: [name])
            let id = db.lastInsertedRowID
            let result = Audited(id, target: "widget", id: String(id), change: ["name": .string(name)])
                .notifying([
                    OutboxEvent(
                        kind: .voucherApplicationDecided, target: "widget", id: String(id), users: users,
                        organizations: [5],
                        payload: ["name": .string(name)])
                ])
            if name.hasPrefix("reject") { throw WidgetModule.Rejected() }
            return result
        }
    }

    func events(_ database: AppDatabase) async throws -> [StoredOutboxEvent] {
        try await database.read { db in try AppDatabase.outboxEvents(db, after: 0, limit: 100) }
    }

    @Test func anEventIsStoredWithItsWriteAndNamedByTheAuditEntry() async throws {
        let database = try database()
        let id = try await create(database, "光谷")
        let stored = try await events(database)
        #expect(stored.count == 1)
        let event = try #require(stored.first)
        let seq = try await database.read { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM audit_log") }
        #expect(event.auditSeq == seq)
        #expect(event.eventID == "\(try #require(seq)).0")
        #expect(event.kind == "voucher_application.decided" && event.targetID == String(id))
        #expect(event.users == [11, 12], "recipients are stored once each")
        #expect(event.organizations == [5])
        #expect(event.payload == ["name": "光谷"])
        #expect(event.createdAt == clock.now())
    }

    @Test func withNotificationsOffTheWriteLandsAndNoEventIsStored() async throws {
        let database = try AppDatabase.inMemory(
            clock: clock, modules: [WidgetModule.migrations], idempotencyLifetime: 3_600, recordsEvents: false)
        let id = try await create(database, "光谷")
        #expect(try await events(database).isEmpty)
        let audited = try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE target_id = ?", arguments: [String(id)])
        }
        #expect(audited == 1, "the write itself is audited as ever")
    }

    @Test func aRefusedWriteStoresNoEvent() async throws {
        let database = try database()
        await #expect(throws: WidgetModule.Rejected.self) { _ = try await create(database, "reject-me") }
        #expect(try await events(database).isEmpty)
    }

    @Test func aReplayStoresNoSecondEvent() async throws {
        let database = try database()
        let claim = IdempotencyClaim(key: "k-1", requestHash: "h")
        let first = try await create(database, "once", actor: userActor(idempotency: claim))
        let again = try await create(database, "once", actor: userActor(idempotency: claim))
        #expect(first == again)
        #expect(try await events(database).count == 1)
    }

    @Test func anEventWithNobodyToTellIsNotStored() async throws {
        let database = try database()
        _ = try await database.write(as: userActor(), action: "widget.create") { db, _ in
            Audited(1, target: "widget", id: "1", change: .null)
                .notifying([OutboxEvent(kind: .voucherApplicationDecided, target: "widget", id: "1", users: [])])
        }
        #expect(try await events(database).isEmpty)
    }

    @Test func eventsArePagedInWriteOrder() async throws {
        let database = try database()
        for index in 0..<5 { _ = try await create(database, "w\(index)") }
        let firstPage = try await database.read { db in try AppDatabase.outboxEvents(db, after: 0, limit: 2) }
        let rest = try await database.read { db in
            try AppDatabase.outboxEvents(db, after: firstPage.last?.id ?? 0, limit: 100)
        }
        #expect(firstPage.count == 2 && rest.count == 3)
        #expect((firstPage + rest).map(\.payload) == (0..<5).map { ["name": .string("w\($0)")] })
    }
}
