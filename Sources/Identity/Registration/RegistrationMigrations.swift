import GRDB

/// The self-registration table (issue 18): one row per organisation that registered itself.
/// Organisations without a row were created by an administrator, seeding or a migration and
/// count as verified.
enum RegistrationMigrations {
    static func register(_ migrator: inout DatabaseMigrator) {
        // 007: self-registrations, their licence and their city's decision.
        migrator.registerMigration("identity-007-registration") { db in
            try db.execute(
                sql: """
                    CREATE TABLE organization_registrations (
                        organization_id INTEGER PRIMARY KEY REFERENCES organizations(id),
                        status TEXT NOT NULL CHECK (status IN ('pending', 'verified', 'rejected')),
                        admin_user_id INTEGER NOT NULL REFERENCES users(id),
                        document_sha256 TEXT CHECK (document_sha256 IS NULL OR length(document_sha256) = 64),
                        document_type TEXT CHECK (document_type IN ('pdf', 'png', 'jpeg')),
                        document_size INTEGER CHECK (document_size > 0),
                        document_uploaded_at INTEGER,
                        reason TEXT CHECK (reason IS NULL OR length(reason) <= 500),
                        round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
                        submitted_at INTEGER NOT NULL,
                        decided_at INTEGER,
                        decided_by INTEGER REFERENCES users(id),
                        version INTEGER NOT NULL DEFAULT 1,
                        CHECK ((document_sha256 IS NULL) = (document_type IS NULL))
                    ) STRICT;
                    CREATE INDEX organization_registrations_status ON organization_registrations(status, organization_id);
                    """)
        }
    }
}
