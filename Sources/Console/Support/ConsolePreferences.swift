import GRDB
import Kernel
import Store

/// The console's own table: each user's language, remembered across devices.
public enum ConsolePreferences {
    public static let migrations = ModuleMigrations(module: "console") { migrator in
        migrator.registerMigration("console-001-preferences") { db in
            try db.execute(
                sql: """
                    CREATE TABLE console_preferences (
                        user_id INTEGER PRIMARY KEY REFERENCES users(id),
                        language TEXT NOT NULL CHECK (language IN ('zh', 'en')),
                        updated_at INTEGER NOT NULL
                    ) STRICT;
                    """)
        }
    }

    struct Saved: Codable, Sendable {
        var language: String
    }

    static func language(_ database: AppDatabase, userID: Int64) async throws -> Language? {
        try await database.read { db in
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT language FROM console_preferences WHERE user_id = ?"),
                arguments: [userID]
            ).flatMap(Language.init(rawValue:))
        }
    }

    /// Remembers the user's language (an audited change; repeating it changes nothing).
    static func setLanguage(_ database: AppDatabase, _ language: Language, by actor: Actor) async throws {
        guard let userID = actor.userID else { return }
        _ = try await database.write(as: actor, action: "console.language") { db, context in
            let current = try String.fetchOne(
                db, sql: "SELECT language FROM console_preferences WHERE user_id = ?", arguments: [userID])
            if current == language.rawValue { return .unchanged(Saved(language: language.rawValue)) }
            try db.execute(
                sql: """
                    INSERT INTO console_preferences (user_id, language, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at
                    """,
                arguments: [userID, language.rawValue, Timestamp.millis(context.now)]
            )
            return Audited(
                Saved(language: language.rawValue), target: "user", id: String(userID),
                change: ["language": .string(language.rawValue)])
        }
    }
}
