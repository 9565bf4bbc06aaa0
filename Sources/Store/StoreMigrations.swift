import GRDB

/// Store's own tables: the append-only audit log, the idempotency keys and the notification outbox.
enum StoreMigrations {
    static let all = ModuleMigrations(module: "store") { migrator in
        // 001: the audit log; the database itself refuses UPDATE and DELETE on it.
        migrator.registerMigration("store-001-audit-log") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit_log (
                        seq INTEGER PRIMARY KEY,
                        time TEXT NOT NULL,
                        actor_kind TEXT NOT NULL CHECK (actor_kind IN ('user', 'system')),
                        actor_user_id INTEGER,
                        actor_org_id INTEGER,
                        actor_role TEXT,
                        actor_name TEXT,
                        action TEXT NOT NULL,
                        target_type TEXT NOT NULL,
                        target_id TEXT NOT NULL,
                        request_id TEXT NOT NULL,
                        change TEXT NOT NULL,
                        hash BLOB NOT NULL CHECK (length(hash) = 32)
                    ) STRICT;
                    CREATE INDEX audit_log_target ON audit_log (target_type, target_id);
                    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END;
                    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END;
                    """)
        }
        // 002: stored responses for Idempotency-Key replays.
        migrator.registerMigration("store-002-idempotency-keys") { db in
            try db.execute(
                sql: """
                    CREATE TABLE idempotency_keys (
                        caller TEXT NOT NULL,
                        key TEXT NOT NULL,
                        request_hash TEXT NOT NULL,
                        response BLOB NOT NULL,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        PRIMARY KEY (caller, key)
                    ) STRICT;
                    CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
                    """)
        }

        // 003: the transactional outbox: events written with the change that caused them.
        migrator.registerMigration("store-003-outbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE outbox_events (
                        id INTEGER PRIMARY KEY,
                        event_id TEXT NOT NULL UNIQUE,
                        audit_seq INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        target_type TEXT NOT NULL,
                        target_id TEXT NOT NULL,
                        users TEXT NOT NULL,
                        organizations TEXT NOT NULL,
                        payload TEXT NOT NULL,
                        created_at INTEGER NOT NULL
                    ) STRICT;
                    """)
        }
        // 009 (issue 18): the broker organisation behind a write made for a client under its delegation.
        migrator.registerMigration("store-009-audit-broker") { db in
            try db.execute(
                sql: """
                    ALTER TABLE audit_log ADD COLUMN actor_broker_org_id INTEGER;
                    ALTER TABLE audit_log ADD COLUMN actor_broker_role TEXT;
                    """)
        }
    }
}
