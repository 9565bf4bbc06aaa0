import Foundation
import GRDB
import Store

/// Identity's tables for invitations, password resets and one-time passwords (issue 18).
enum AccountMigrations {
    static func register(_ migrator: inout DatabaseMigrator) {
        // 008: invitations and reset tokens hold only a SHA-256 of their token; a TOTP secret is
        // sealed with AES-256-GCM under a key derived from the server key file; recovery codes are
        // hashed; a session of staff without TOTP may only enrol.
        migrator.registerMigration("identity-008-invitations-resets-totp") { db in
            try db.execute(
                sql: """
                    CREATE TABLE invitations (
                        id INTEGER PRIMARY KEY,
                        organization_id INTEGER NOT NULL REFERENCES organizations(id),
                        email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
                        display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
                        role TEXT NOT NULL,
                        token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
                        invited_by INTEGER,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        accepted_at INTEGER,
                        user_id INTEGER REFERENCES users(id),
                        revoked_at INTEGER
                    ) STRICT;
                    CREATE INDEX invitations_org ON invitations (organization_id, id);
                    CREATE TABLE password_resets (
                        id INTEGER PRIMARY KEY,
                        user_id INTEGER NOT NULL REFERENCES users(id),
                        token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        used_at INTEGER
                    ) STRICT;
                    CREATE INDEX password_resets_user ON password_resets (user_id, id);
                    CREATE TABLE totp_credentials (
                        user_id INTEGER PRIMARY KEY REFERENCES users(id),
                        sealed_secret BLOB NOT NULL,
                        confirmed_at INTEGER,
                        last_step INTEGER NOT NULL DEFAULT 0,
                        created_at INTEGER NOT NULL
                    ) STRICT;
                    CREATE TABLE recovery_codes (
                        id INTEGER PRIMARY KEY,
                        user_id INTEGER NOT NULL REFERENCES users(id),
                        code_hash BLOB NOT NULL UNIQUE CHECK (length(code_hash) = 32),
                        used_at INTEGER
                    ) STRICT;
                    CREATE INDEX recovery_codes_user ON recovery_codes (user_id);
                    ALTER TABLE tokens ADD COLUMN enroll_only INTEGER NOT NULL DEFAULT 0;
                    """)
        }
    }
}
