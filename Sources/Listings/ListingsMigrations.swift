import GRDB
import Store

/// Listings' tables. The four kinds share `listings` (one id space, one search index);
/// each row keeps its typed fields as a JSON `document` beside the columns that rules,
/// uniqueness and filters need.
public enum ListingsMigrations {
    public static let all = ModuleMigrations(module: "listings") { migrator in
        // 001: listings and their full-text index (pre-tokenised text; see TextAnalysis).
        migrator.registerMigration("listings-001-listings") { db in
            try db.execute(
                sql: """
                    CREATE TABLE listings (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL CHECK (kind IN ('patent', 'achievement', 'need', 'challenge')),
                        owner_org_id INTEGER NOT NULL REFERENCES organizations(id),
                        city TEXT NOT NULL CHECK (city IN ('WH', 'EZ', 'HS', 'HG', 'XN')),
                        status TEXT NOT NULL,
                        visibility TEXT NOT NULL CHECK (visibility IN ('public', 'corridor')),
                        hidden_reason TEXT,
                        searchable INTEGER NOT NULL CHECK (searchable IN (0, 1)),
                        trl INTEGER CHECK (trl IS NULL OR trl BETWEEN 1 AND 9),
                        price_min INTEGER CHECK (price_min IS NULL OR price_min >= 0),
                        price_max INTEGER CHECK (price_max IS NULL OR (price_max >= 0 AND price_max >= coalesce(price_min, 0))),
                        fields_mask INTEGER NOT NULL CHECK (fields_mask > 0),
                        deadline INTEGER,
                        year INTEGER,
                        external_key TEXT,
                        title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
                        document TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL,
                        version INTEGER NOT NULL
                    ) STRICT;
                    CREATE UNIQUE INDEX listings_patent_number ON listings (external_key) WHERE kind = 'patent';
                    CREATE UNIQUE INDEX listings_owner_key ON listings (owner_org_id, kind, external_key)
                        WHERE kind <> 'patent' AND external_key IS NOT NULL;
                    CREATE INDEX listings_kind ON listings (kind, status, id);
                    CREATE INDEX listings_owner ON listings (owner_org_id, kind, id);
                    CREATE INDEX listings_challenge_year ON listings (year, id) WHERE kind = 'challenge';
                    CREATE VIRTUAL TABLE listings_fts USING fts5(
                        title, keywords, body, content = '', tokenize = 'unicode61 remove_diacritics 0'
                    );
                    """)
        }
        // 002: 揭榜挂帅 — applications, experts, scores, milestones and payables.
        migrator.registerMigration("listings-002-challenges") { db in
            try db.execute(
                sql: """
                    CREATE TABLE challenge_applications (
                        id INTEGER PRIMARY KEY,
                        challenge_id INTEGER NOT NULL REFERENCES listings(id),
                        lead_org_id INTEGER NOT NULL REFERENCES organizations(id),
                        status TEXT NOT NULL CHECK (status IN ('submitted', 'withdrawn', 'awarded', 'not_awarded')),
                        document TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    ) STRICT;
                    CREATE UNIQUE INDEX challenge_applications_live ON challenge_applications (challenge_id, lead_org_id)
                        WHERE status IN ('submitted', 'awarded');
                    CREATE INDEX challenge_applications_challenge ON challenge_applications (challenge_id, id);
                    CREATE TABLE challenge_experts (
                        challenge_id INTEGER NOT NULL REFERENCES listings(id),
                        user_id INTEGER NOT NULL REFERENCES users(id),
                        organization_id INTEGER NOT NULL REFERENCES organizations(id),
                        assigned_at INTEGER NOT NULL,
                        PRIMARY KEY (challenge_id, user_id)
                    ) STRICT;
                    CREATE TABLE challenge_scores (
                        application_id INTEGER NOT NULL REFERENCES challenge_applications(id),
                        expert_user_id INTEGER NOT NULL REFERENCES users(id),
                        criterion TEXT NOT NULL,
                        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
                        comment TEXT,
                        scored_at INTEGER NOT NULL,
                        PRIMARY KEY (application_id, expert_user_id, criterion)
                    ) STRICT;
                    CREATE TABLE challenge_milestones (
                        id INTEGER PRIMARY KEY,
                        application_id INTEGER NOT NULL REFERENCES challenge_applications(id),
                        tranche_index INTEGER NOT NULL CHECK (tranche_index >= 1),
                        deliverable TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'rejected')),
                        reason TEXT,
                        submitted_at INTEGER NOT NULL,
                        decided_at INTEGER
                    ) STRICT;
                    CREATE INDEX challenge_milestones_application ON challenge_milestones (application_id, id);
                    CREATE TABLE challenge_payables (
                        id INTEGER PRIMARY KEY,
                        challenge_id INTEGER NOT NULL REFERENCES listings(id),
                        application_id INTEGER NOT NULL REFERENCES challenge_applications(id),
                        tranche_index INTEGER NOT NULL CHECK (tranche_index >= 0),
                        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
                        recorded_at INTEGER NOT NULL,
                        UNIQUE (application_id, tranche_index)
                    ) STRICT;
                    """)
        }
        // 003: the index's vocabulary (document frequency per token), for ranking by rarity.
        migrator.registerMigration("listings-003-vocabulary") { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE listings_vocab USING fts5vocab(listings_fts, 'row')")
        }
        // 004: experts' conflict-of-interest declarations per application (issue 18).
        migrator.registerMigration("listings-004-challenge-console") { db in
            try db.execute(
                sql: """
                    CREATE TABLE challenge_conflict_declarations (
                        application_id INTEGER NOT NULL REFERENCES challenge_applications(id),
                        expert_user_id INTEGER NOT NULL REFERENCES users(id),
                        conflict INTEGER NOT NULL CHECK (conflict IN (0, 1)),
                        note TEXT,
                        declared_at INTEGER NOT NULL,
                        PRIMARY KEY (application_id, expert_user_id)
                    ) STRICT
                    """)
        }
    }
}
