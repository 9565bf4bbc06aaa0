import Foundation
import GRDB
import Kernel

/// The double-entry ledger: every movement of money is one immutable transfer from a debit
/// account to a credit account; an account's balance (credits − debits) is cached in the same
/// transaction and checked against the transfers by `LedgerCheck`.
///
/// Accounts, per city and budget year: `treasury` (where a budget comes from; the only account
/// that may go negative), `unallocated` (budget not yet issued), per voucher `available` and
/// `held`, per payee `payable` (captured, owed by the issuing city), `settled` (paid) and
/// `receivable` (paid, then reversed: owed back by the payee).
enum Ledger {
    enum AccountKind: String, Sendable {
        case treasury, unallocated, available, held, payable, settled, receivable
    }

    enum TransferKind: String, Codable, CaseIterable, Sendable {
        case fund, defund, issue, hold, release, capture, expire, revoke, reverse, settle, adjust
        /// settled → receivable: a paid redemption reversed; the payee owes it back.
        case clawback
        /// receivable → unallocated: recovered from the payee, or netted against its next payment.
        case recover
    }

    struct Account: Sendable, Equatable {
        var id: Int64
        var code: String
        var kind: AccountKind
        var balance: Int64
    }

    /// What a transfer refers to.
    struct References: Sendable {
        var voucher: Int64?
        var redemption: Int64?
        var settlement: Int64?
        var reverses: Int64?
        var reason: String?

        init(
            voucher: Int64? = nil, redemption: Int64? = nil, settlement: Int64? = nil, reverses: Int64? = nil,
            reason: String? = nil
        ) {
            self.voucher = voucher
            self.redemption = redemption
            self.settlement = settlement
            self.reverses = reverses
            self.reason = reason
        }
    }

    // MARK: accounts

    static func treasury(_ db: Database, city: CityCode, year: Int, now: Date) throws -> Account {
        try account(db, code: "treasury:\(city.rawValue):\(year)", kind: .treasury, city: city, year: year, now: now)
    }

    static func unallocated(_ db: Database, city: CityCode, year: Int, now: Date) throws -> Account {
        try account(
            db, code: "unallocated:\(city.rawValue):\(year)", kind: .unallocated, city: city, year: year, now: now)
    }

    static func available(_ db: Database, voucher: Int64, city: CityCode, year: Int, now: Date) throws -> Account {
        try account(
            db, code: "available:\(voucher)", kind: .available, city: city, year: year, voucher: voucher, now: now)
    }

    static func held(_ db: Database, voucher: Int64, city: CityCode, year: Int, now: Date) throws -> Account {
        try account(db, code: "held:\(voucher)", kind: .held, city: city, year: year, voucher: voucher, now: now)
    }

    static func payable(_ db: Database, payee: Int64, city: CityCode, year: Int, now: Date) throws -> Account {
        try account(
            db, code: "payable:\(city.rawValue):\(year):\(payee)", kind: .payable, city: city, year: year, payee: payee,
            now: now)
    }

    static func settled(_ db: Database, payee: Int64, city: CityCode, year: Int, now: Date) throws -> Account {
        try account(
            db, code: "settled:\(city.rawValue):\(year):\(payee)", kind: .settled, city: city, year: year, payee: payee,
            now: now)
    }

    static func receivable(_ db: Database, payee: Int64, city: CityCode, year: Int, now: Date) throws -> Account {
        try account(
            db, code: "receivable:\(city.rawValue):\(year):\(payee)", kind: .receivable, city: city, year: year,
            payee: payee, now: now)
    }

    /// The account with this code, opened (at zero) on first use.
    static func account(
        _ db: Database, code: String, kind: AccountKind, city: CityCode, year: Int, voucher: Int64? = nil,
        payee: Int64? = nil, now: Date
    ) throws -> Account {
        if let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, balance FROM ledger_accounts WHERE code = ?"), arguments: [code])
        {
            return Account(id: row["id"], code: code, kind: kind, balance: row["balance"])
        }
        try db.execute(
            sql: """
                INSERT INTO ledger_accounts (code, kind, city, year, voucher_id, payee_org_id, balance, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?)
                """,
            arguments: [code, kind.rawValue, city.rawValue, year, voucher, payee, Timestamp.millis(now)]
        )
        return Account(id: db.lastInsertedRowID, code: code, kind: kind, balance: 0)
    }

    static func balance(_ db: Database, code: String) throws -> Int64 {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT balance FROM ledger_accounts WHERE code = ?"), arguments: [code]) ?? 0
    }

    // MARK: transfers

    /// Moves `amount` from `debit` to `credit`. The caller has checked its business rules;
    /// this refuses what no rule may allow: a non-positive amount, or a balance below zero.
    @discardableResult
    static func transfer(
        _ db: Database, from debit: Account, to credit: Account, amount: Int64, kind: TransferKind,
        _ references: References = References(), requestID: String, now: Date
    ) throws -> Int64 {
        guard amount > 0 else { throw VoucherError.amountMustBePositive(field: "amount") }
        let debitBalance =
            try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT balance FROM ledger_accounts WHERE id = ?"), arguments: [debit.id]
            ) ?? 0
        if debit.kind != .treasury, debitBalance < amount {
            throw VoucherError.insufficientBalance(account: debit.code, balance: debitBalance, amount: amount)
        }
        let move = try db.cachedStatement(sql: "UPDATE ledger_accounts SET balance = balance + ? WHERE id = ?")
        try move.execute(arguments: [-amount, debit.id])
        try move.execute(arguments: [amount, credit.id])
        try db.cachedStatement(
            sql: """
                INSERT INTO ledger_transfers (debit_account_id, credit_account_id, amount, kind, voucher_id, redemption_id,
                    settlement_id, reverses_transfer_id, reason, request_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                debit.id, credit.id, amount, kind.rawValue, references.voucher, references.redemption,
                references.settlement,
                references.reverses, references.reason, requestID, Timestamp.millis(now),
            ]
        )
        return db.lastInsertedRowID
    }
}
