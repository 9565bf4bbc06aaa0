import GRDB
import Store

/// Identity's tables: reference data (cities, fields, parks), organisations, users, tokens.
public enum IdentityMigrations {
    public static let all = ModuleMigrations(module: "identity") { migrator in
        // 001: reference data loaded from Seeds/.
        migrator.registerMigration("identity-001-reference") { db in
            try db.execute(sql: """
                CREATE TABLE cities (
                    code TEXT PRIMARY KEY CHECK (code IN ('WH', 'EZ', 'HS', 'HG', 'XN')),
                    name_zh TEXT NOT NULL,
                    name_en TEXT NOT NULL,
                    division_code TEXT NOT NULL CHECK (length(division_code) = 6)
                ) STRICT;
                CREATE TABLE fields (
                    code TEXT PRIMARY KEY,
                    name_zh TEXT NOT NULL,
                    name_en TEXT NOT NULL
                ) STRICT;
                CREATE TABLE parks (
                    code TEXT PRIMARY KEY,
                    name_zh TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    host_city TEXT,
                    partner_city TEXT,
                    source TEXT
                ) STRICT;
                """)
        }
        // 002: organisations, their users and bearer tokens.
        migrator.registerMigration("identity-002-organizations-users-tokens") { db in
            try db.execute(sql: """
                CREATE TABLE organizations (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN
                        ('enterprise', 'university', 'institute', 'lab', 'provider', 'government', 'platform')),
                    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                    name_en TEXT CHECK (name_en IS NULL OR length(name_en) <= 200),
                    city TEXT NOT NULL CHECK (city IN ('WH', 'EZ', 'HS', 'HG', 'XN')),
                    credit_code TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18),
                    high_tech INTEGER NOT NULL DEFAULT 0 CHECK (high_tech IN (0, 1)),
                    tech_sme INTEGER NOT NULL DEFAULT 0 CHECK (tech_sme IN (0, 1)),
                    specialized INTEGER NOT NULL DEFAULT 0 CHECK (specialized IN (0, 1)),
                    revenue_band TEXT,
                    contact_name TEXT,
                    contact_phone TEXT,
                    contact_email TEXT,
                    contact_address TEXT,
                    park_code TEXT REFERENCES parks(code),
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    version INTEGER NOT NULL DEFAULT 1
                ) STRICT;
                CREATE INDEX organizations_city ON organizations (city, id);
                CREATE INDEX organizations_kind_city ON organizations (kind, city, id);
                CREATE TABLE users (
                    id INTEGER PRIMARY KEY,
                    organization_id INTEGER NOT NULL REFERENCES organizations(id),
                    username TEXT NOT NULL UNIQUE,
                    display_name TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN
                        ('platform_admin', 'city_admin', 'org_admin', 'org_member', 'expert', 'auditor')),
                    created_at INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX users_organization ON users (organization_id, id);
                CREATE TABLE tokens (
                    id INTEGER PRIMARY KEY,
                    token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
                    user_id INTEGER NOT NULL REFERENCES users(id),
                    kind TEXT NOT NULL CHECK (kind IN ('session', 'api')),
                    name TEXT,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    revoked_at INTEGER
                ) STRICT;
                CREATE INDEX tokens_user ON tokens (user_id, id);
                """)
        }
        // 003: relations an organisation declares: its controlling holder (控股股东 / 实际控制人,
        // by credit code, registered here or not) and other related parties. The voucher fraud
        // rules read them.
        migrator.registerMigration("identity-003-organization-relations") { db in
            try db.execute(sql: """
                CREATE TABLE organization_relations (
                    id INTEGER PRIMARY KEY,
                    organization_id INTEGER NOT NULL REFERENCES organizations(id),
                    kind TEXT NOT NULL CHECK (kind IN ('controlling_holder', 'related_party')),
                    related_credit_code TEXT NOT NULL CHECK (length(related_credit_code) = 18),
                    note TEXT CHECK (note IS NULL OR length(note) <= 500),
                    created_at INTEGER NOT NULL,
                    UNIQUE (organization_id, kind, related_credit_code)
                ) STRICT;
                CREATE INDEX organization_relations_code ON organization_relations (related_credit_code, kind);
                """)
        }
    }
}
