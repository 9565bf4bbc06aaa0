import Foundation
import GRDB
import Kernel
import Store

/// A module of our own for the Store tests: one widgets table.
enum WidgetModule {
    static let migrations = ModuleMigrations(module: "widgets") { migrator in
        migrator.registerMigration("widgets-001") { db in
            try db.execute(sql: "CREATE TABLE widgets (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT")
        }
    }

    struct Widget: Codable, Sendable, Equatable {
        var id: Int64
        var name: String
    }

    struct Rejected: Error {}

    static func create(_ database: AppDatabase, name: String, actor: Actor) async throws -> Widget {
        try await database.write(as: actor, action: "widget.create") { db, _ in
            try db.execute(sql: "INSERT INTO widgets (name) VALUES (?)", arguments: [name])
            let widget = Widget(id: db.lastInsertedRowID, name: name)
            if name.hasPrefix("reject") { throw Rejected() }
            return Audited(widget, target: "widget", id: String(widget.id), change: ["name": .string(name)])
        }
    }

    static func counts(_ database: AppDatabase) async throws -> (widgets: Int, audit: Int) {
        try await database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM widgets") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? -1
            )
        }
    }
}

func userActor(_ requestID: String = "req-1", idempotency: IdempotencyClaim? = nil) -> Actor {
    Actor(
        userID: 7, organizationID: 3, city: .huangshi, role: .orgAdmin, requestID: requestID, idempotency: idempotency)
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
