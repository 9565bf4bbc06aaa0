import Foundation
import GRDB
import Kernel
import Store
import Testing

/// SQLite failures leave Store as domain errors, so no other module needs GRDB's error types:
/// a broken constraint is a 409 `constraint_violation`, a busy database a 503
/// `database_unavailable`, on the write path, the synchronous write path and reads alike.
struct StoreErrorsTests {
    @Test func aBrokenConstraintOnTheWritePathIsAConflict() async throws {
        // Given a widget named "taken" (names are UNIQUE)
        let database = try AppDatabase.inMemory(clock: SystemClock(), modules: [WidgetModule.migrations])
        _ = try await WidgetModule.create(database, name: "taken", actor: userActor())
        // When a second write inserts the same name
        let error = await #expect(throws: DomainError.self) {
            _ = try await WidgetModule.create(database, name: "taken", actor: userActor())
        }
        // Then it is Store's conflict, and nothing more was written
        #expect(error == StoreErrors.constraintViolation)
        #expect(error?.kind == .conflict && error?.code == "constraint_violation")
        #expect(try await WidgetModule.counts(database) == (1, 1))
    }

    @Test func theSynchronousWritePathTranslatesToo() throws {
        let database = try AppDatabase.inMemory(clock: SystemClock(), modules: [WidgetModule.migrations])
        let insert: (Database, WriteContext) throws -> Audited<Int64> = { db, _ in
            try db.execute(sql: "INSERT INTO widgets (name) VALUES ('same')")
            return Audited(db.lastInsertedRowID, target: "widget", id: "1", change: .null)
        }
        _ = try database.writeSync(as: userActor(), action: "widget.create", insert)
        let error = #expect(throws: DomainError.self) {
            _ = try database.writeSync(as: userActor(), action: "widget.create", insert)
        }
        #expect(error == StoreErrors.constraintViolation)
    }

    @Test func aBusyDatabaseIsUnavailable() async throws {
        // Given another connection holding the write lock of the file, and no busy timeout
        let path = try temporaryDirectory().appendingPathComponent("db.sqlite").path
        let database = try AppDatabase.open(
            path: path, clock: SystemClock(), modules: [WidgetModule.migrations], busyTimeout: 0)
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: holding)
        try other.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        // When the write path wants the lock
        let error = await #expect(throws: DomainError.self) {
            _ = try await WidgetModule.create(database, name: "waits", actor: userActor())
        }
        // Then it is told to try again, not a 500
        #expect(error == StoreErrors.unavailable)
        #expect(error?.kind == .unavailable && error?.code == "database_unavailable")
        try other.inDatabase { db in try db.execute(sql: "ROLLBACK") }
        try other.close()
        _ = try await WidgetModule.create(database, name: "waits", actor: userActor())
        try database.close()
    }

    @Test func otherErrorsPassThroughUnchanged() async throws {
        let database = try AppDatabase.inMemory(clock: SystemClock(), modules: [WidgetModule.migrations])
        await #expect(throws: WidgetModule.Rejected.self) {
            _ = try await WidgetModule.create(database, name: "reject-me", actor: userActor())
        }
        #expect(StoreErrors.domainError(for: WidgetModule.Rejected()) == nil)
    }
}
