import Foundation
import GRDB
import Kernel
@_spi(Testing) import Store
import Testing

struct DatabaseFileTests {
    @Test func migratesAnEmptyFileAndReopensWithoutChange() async throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("db.sqlite").path
        let first = try AppDatabase.open(path: path, clock: SystemClock(), modules: [WidgetModule.migrations])
        _ = try await WidgetModule.create(first, name: "persisted", actor: userActor())
        let applied = try await first.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
        #expect(
            applied == [
                "store-001-audit-log", "store-002-idempotency-keys", "store-003-outbox", "store-009-audit-broker",
                "widgets-001",
            ])
        try first.close()

        let second = try AppDatabase.open(path: path, clock: SystemClock(), modules: [WidgetModule.migrations])
        #expect(try await WidgetModule.counts(second) == (1, 1))
        try second.close()
    }

    @Test func writerCommitsAreFullySynchronousInWAL() async throws {
        let directory = try temporaryDirectory()
        let database = try AppDatabase.open(
            path: directory.appendingPathComponent("db.sqlite").path, clock: SystemClock(), modules: []
        )
        #expect(try database.writerSynchronousMode() == 2)  // FULL
        let mode = try await database.testWriter.write { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let foreignKeys = try await database.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == 1)
        try database.close()
    }
}
