import GRDB
import Store

/// Matching's one table: what viewers did with a match.
public enum MatchingMigrations {
    public static let all = ModuleMigrations(module: "matching") { migrator in
        migrator.registerMigration("matching-001-feedback") { db in
            try db.execute(
                sql: """
                    CREATE TABLE match_feedback (
                        id INTEGER PRIMARY KEY,
                        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('need', 'patent', 'achievement', 'organisation')),
                        subject_id INTEGER NOT NULL,
                        subject_fields_mask INTEGER NOT NULL,
                        candidate_kind TEXT NOT NULL CHECK (candidate_kind IN ('need', 'patent', 'achievement', 'organisation')),
                        candidate_id INTEGER NOT NULL,
                        candidate_org_id INTEGER NOT NULL REFERENCES organizations(id),
                        action TEXT NOT NULL CHECK (action IN ('viewed', 'contacted', 'dismissed', 'deal')),
                        organization_id INTEGER NOT NULL REFERENCES organizations(id),
                        user_id INTEGER,
                        created_at INTEGER NOT NULL,
                        UNIQUE (subject_kind, subject_id, candidate_kind, candidate_id, action, organization_id)
                    ) STRICT;
                    CREATE INDEX match_feedback_candidate ON match_feedback (candidate_kind, candidate_id, action);
                    CREATE INDEX match_feedback_candidate_org ON match_feedback (candidate_org_id, action);
                    """)
        }
    }
}
