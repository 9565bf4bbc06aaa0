import GRDB
import Store

/// Notifications' tables: each user's inbox, filed from the outbox, and how far each consumer
/// of the outbox has read it.
public enum NotificationsMigrations {
    public static let all = ModuleMigrations(module: "notifications") { migrator in
        migrator.registerMigration("notifications-001-inbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE notification_inbox (
                        id INTEGER PRIMARY KEY,
                        user_id INTEGER NOT NULL,
                        event_id TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        target_type TEXT NOT NULL,
                        target_id TEXT NOT NULL,
                        payload TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        read_at INTEGER,
                        UNIQUE (user_id, event_id)
                    ) STRICT;
                    CREATE INDEX notification_inbox_user ON notification_inbox (user_id, id);
                    CREATE INDEX notification_inbox_unread ON notification_inbox (user_id) WHERE read_at IS NULL;
                    CREATE TABLE notification_positions (
                        consumer TEXT PRIMARY KEY,
                        outbox_id INTEGER NOT NULL
                    ) STRICT;
                    """)
        }
    }
}
