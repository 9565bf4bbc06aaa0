import GRDB

/// The tables of brokers and delegations (issue 18), registered after Identity's own.
enum BrokerMigrations {
    static func register(_ migrator: inout DatabaseMigrator) {
        // 009: broker organisations (a technology-transfer agency or a sub-market, registered by
        // its city's administrator), their registered brokers (users of that organisation), the
        // delegations clients grant them, and the client's confirmation of each money step.
        migrator.registerMigration("identity-009-brokers-delegations") { db in
            try db.execute(
                sql: """
                    CREATE TABLE broker_agencies (
                        id INTEGER PRIMARY KEY,
                        organization_id INTEGER NOT NULL UNIQUE REFERENCES organizations(id),
                        kind TEXT NOT NULL CHECK (kind IN ('agency', 'sub_market')),
                        registered_by INTEGER REFERENCES users(id),
                        registered_at INTEGER NOT NULL
                    ) STRICT;
                    CREATE TABLE brokers (
                        id INTEGER PRIMARY KEY,
                        agency_id INTEGER NOT NULL REFERENCES broker_agencies(id),
                        user_id INTEGER NOT NULL UNIQUE REFERENCES users(id),
                        certificate_number TEXT
                            CHECK (certificate_number IS NULL OR length(certificate_number) BETWEEN 1 AND 64),
                        registered_by INTEGER REFERENCES users(id),
                        registered_at INTEGER NOT NULL
                    ) STRICT;
                    CREATE INDEX brokers_agency ON brokers (agency_id, id);
                    CREATE TABLE delegations (
                        id INTEGER PRIMARY KEY,
                        client_org_id INTEGER NOT NULL REFERENCES organizations(id),
                        agency_id INTEGER NOT NULL REFERENCES broker_agencies(id),
                        scope TEXT NOT NULL CHECK (length(scope) BETWEEN 1 AND 64),
                        starts_at INTEGER NOT NULL,
                        ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
                        granted_by INTEGER NOT NULL REFERENCES users(id),
                        granted_at INTEGER NOT NULL,
                        revoked_by INTEGER REFERENCES users(id),
                        revoked_at INTEGER
                    ) STRICT;
                    CREATE INDEX delegations_client ON delegations (client_org_id, agency_id, id);
                    CREATE INDEX delegations_agency ON delegations (agency_id, client_org_id, id);
                    CREATE TABLE delegation_confirmations (
                        id INTEGER PRIMARY KEY,
                        delegation_id INTEGER NOT NULL REFERENCES delegations(id),
                        action TEXT NOT NULL,
                        target_type TEXT NOT NULL,
                        target_id TEXT NOT NULL,
                        confirmed_by INTEGER NOT NULL REFERENCES users(id),
                        confirmed_at INTEGER NOT NULL,
                        used_at INTEGER
                    ) STRICT;
                    CREATE INDEX delegation_confirmations_open
                        ON delegation_confirmations (delegation_id, action, target_type, target_id);
                    """)
        }
    }
}
