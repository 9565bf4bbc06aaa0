import CorridorCrypto
import Foundation
import GRDB
import Kernel
@_spi(Testing) import Store
import Testing

struct WritePathTests {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))

    func database() throws -> AppDatabase {
        try AppDatabase.inMemory(clock: clock, modules: [WidgetModule.migrations], idempotencyLifetime: 3_600)
    }

    @Test func aWriteAppendsExactlyOneHashedAuditEntry() async throws {
        let database = try database()
        let widget = try await WidgetModule.create(database, name: "光谷", actor: userActor("req-a"))
        _ = try await WidgetModule.create(database, name: "second", actor: .system("test", requestID: "req-b"))
        let entries = try await database.read { db in try AuditLogReader.entries(db, start: 1, end: 100, limit: 10) }
        #expect(entries.map(\.seq) == [1, 2])
        let first = try #require(entries.first)
        #expect(first.action == "widget.create")
        #expect(first.targetType == "widget" && first.targetID == String(widget.id))
        #expect(first.requestID == "req-a")
        #expect(first.time == "2027-01-15T08:00:00.000Z")
        #expect(first.actor == ["kind": "user", "user": 7, "organization": 3, "role": "org_admin"])
        let expectedText =
            #"{"action":"widget.create","actor":{"kind":"user","organization":3,"role":"org_admin","user":7},"change":{"name":"光谷"},"requestId":"req-a","seq":1,"target":{"id":"1","type":"widget"},"time":"2027-01-15T08:00:00.000Z"}"#
        #expect(String(decoding: first.canonicalBytes, as: UTF8.self) == expectedText)
        #expect(first.hash == Digest.sha256(Array(expectedText.utf8)))
        #expect(entries[1].actor == ["kind": "system", "name": "test"])
    }

    @Test func aRejectedWriteLeavesTheDatabaseUnchanged() async throws {
        let database = try database()
        _ = try await WidgetModule.create(database, name: "kept", actor: userActor())
        let before = try await WidgetModule.counts(database)
        await #expect(throws: WidgetModule.Rejected.self) {
            _ = try await WidgetModule.create(database, name: "reject-me", actor: userActor())
        }
        let after = try await WidgetModule.counts(database)
        #expect(before == after)
        #expect(after == (1, 1))
    }

    @Test func theAuditTableRefusesUpdateAndDelete() async throws {
        let database = try database()
        _ = try await WidgetModule.create(database, name: "x", actor: userActor())
        await #expect(throws: DatabaseError.self) {
            try await database.testWriter.write { db in try db.execute(sql: "UPDATE audit_log SET action = 'forged'") }
        }
        await #expect(throws: DatabaseError.self) {
            try await database.testWriter.write { db in try db.execute(sql: "DELETE FROM audit_log") }
        }
        let action = try await database.read { db in try String.fetchOne(db, sql: "SELECT action FROM audit_log") }
        #expect(action == "widget.create")
    }

    @Test func tamperingIsVisibleInTheHashes() async throws {
        let database = try database()
        for name in ["a", "b", "c"] { _ = try await WidgetModule.create(database, name: name, actor: userActor()) }
        #expect(try await database.read(AuditLogReader.mismatchedHashes) == [])
        try await database.testWriter.write { db in
            // Only someone bypassing the application can do this: drop the guard, rewrite a row.
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: #"UPDATE audit_log SET change = '{"name":"z"}' WHERE seq = 2"#)
        }
        #expect(try await database.read(AuditLogReader.mismatchedHashes) == [2])
    }

    @Test func replayReturnsTheFirstResponseWithoutWritingAgain() async throws {
        let database = try database()
        let claim = IdempotencyClaim(key: "k-1", requestHash: "h1")
        let first = try await WidgetModule.create(database, name: "one", actor: userActor(idempotency: claim))
        // The body differs from the stored one only to prove the stored response comes back.
        let replay = try await WidgetModule.create(database, name: "one", actor: userActor(idempotency: claim))
        #expect(replay == first)
        #expect(try await WidgetModule.counts(database) == (1, 1))
    }

    @Test func theSameKeyWithAnotherRequestIsRefused() async throws {
        let database = try database()
        _ = try await WidgetModule.create(
            database, name: "one", actor: userActor(idempotency: .init(key: "k", requestHash: "h1")))
        do {
            _ = try await WidgetModule.create(
                database, name: "two", actor: userActor(idempotency: .init(key: "k", requestHash: "h2")))
            Issue.record("reuse accepted")
        } catch let error as DomainError {
            #expect(error.code == "idempotency_key_reused")
            #expect(error.kind == .invalid)
        }
        #expect(try await WidgetModule.counts(database) == (1, 1))
    }

    @Test func keysAreScopedToTheCallerAndExpire() async throws {
        let database = try database()
        let claim = IdempotencyClaim(key: "k", requestHash: "h1")
        _ = try await WidgetModule.create(database, name: "one", actor: userActor(idempotency: claim))
        var other = userActor(idempotency: .init(key: "k", requestHash: "h2"))
        other.userID = 8
        _ = try await WidgetModule.create(database, name: "two", actor: other)
        clock.advance(by: 3_601)
        _ = try await WidgetModule.create(
            database, name: "three", actor: userActor(idempotency: .init(key: "k", requestHash: "h3")))
        #expect(try await WidgetModule.counts(database) == (3, 3))
    }
}
