import Foundation
import GRDB
import Kernel
import Store

/// The ledger's invariants, verified from the transfers alone (`corridor ledger check`,
/// `GET /v1/ledger/check`). Clean means every line of `violations` is absent.
public struct LedgerReport: Codable, Sendable, Equatable {
    public var clean: Bool
    public var accounts: Int
    public var transfers: Int
    public var totalFen: Int64
    public var violations: [String]
}

public enum LedgerCheck {
    /// At most this many violations are listed (the count of the rest is appended).
    static let maxListed = 100

    public static func run(_ db: Database) throws -> LedgerReport {
        var violations: [String] = []
        func fail(_ text: String) { violations.append(text) }

        // Cached balances equal credits − debits; only the treasury may be negative; all sum to zero.
        let accounts = try Row.fetchAll(
            db,
            sql: """
                SELECT a.id, a.code, a.kind, a.balance,
                    coalesce((SELECT sum(amount) FROM ledger_transfers WHERE credit_account_id = a.id), 0)
                  - coalesce((SELECT sum(amount) FROM ledger_transfers WHERE debit_account_id = a.id), 0) AS derived
                FROM ledger_accounts a
                """
        )
        var total: Int64 = 0
        for row in accounts {
            let code: String = row["code"]
            let balance: Int64 = row["balance"]
            let derived: Int64 = row["derived"]
            total += derived
            if balance != derived { fail("account \(code): cached balance \(balance) ≠ transfers \(derived)") }
            if row["kind"] != "treasury", derived < 0 { fail("account \(code): negative balance \(derived)") }
        }
        if total != 0 { fail("transfers do not sum to zero: \(total)") }

        // Per voucher: face = issued; face = available + held + captured + expired + revoked.
        let vouchers = try Row.fetchAll(
            db,
            sql: """
                SELECT v.id, v.number, v.face_fen,
                    coalesce((SELECT balance FROM ledger_accounts WHERE code = 'available:' || v.id), 0) AS available,
                    coalesce((SELECT balance FROM ledger_accounts WHERE code = 'held:' || v.id), 0) AS held,
                    coalesce((SELECT sum(amount) FROM ledger_transfers WHERE voucher_id = v.id AND kind = 'issue'), 0) AS issued,
                    coalesce((SELECT sum(amount) FROM ledger_transfers WHERE voucher_id = v.id AND kind = 'capture'), 0) AS captured,
                    coalesce((SELECT sum(amount) FROM ledger_transfers WHERE voucher_id = v.id AND kind = 'expire'), 0) AS expired,
                    coalesce((SELECT sum(amount) FROM ledger_transfers WHERE voucher_id = v.id AND kind = 'revoke'), 0) AS revoked
                FROM vouchers v
                """
        )
        for row in vouchers {
            let number: String = row["number"]
            let face: Int64 = row["face_fen"]
            let issued: Int64 = row["issued"]
            let parts: Int64 =
                row["available"] + row["held"] + row["captured"] + row["expired"] + row["revoked"] as Int64
            if issued != face { fail("voucher \(number): issued \(issued) ≠ face \(face)") }
            if parts != face {
                fail("voucher \(number): available + held + captured + expired + revoked = \(parts) ≠ face \(face)")
            }
        }

        // Per city and year: budget = unallocated + what its vouchers hold + payable + settled + receivable.
        let cities = try Row.fetchAll(
            db,
            sql: """
                SELECT a.city, a.year,
                    coalesce((SELECT sum(t.amount) FROM ledger_transfers t JOIN ledger_accounts c ON c.id = t.credit_account_id
                              WHERE t.kind = 'fund' AND c.city = a.city AND c.year = a.year), 0)
                  - coalesce((SELECT sum(t.amount) FROM ledger_transfers t JOIN ledger_accounts d ON d.id = t.debit_account_id
                              WHERE t.kind = 'defund' AND d.city = a.city AND d.year = a.year), 0) AS budget,
                    sum(CASE WHEN a.kind <> 'treasury' THEN a.balance ELSE 0 END) AS held_everywhere
                FROM ledger_accounts a GROUP BY a.city, a.year
                """
        )
        for row in cities {
            let budget: Int64 = row["budget"]
            let everywhere: Int64 = row["held_everywhere"]
            if budget != everywhere {
                fail(
                    "city \(row["city"] as String) \(row["year"] as Int): budget \(budget) ≠ unallocated + vouchers + payable + settled \(everywhere)"
                )
            }
        }

        // Payables: captured − settled − reversed, per payee account.
        let payables = try Row.fetchAll(
            db,
            sql: """
                SELECT a.code, a.balance,
                    coalesce((SELECT sum(amount) FROM ledger_transfers WHERE credit_account_id = a.id AND kind = 'capture'), 0)
                  - coalesce((SELECT sum(amount) FROM ledger_transfers WHERE debit_account_id = a.id AND kind IN ('settle', 'reverse')), 0) AS expected
                FROM ledger_accounts a WHERE a.kind = 'payable'
                """
        )
        for row in payables where (row["balance"] as Int64) != (row["expected"] as Int64) {
            fail(
                "payable \(row["code"] as String): \(row["balance"] as Int64) ≠ captured − settled − reversed \(row["expected"] as Int64)"
            )
        }

        // Settled: paid − clawed back (− adjustments of earlier versions); receivables: clawed
        // back − recovered or netted.
        let kinds = try Row.fetchAll(
            db,
            sql: """
                SELECT a.code, a.kind, a.balance,
                    coalesce((SELECT sum(amount) FROM ledger_transfers WHERE credit_account_id = a.id AND kind IN ('settle', 'clawback')), 0)
                  - coalesce((SELECT sum(amount) FROM ledger_transfers WHERE debit_account_id = a.id AND kind IN ('clawback', 'adjust', 'recover')), 0) AS expected
                FROM ledger_accounts a WHERE a.kind IN ('settled', 'receivable')
                """
        )
        for row in kinds where (row["balance"] as Int64) != (row["expected"] as Int64) {
            let rule = row["kind"] == "settled" ? "settled − clawed back" : "clawed back − recovered"
            fail(
                "\(row["kind"] as String) \(row["code"] as String): \(row["balance"] as Int64) ≠ \(rule) \(row["expected"] as Int64)"
            )
        }

        let transfers = try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger_transfers") ?? 0
        var listed = Array(violations.prefix(maxListed))
        if violations.count > maxListed { listed.append("… and \(violations.count - maxListed) more") }
        return LedgerReport(
            clean: violations.isEmpty, accounts: accounts.count, transfers: transfers, totalFen: total,
            violations: listed)
    }
}

extension AppDatabase {
    /// Runs `LedgerCheck` on a reader (a consistent snapshot).
    public func checkLedger() async throws -> LedgerReport {
        try await read { db in try LedgerCheck.run(db) }
    }
}
