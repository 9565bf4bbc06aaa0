import GRDB
import Kernel
import Store

/// Vouchers' tables: policies, the provider registry, vouchers, redemptions, settlements and
/// the double-entry ledger. Ledger transfers are append-only, like the audit log.
public enum VouchersMigrations {
    public static let all = ModuleMigrations(module: "vouchers") { migrator in
        migrator.registerMigration("vouchers-001-ledger") { db in
            try db.execute(
                sql: """
                    CREATE TABLE ledger_accounts (
                        id INTEGER PRIMARY KEY,
                        code TEXT NOT NULL UNIQUE,
                        kind TEXT NOT NULL CHECK (kind IN ('treasury', 'unallocated', 'available', 'held', 'payable', 'settled')),
                        city TEXT NOT NULL CHECK (city IN ('WH', 'EZ', 'HS', 'HG', 'XN')),
                        year INTEGER NOT NULL,
                        voucher_id INTEGER,
                        payee_org_id INTEGER,
                        balance INTEGER NOT NULL DEFAULT 0 CHECK (kind = 'treasury' OR balance >= 0),
                        created_at INTEGER NOT NULL
                    ) STRICT;
                    CREATE INDEX ledger_accounts_city ON ledger_accounts (city, year, kind);
                    CREATE TABLE ledger_transfers (
                        id INTEGER PRIMARY KEY,
                        debit_account_id INTEGER NOT NULL REFERENCES ledger_accounts(id),
                        credit_account_id INTEGER NOT NULL REFERENCES ledger_accounts(id),
                        amount INTEGER NOT NULL CHECK (amount > 0),
                        kind TEXT NOT NULL CHECK (kind IN ('fund', 'defund', 'issue', 'hold', 'release', 'capture',
                            'expire', 'revoke', 'reverse', 'settle', 'adjust')),
                        voucher_id INTEGER,
                        redemption_id INTEGER,
                        settlement_id INTEGER,
                        reverses_transfer_id INTEGER REFERENCES ledger_transfers(id),
                        reason TEXT,
                        request_id TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        CHECK (debit_account_id <> credit_account_id)
                    ) STRICT;
                    CREATE INDEX ledger_transfers_voucher ON ledger_transfers (voucher_id, kind);
                    CREATE INDEX ledger_transfers_redemption ON ledger_transfers (redemption_id);
                    CREATE TRIGGER ledger_transfers_no_update BEFORE UPDATE ON ledger_transfers
                    BEGIN SELECT RAISE(ABORT, 'ledger_transfers is append-only: UPDATE refused'); END;
                    CREATE TRIGGER ledger_transfers_no_delete BEFORE DELETE ON ledger_transfers
                    BEGIN SELECT RAISE(ABORT, 'ledger_transfers is append-only: DELETE refused'); END;
                    """)
        }
        migrator.registerMigration("vouchers-002-policies-providers-vouchers") { db in
            try db.execute(
                sql: """
                    CREATE TABLE voucher_policies (
                        id INTEGER PRIMARY KEY,
                        city TEXT NOT NULL CHECK (city IN ('WH', 'EZ', 'HS', 'HG', 'XN')),
                        year INTEGER NOT NULL,
                        version INTEGER NOT NULL CHECK (version >= 1),
                        current INTEGER NOT NULL CHECK (current IN (0, 1)),
                        document TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        UNIQUE (city, year, version)
                    ) STRICT;
                    CREATE UNIQUE INDEX voucher_policies_current ON voucher_policies (city, year) WHERE current = 1;
                    CREATE TABLE voucher_providers (
                        id INTEGER PRIMARY KEY,
                        org_id INTEGER NOT NULL UNIQUE REFERENCES organizations(id),
                        city TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('applied', 'in_notice', 'listed', 'rejected', 'suspended', 'delisted')),
                        document TEXT NOT NULL,
                        notice_ends_at INTEGER,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    ) STRICT;
                    CREATE INDEX voucher_providers_city ON voucher_providers (city, status);
                    CREATE TABLE voucher_applications (
                        id INTEGER PRIMARY KEY,
                        enterprise_org_id INTEGER NOT NULL REFERENCES organizations(id),
                        city TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        policy_id INTEGER NOT NULL REFERENCES voucher_policies(id),
                        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
                        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
                        reason TEXT,
                        voucher_id INTEGER,
                        created_at INTEGER NOT NULL,
                        decided_at INTEGER
                    ) STRICT;
                    CREATE INDEX voucher_applications_city ON voucher_applications (city, status, id);
                    CREATE TABLE vouchers (
                        id INTEGER PRIMARY KEY,
                        number TEXT NOT NULL UNIQUE,
                        application_id INTEGER NOT NULL UNIQUE REFERENCES voucher_applications(id),
                        enterprise_org_id INTEGER NOT NULL REFERENCES organizations(id),
                        city TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        policy_id INTEGER NOT NULL REFERENCES voucher_policies(id),
                        face_fen INTEGER NOT NULL CHECK (face_fen > 0),
                        valid_until INTEGER NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('active', 'expired', 'revoked')),
                        created_at INTEGER NOT NULL
                    ) STRICT;
                    CREATE INDEX vouchers_enterprise ON vouchers (enterprise_org_id, city, year);
                    CREATE INDEX vouchers_expiry ON vouchers (status, valid_until);
                    """)
        }
        migrator.registerMigration("vouchers-003-redemptions-settlements") { db in
            try db.execute(
                sql: """
                    CREATE TABLE voucher_redemptions (
                        id INTEGER PRIMARY KEY,
                        voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
                        mode TEXT NOT NULL CHECK (mode IN ('tongdui', 'tongyong')),
                        enterprise_org_id INTEGER NOT NULL,
                        provider_org_id INTEGER NOT NULL REFERENCES organizations(id),
                        provider_city TEXT NOT NULL,
                        issuing_city TEXT NOT NULL,
                        payee_org_id INTEGER NOT NULL,
                        contract_number TEXT NOT NULL,
                        category TEXT NOT NULL,
                        contract_fen INTEGER NOT NULL CHECK (contract_fen > 0),
                        voucher_fen INTEGER NOT NULL CHECK (voucher_fen > 0),
                        status TEXT NOT NULL,
                        invoice_number TEXT,
                        flags TEXT NOT NULL DEFAULT '[]',
                        review TEXT NOT NULL CHECK (review IN ('none', 'pending', 'approved', 'rejected')),
                        hold_expires_at INTEGER,
                        captured_at INTEGER,
                        settlement_id INTEGER,
                        document TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    ) STRICT;
                    CREATE INDEX voucher_redemptions_voucher ON voucher_redemptions (voucher_id, status);
                    CREATE INDEX voucher_redemptions_provider ON voucher_redemptions (provider_org_id, status, id);
                    CREATE INDEX voucher_redemptions_enterprise ON voucher_redemptions (enterprise_org_id, provider_org_id);
                    CREATE INDEX voucher_redemptions_hold ON voucher_redemptions (status, hold_expires_at);
                    CREATE INDEX voucher_redemptions_settlement ON voucher_redemptions (issuing_city, status, captured_at);
                    CREATE TABLE voucher_settlements (
                        id INTEGER PRIMARY KEY,
                        city TEXT NOT NULL,
                        period TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('approved', 'paid')),
                        total_fen INTEGER NOT NULL,
                        document TEXT NOT NULL,
                        payment_reference TEXT,
                        created_at INTEGER NOT NULL,
                        paid_at INTEGER,
                        UNIQUE (city, period)
                    ) STRICT;
                    """)
        }
        // 004: the fraud rules look back over an enterprise's latest redemptions.
        migrator.registerMigration("vouchers-004-enterprise-history") { db in
            try db.execute(
                sql: "CREATE INDEX voucher_redemptions_enterprise_latest ON voucher_redemptions (enterprise_org_id, id)"
            )
        }
        // 005: receivables (money reversed after payment is owed back by the payee), contracts
        // bound to their first value and parties, invoices unique per issuer, acceptance by
        // silence, and the look-back of the fraud rules by date. The ledger's two tables are
        // rebuilt because SQLite cannot widen a CHECK constraint in place.
        migrator.registerMigration("vouchers-005-integrity") { db in
            try db.execute(
                sql: """
                    CREATE TABLE ledger_accounts_new (
                        id INTEGER PRIMARY KEY,
                        code TEXT NOT NULL UNIQUE,
                        kind TEXT NOT NULL CHECK (kind IN ('treasury', 'unallocated', 'available', 'held', 'payable', 'settled', 'receivable')),
                        city TEXT NOT NULL CHECK (city IN ('WH', 'EZ', 'HS', 'HG', 'XN')),
                        year INTEGER NOT NULL,
                        voucher_id INTEGER,
                        payee_org_id INTEGER,
                        balance INTEGER NOT NULL DEFAULT 0 CHECK (kind = 'treasury' OR balance >= 0),
                        created_at INTEGER NOT NULL
                    ) STRICT;
                    INSERT INTO ledger_accounts_new SELECT * FROM ledger_accounts;
                    CREATE TABLE ledger_transfers_new (
                        id INTEGER PRIMARY KEY,
                        debit_account_id INTEGER NOT NULL REFERENCES ledger_accounts(id),
                        credit_account_id INTEGER NOT NULL REFERENCES ledger_accounts(id),
                        amount INTEGER NOT NULL CHECK (amount > 0),
                        kind TEXT NOT NULL CHECK (kind IN ('fund', 'defund', 'issue', 'hold', 'release', 'capture',
                            'expire', 'revoke', 'reverse', 'settle', 'adjust', 'clawback', 'recover')),
                        voucher_id INTEGER,
                        redemption_id INTEGER,
                        settlement_id INTEGER,
                        reverses_transfer_id INTEGER REFERENCES ledger_transfers(id),
                        reason TEXT,
                        request_id TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        CHECK (debit_account_id <> credit_account_id)
                    ) STRICT;
                    INSERT INTO ledger_transfers_new SELECT * FROM ledger_transfers;
                    DROP TABLE ledger_transfers;
                    DROP TABLE ledger_accounts;
                    ALTER TABLE ledger_accounts_new RENAME TO ledger_accounts;
                    ALTER TABLE ledger_transfers_new RENAME TO ledger_transfers;
                    CREATE INDEX ledger_accounts_city ON ledger_accounts (city, year, kind);
                    CREATE INDEX ledger_accounts_payee ON ledger_accounts (payee_org_id, kind);
                    CREATE INDEX ledger_transfers_voucher ON ledger_transfers (voucher_id, kind);
                    CREATE INDEX ledger_transfers_redemption ON ledger_transfers (redemption_id);
                    CREATE TRIGGER ledger_transfers_no_update BEFORE UPDATE ON ledger_transfers
                    BEGIN SELECT RAISE(ABORT, 'ledger_transfers is append-only: UPDATE refused'); END;
                    CREATE TRIGGER ledger_transfers_no_delete BEFORE DELETE ON ledger_transfers
                    BEGIN SELECT RAISE(ABORT, 'ledger_transfers is append-only: DELETE refused'); END;

                    CREATE TABLE voucher_contracts (
                        id INTEGER PRIMARY KEY,
                        provider_org_id INTEGER NOT NULL REFERENCES organizations(id),
                        contract_key TEXT NOT NULL,
                        enterprise_org_id INTEGER NOT NULL REFERENCES organizations(id),
                        contract_fen INTEGER NOT NULL CHECK (contract_fen > 0),
                        category TEXT NOT NULL,
                        first_redemption_id INTEGER NOT NULL,
                        created_at INTEGER NOT NULL,
                        UNIQUE (provider_org_id, contract_key)
                    ) STRICT;
                    ALTER TABLE voucher_redemptions ADD COLUMN contract_id INTEGER REFERENCES voucher_contracts(id);
                    ALTER TABLE voucher_redemptions ADD COLUMN invoice_key TEXT;
                    ALTER TABLE voucher_redemptions ADD COLUMN accept_by INTEGER;
                    CREATE INDEX voucher_redemptions_contract ON voucher_redemptions (contract_id, status);
                    CREATE INDEX voucher_redemptions_invoice ON voucher_redemptions (provider_org_id, invoice_key) WHERE invoice_key IS NOT NULL;
                    CREATE INDEX voucher_redemptions_accept ON voucher_redemptions (status, accept_by);
                    CREATE INDEX voucher_redemptions_enterprise_time ON voucher_redemptions (enterprise_org_id, created_at);
                    """)
            // Contracts and invoices already redeemed are bound as they stand.
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT id, provider_org_id, contract_number, enterprise_org_id, contract_fen, category, invoice_number, created_at FROM voucher_redemptions ORDER BY id"
            )
            for row in rows {
                let key = DocumentNumber.key(row["contract_number"])
                let provider: Int64 = row["provider_org_id"]
                var contract = try Int64.fetchOne(
                    db, sql: "SELECT id FROM voucher_contracts WHERE provider_org_id = ? AND contract_key = ?",
                    arguments: [provider, key]
                )
                if contract == nil {
                    try db.execute(
                        sql: """
                            INSERT INTO voucher_contracts (provider_org_id, contract_key, enterprise_org_id, contract_fen, category, first_redemption_id, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            provider, key, row["enterprise_org_id"], row["contract_fen"], row["category"], row["id"],
                            row["created_at"],
                        ]
                    )
                    contract = db.lastInsertedRowID
                }
                try db.execute(
                    sql: "UPDATE voucher_redemptions SET contract_id = ?, invoice_key = ? WHERE id = ?",
                    arguments: [contract, (row["invoice_number"] as String?).map(DocumentNumber.key), row["id"]]
                )
            }
        }
        // 006: redemptions of a platform technology contract are bound under its id, not its
        // number (which changes when the contract is registered). Rows bound before are re-keyed;
        // where two rows already exist for one contract, the first keeps the id key.
        migrator.registerMigration("vouchers-006-technology-contract-keys") { db in
            let contractOf = """
                (SELECT json_extract(r.document, '$.technologyContractId') FROM voucher_redemptions r
                 WHERE r.id = c.first_redemption_id)
                """
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT c.id, c.provider_org_id, \(contractOf) AS contract FROM voucher_contracts c ORDER BY c.id")
            for row in rows {
                guard let contract = row["contract"] as Int64? else { continue }
                let key = "technology-contract:\(contract)"
                let taken =
                    try Bool.fetchOne(
                        db,
                        sql:
                            "SELECT EXISTS (SELECT 1 FROM voucher_contracts WHERE provider_org_id = ? AND contract_key = ?)",
                        arguments: [row["provider_org_id"] as Int64, key]) ?? false
                if !taken {
                    try db.execute(
                        sql: "UPDATE voucher_contracts SET contract_key = ? WHERE id = ?",
                        arguments: [key, row["id"] as Int64])
                }
            }
        }
        // 007: the fraud rules' look-backs answered from indexes alone, without reading rows:
        // an enterprise's latest redemptions (time, then id as before for equal times, provider,
        // value) and a pair's contracts.
        migrator.registerMigration("vouchers-007-fraud-lookups") { db in
            try db.execute(
                sql: """
                    CREATE INDEX voucher_redemptions_enterprise_recent
                        ON voucher_redemptions (enterprise_org_id, created_at, id, provider_org_id, contract_fen);
                    DROP INDEX voucher_redemptions_enterprise_time;
                    CREATE INDEX voucher_contracts_pair
                        ON voucher_contracts (enterprise_org_id, provider_org_id, created_at, contract_fen);
                    """)
        }
    }
}
