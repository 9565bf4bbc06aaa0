import Foundation
import GRDB
import Kernel
import Store

/// Identity's tables: reference data (cities, fields, parks), organisations, users, tokens.
public enum IdentityMigrations {
    public static let all = ModuleMigrations(module: "identity", writeGuard: DelegationGuard.writeGuard) { migrator in
        // 001: reference data loaded from Seeds/.
        migrator.registerMigration("identity-001-reference") { db in
            try db.execute(
                sql: """
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
            try db.execute(
                sql: """
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
            try db.execute(
                sql: """
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
        // 004: certified attributes, the history of contact details (the fraud rules compare
        // fingerprints over time), and who declared a relation.
        migrator.registerMigration("identity-004-certifications-contacts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE organization_certifications (
                        id INTEGER PRIMARY KEY,
                        organization_id INTEGER NOT NULL REFERENCES organizations(id),
                        attribute TEXT NOT NULL CHECK (attribute IN ('high_tech', 'tech_sme', 'specialized', 'revenue_band')),
                        holds INTEGER NOT NULL CHECK (holds IN (0, 1)),
                        revenue_band TEXT,
                        certificate_number TEXT,
                        valid_until INTEGER,
                        status TEXT NOT NULL CHECK (status IN ('pending', 'verified', 'rejected')),
                        requested_by INTEGER,
                        requested_at INTEGER NOT NULL,
                        decided_by INTEGER,
                        decided_at INTEGER,
                        reason TEXT
                    ) STRICT;
                    CREATE INDEX organization_certifications_org ON organization_certifications (organization_id, status, attribute);
                    CREATE UNIQUE INDEX organization_certifications_one_pending ON organization_certifications (organization_id, attribute)
                        WHERE status = 'pending';
                    CREATE TABLE organization_contact_history (
                        organization_id INTEGER NOT NULL REFERENCES organizations(id),
                        kind TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'address')),
                        value TEXT NOT NULL,
                        recorded_at INTEGER NOT NULL,
                        PRIMARY KEY (organization_id, kind, value)
                    ) STRICT, WITHOUT ROWID;
                    CREATE INDEX organization_contact_history_value ON organization_contact_history (kind, value);
                    ALTER TABLE organization_relations ADD COLUMN declared_by_role TEXT;
                    ALTER TABLE organization_relations ADD COLUMN declared_by_user INTEGER;
                    """)
            // What was already recorded counts as verified by the platform, and today's contact
            // details start each history.
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM organizations")
            for row in rows {
                let organization = OrganizationStore.decode(row)
                let now = Timestamp.date(millis: row["updated_at"])
                try CertificationService.recordInitial(
                    db, organization: organization.id, organization.attributes, by: nil, now: now)
                try ContactHistory.record(
                    db, organization: organization.id, contact: organization.contact, city: organization.city, now: now)
            }
        }
        // 005: service tokens act with a role of their own (no higher than their owner's);
        // users can be disabled by their organisation's administrator.
        migrator.registerMigration("identity-005-service-tokens") { db in
            try db.execute(
                sql: """
                    ALTER TABLE tokens ADD COLUMN role TEXT;
                    ALTER TABLE users ADD COLUMN disabled_at INTEGER;
                    CREATE INDEX tokens_user_live ON tokens (user_id, revoked_at);
                    CREATE TABLE sign_in_alerts (
                        id INTEGER PRIMARY KEY,
                        organization_id INTEGER NOT NULL REFERENCES organizations(id),
                        user_id INTEGER NOT NULL REFERENCES users(id),
                        address TEXT,
                        locked_seconds INTEGER NOT NULL,
                        created_at INTEGER NOT NULL
                    ) STRICT;
                    CREATE INDEX sign_in_alerts_org ON sign_in_alerts (organization_id, id);
                    """)
        }
        // 006: a user's own e-mail address (invitations, password resets, notices), stored
        // folded to one spelling; at most one user per address.
        migrator.registerMigration("identity-006-user-email") { db in
            try db.execute(
                sql: """
                    ALTER TABLE users ADD COLUMN email TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254);
                    CREATE UNIQUE INDEX users_email ON users (email) WHERE email IS NOT NULL;
                    """)
        }
        RegistrationMigrations.register(&migrator)
        // 008: invitations, password resets, one-time passwords (Accounts/AccountMigrations.swift).
        AccountMigrations.register(&migrator)
        // 009 (issue 18): brokers and delegations, in their own file.
        BrokerMigrations.register(&migrator)
    }
}
