import GRDB
import Store

/// Deals' tables: connection requests and their threads, technology contracts with their
/// payments and the per-city registration sequences. Each contract row keeps its typed value as
/// a JSON `document` beside the columns rules, indexes and statistics need; the parties' cities
/// are copied onto the row at creation (Deals owns the row, and the statistics group by them).
public enum DealsMigrations {
    static let cities = "('WH', 'EZ', 'HS', 'HG', 'XN')"

    public static let all = ModuleMigrations(module: "deals") { migrator in
        // 001: connection requests and the messages of accepted ones.
        migrator.registerMigration("deals-001-connections") { db in
            try db.execute(
                sql: """
                    CREATE TABLE deal_connections (
                        id INTEGER PRIMARY KEY,
                        requester_org_id INTEGER NOT NULL REFERENCES organizations(id),
                        receiver_org_id INTEGER NOT NULL REFERENCES organizations(id),
                        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('patent', 'achievement', 'need', 'challenge', 'match')),
                        subject_id INTEGER NOT NULL,
                        subject_listing_id INTEGER NOT NULL DEFAULT 0,
                        status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'blocked', 'withdrawn')),
                        document TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        decided_at INTEGER,
                        CHECK (requester_org_id <> receiver_org_id)
                    ) STRICT;
                    CREATE UNIQUE INDEX deal_connections_pending ON deal_connections
                        (requester_org_id, receiver_org_id, subject_kind, subject_id, subject_listing_id) WHERE status = 'pending';
                    CREATE INDEX deal_connections_requester ON deal_connections (requester_org_id, created_at);
                    CREATE INDEX deal_connections_receiver ON deal_connections (receiver_org_id, id);
                    CREATE INDEX deal_connections_refusals ON deal_connections
                        (requester_org_id, subject_kind, subject_id, decided_at) WHERE status IN ('declined', 'blocked');
                    CREATE INDEX deal_connections_accepted ON deal_connections (decided_at) WHERE status = 'accepted';
                    CREATE TABLE deal_messages (
                        id INTEGER PRIMARY KEY,
                        connection_id INTEGER NOT NULL REFERENCES deal_connections(id),
                        author_org_id INTEGER NOT NULL,
                        author_user_id INTEGER,
                        body TEXT CHECK (body IS NULL OR length(body) BETWEEN 1 AND 4000),
                        attachment_sha256 TEXT CHECK (attachment_sha256 IS NULL OR length(attachment_sha256) = 64),
                        attachment_size INTEGER CHECK (attachment_size IS NULL OR attachment_size > 0),
                        attachment_type TEXT,
                        attachment_name TEXT,
                        created_at INTEGER NOT NULL,
                        CHECK (body IS NOT NULL OR attachment_sha256 IS NOT NULL)
                    ) STRICT;
                    CREATE INDEX deal_messages_connection ON deal_messages (connection_id, id);
                    CREATE INDEX deal_messages_attachment ON deal_messages (connection_id, attachment_sha256)
                        WHERE attachment_sha256 IS NOT NULL;
                    CREATE TRIGGER deal_messages_no_update BEFORE UPDATE ON deal_messages
                    BEGIN SELECT RAISE(ABORT, 'deal_messages is append-only: UPDATE refused'); END;
                    CREATE TRIGGER deal_messages_no_delete BEFORE DELETE ON deal_messages
                    BEGIN SELECT RAISE(ABORT, 'deal_messages is append-only: DELETE refused'); END;
                    """)
        }
        // 002: technology contracts, their listings, payments and registration numbers.
        migrator.registerMigration("deals-002-contracts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE deal_contracts (
                        id INTEGER PRIMARY KEY,
                        buyer_org_id INTEGER NOT NULL REFERENCES organizations(id),
                        seller_org_id INTEGER NOT NULL REFERENCES organizations(id),
                        buyer_city TEXT NOT NULL CHECK (buyer_city IN \(cities)),
                        seller_city TEXT NOT NULL CHECK (seller_city IN \(cities)),
                        type TEXT NOT NULL,
                        field TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('draft', 'signed', 'registration_applied', 'registered',
                            'performing', 'completed', 'terminated', 'cancelled')),
                        value_fen INTEGER NOT NULL CHECK (value_fen > 0),
                        paid_fen INTEGER NOT NULL DEFAULT 0 CHECK (paid_fen >= 0 AND paid_fen <= value_fen),
                        version INTEGER NOT NULL CHECK (version >= 1),
                        terms_hash TEXT NOT NULL,
                        connection_id INTEGER REFERENCES deal_connections(id),
                        need_id INTEGER,
                        registration_number TEXT UNIQUE,
                        document TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL,
                        signed_at INTEGER,
                        registered_at INTEGER,
                        CHECK (buyer_org_id <> seller_org_id),
                        CHECK (signed_at IS NOT NULL OR status IN ('draft', 'cancelled'))
                    ) STRICT;
                    CREATE INDEX deal_contracts_buyer ON deal_contracts (buyer_org_id, id);
                    CREATE INDEX deal_contracts_seller ON deal_contracts (seller_org_id, id);
                    CREATE INDEX deal_contracts_registration ON deal_contracts (seller_city, status, id);
                    CREATE INDEX deal_contracts_connection ON deal_contracts (signed_at, connection_id)
                        WHERE connection_id IS NOT NULL AND signed_at IS NOT NULL;
                    CREATE INDEX deal_contracts_turnover ON deal_contracts
                        (signed_at, seller_city, buyer_city, type, field, value_fen) WHERE signed_at IS NOT NULL;
                    CREATE INDEX deal_contracts_registered ON deal_contracts (registered_at, signed_at)
                        WHERE registered_at IS NOT NULL;
                    CREATE TABLE deal_contract_listings (
                        contract_id INTEGER NOT NULL REFERENCES deal_contracts(id),
                        listing_id INTEGER NOT NULL,
                        PRIMARY KEY (contract_id, listing_id)
                    ) STRICT, WITHOUT ROWID;
                    CREATE INDEX deal_contract_listings_listing ON deal_contract_listings (listing_id, contract_id);
                    CREATE TABLE deal_payments (
                        id INTEGER PRIMARY KEY,
                        contract_id INTEGER NOT NULL REFERENCES deal_contracts(id),
                        instalment INTEGER CHECK (instalment IS NULL OR instalment >= 1),
                        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
                        paid_on INTEGER NOT NULL,
                        recorded_by_org_id INTEGER NOT NULL,
                        recorded_by_user_id INTEGER,
                        created_at INTEGER NOT NULL
                    ) STRICT;
                    CREATE INDEX deal_payments_contract ON deal_payments (contract_id, id);
                    CREATE TRIGGER deal_payments_no_update BEFORE UPDATE ON deal_payments
                    BEGIN SELECT RAISE(ABORT, 'deal_payments is append-only: UPDATE refused'); END;
                    CREATE TRIGGER deal_payments_no_delete BEFORE DELETE ON deal_payments
                    BEGIN SELECT RAISE(ABORT, 'deal_payments is append-only: DELETE refused'); END;
                    CREATE TABLE deal_registration_sequences (
                        city TEXT NOT NULL CHECK (city IN \(cities)),
                        year INTEGER NOT NULL,
                        last INTEGER NOT NULL CHECK (last BETWEEN 1 AND 999999),
                        PRIMARY KEY (city, year)
                    ) STRICT, WITHOUT ROWID;
                    """)
        }
        // 003: what the ranking asks of deals (DealTrackRecord): accepted connections by the
        // listing they are about, and contracts that count as a track record by party.
        migrator.registerMigration("deals-003-track-record") { db in
            try db.execute(
                sql: """
                    CREATE INDEX deal_connections_accepted_subject ON deal_connections (subject_id)
                        WHERE status = 'accepted';
                    CREATE INDEX deal_connections_accepted_listing ON deal_connections (subject_listing_id)
                        WHERE status = 'accepted' AND subject_kind = 'match';
                    CREATE INDEX deal_connections_accepted_parties ON deal_connections (requester_org_id, receiver_org_id)
                        WHERE status = 'accepted';
                    """)
        }
        // 019 (issue 18): the broker organisation credited with a contract, in its own file.
        ContractBrokerCredit.register(&migrator)
    }
}
