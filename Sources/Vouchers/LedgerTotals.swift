import Foundation
import GRDB
import Kernel
import Store

/// What the ledger holds per issuing city right now (for `/metrics`): held on vouchers by
/// pending redemptions, captured and owed to payees, and paid out in settlements. In fen.
public struct LedgerTotals: Sendable, Equatable {
    public var city: CityCode
    /// Balance of the `held` accounts of the city's vouchers.
    public var heldFen: Int64 = 0
    /// Balance of the city's `payable` accounts: captured redemptions not yet settled.
    public var capturedFen: Int64 = 0
    /// Balance of the city's `settled` accounts: paid out, all time.
    public var settledFen: Int64 = 0

    public init(city: CityCode) {
        self.city = city
    }

    /// One entry per corridor city, in `CityCode` order, zero where the ledger has nothing.
    public static func byCity(_ db: Database) throws -> [LedgerTotals] {
        var totals = Dictionary(uniqueKeysWithValues: CityCode.allCases.map { ($0, LedgerTotals(city: $0)) })
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT city, kind, coalesce(sum(balance), 0) AS total FROM ledger_accounts
                WHERE kind IN ('held', 'payable', 'settled') GROUP BY city, kind
                """
        )
        for row in rows {
            guard let city = CityCode(rawValue: row["city"]) else { continue }
            let total: Int64 = row["total"]
            switch row["kind"] as String {
            case Ledger.AccountKind.held.rawValue: totals[city]?.heldFen = total
            case Ledger.AccountKind.payable.rawValue: totals[city]?.capturedFen = total
            case Ledger.AccountKind.settled.rawValue: totals[city]?.settledFen = total
            default: break
            }
        }
        return CityCode.allCases.compactMap { totals[$0] }
    }

    /// The same, in a read transaction of its own.
    public static func byCity(_ database: AppDatabase) async throws -> [LedgerTotals] {
        try await database.read { db in try byCity(db) }
    }
}
