import Foundation
import GRDB
import Kernel
import Listings
import Store
import Vouchers

/// The statistics of contracts (issue 16), read only. Two scans of the covering turnover index
/// group the signed contracts in range by month and cities, and by type and field; every
/// breakdown is summed from those few hundred groups.
public struct ContractStatistics: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// Everything signed in [from, to) (either end open when nil). City administrators, the
    /// platform and auditors see every value; anyone else (the public) sees small cells withheld.
    public func report(
        from: Date? = nil, to: Date? = nil, viewer: Actor? = nil
    ) async throws
        -> ContractStatisticsReport
    {
        let report = try await database.read { db in try Self.report(db, from: from, to: to) }
        return Self.seesEveryValue(viewer) ? report : report.withholdingSmallCells()
    }

    /// Who reads every value: those who register and supervise contracts.
    public static func seesEveryValue(_ viewer: Actor?) -> Bool {
        guard let viewer else { return false }
        return [.cityAdmin, .platformAdmin, .auditor].contains(viewer.role)
    }

    static let chinaOffsetMillis: Int64 = 8 * 3_600_000
    static let dayMillis: Int64 = 86_400_000

    static func report(_ db: Database, from: Date?, to: Date?) throws -> ContractStatisticsReport {
        let range = Range(from: from, to: to)
        // Two scans of the covering index, each grouping to a few hundred rows at most: by month
        // and cities (month, exported, absorbed, the matrix), and by type and field.
        let byPlace = try Row.fetchAll(
            db,
            sql: """
                SELECT strftime('%Y-%m', (signed_at + ?) / 1000, 'unixepoch') AS month, seller_city, buyer_city,
                    count(*) AS contracts, sum(value_fen) AS value
                FROM deal_contracts INDEXED BY deal_contracts_turnover
                WHERE signed_at IS NOT NULL AND signed_at >= ? AND signed_at < ?
                GROUP BY 1, 2, 3
                """,
            arguments: [chinaOffsetMillis, range.low, range.high])
        let byKind = try Row.fetchAll(
            db,
            sql: """
                SELECT type, field, count(*) AS contracts, sum(value_fen) AS value
                FROM deal_contracts INDEXED BY deal_contracts_turnover
                WHERE signed_at IS NOT NULL AND signed_at >= ? AND signed_at < ?
                GROUP BY 1, 2
                """,
            arguments: [range.low, range.high])
        var byMonth: [String: (Int, Int64)] = [:]
        var byType: [String: (Int, Int64)] = [:]
        var byField: [String: (Int, Int64)] = [:]
        var bySeller: [String: (Int, Int64)] = [:]
        var byBuyer: [String: (Int, Int64)] = [:]
        var cells: [String: (Int, Int64)] = [:]
        var total: (Int, Int64) = (0, 0)
        func add(_ table: inout [String: (Int, Int64)], _ key: String, _ row: Row) {
            let old = table[key] ?? (0, 0)
            table[key] = (old.0 + row["contracts"], old.1 + row["value"])
        }
        for row in byPlace {
            let seller: String = row["seller_city"]
            let buyer: String = row["buyer_city"]
            add(&byMonth, row["month"], row)
            add(&bySeller, seller, row)
            add(&byBuyer, buyer, row)
            add(&cells, "\(seller)>\(buyer)", row)
            total = (total.0 + row["contracts"], total.1 + row["value"])
        }
        for row in byKind {
            add(&byType, row["type"], row)
            add(&byField, row["field"], row)
        }
        func amounts(_ table: [String: (Int, Int64)]) -> [ContractStatisticsReport.Amount] {
            table.keys.sorted().map { .init(key: $0, contracts: table[$0]!.0, valueFen: table[$0]!.1) }
        }
        let matrix = CityCode.allCases.flatMap { seller in
            CityCode.allCases.map { buyer in
                let cell = cells["\(seller.rawValue)>\(buyer.rawValue)"] ?? (0, 0)
                return ContractStatisticsReport.Cell(
                    sellerCity: seller, buyerCity: buyer, contracts: cell.0, valueFen: cell.1)
            }
        }
        let byBroker = try ContractBrokerCredit.byBroker(db, range)
        let within = matrix.filter { $0.sellerCity == $0.buyerCity }.reduce(Int64(0)) { $0 + $1.valueFen }
        var report = ContractStatisticsReport(
            from: from, to: to, contracts: total.0, totalFen: total.1, byMonth: amounts(byMonth),
            byType: amounts(byType), byField: amounts(byField), bySellerCity: amounts(bySeller),
            byBuyerCity: amounts(byBuyer), matrix: matrix, withinCityFen: within,
            withinCityPermille: total.1 == 0
                ? 0 : Int(total.1.dividingFullWidth(within.multipliedFullWidth(by: 1_000)).quotient),
            funnel: try funnel(db, range), voucherByType: try voucherByType(db, range))
        report.byBroker = byBroker
        return report
    }

    /// Voucher money per contract type: what the redemptions opened in range hold or were paid,
    /// read from Vouchers, by the type of the contract they pay into.
    static func voucherByType(_ db: Database, _ range: Range) throws -> [ContractStatisticsReport.Amount] {
        let paid = try TechnologyContractSubsidies.voucherFen(db, from: range.low, to: range.high)
        var byType: [String: (Int, Int64)] = [:]
        let ids = paid.keys.sorted()
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT id, type FROM deal_contracts WHERE id IN (\(databaseQuestionMarks(count: chunk.count)))",
                arguments: StatementArguments(chunk))
            for row in rows {
                let old = byType[row["type"]] ?? (0, 0)
                byType[row["type"]] = (old.0 + 1, old.1 + (paid[row["id"]] ?? 0))
            }
        }
        return byType.keys.sorted().map { .init(key: $0, contracts: byType[$0]!.0, valueFen: byType[$0]!.1) }
    }

    struct Range {
        var from: Date?
        var to: Date?
        var low: Int64 { from.map(Timestamp.millis) ?? .min }
        var high: Int64 { to.map(Timestamp.millis) ?? .max }
    }

    static func funnel(_ db: Database, _ range: Range) throws -> ContractStatisticsReport.Funnel {
        let accepted = try Row.fetchAll(
            db,
            sql: """
                SELECT subject_kind, subject_id, decided_at FROM deal_connections
                WHERE status = 'accepted' AND decided_at >= ? AND decided_at < ?
                """,
            arguments: [range.low, range.high])
        let needIds = accepted.filter { ["need", "match"].contains($0["subject_kind"] as String) }
            .map { $0["subject_id"] as Int64 }
        let posted = try ListingDirectory.createdAt(db, ids: needIds)
        let needToConnection = accepted.compactMap { row -> Int64? in
            let subject: Int64 = row["subject_id"]
            guard ["need", "match"].contains(row["subject_kind"] as String), let need = posted[subject] else {
                return nil
            }
            return (row["decided_at"] as Int64) - Timestamp.millis(need)
        }
        let connectionToSignature = try spans(
            db,
            sql: """
                SELECT c.signed_at - k.decided_at AS span
                FROM deal_contracts c INDEXED BY deal_contracts_connection JOIN deal_connections k ON k.id = c.connection_id
                WHERE c.connection_id IS NOT NULL AND c.signed_at IS NOT NULL AND c.signed_at >= ? AND c.signed_at < ?
                  AND k.decided_at IS NOT NULL
                """,
            range)
        let signatureToRegistration = try spans(
            db,
            sql: """
                SELECT registered_at - signed_at AS span FROM deal_contracts INDEXED BY deal_contracts_registered
                WHERE registered_at IS NOT NULL AND registered_at >= ? AND registered_at < ?
                """,
            range)
        let signed =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM deal_contracts INDEXED BY deal_contracts_turnover
                    WHERE signed_at IS NOT NULL AND signed_at >= ? AND signed_at < ?
                    """,
                arguments: [range.low, range.high]) ?? 0
        return ContractStatisticsReport.Funnel(
            needsPosted: try ListingDirectory.needsPosted(db, from: range.from, to: range.to),
            connectionsAccepted: accepted.count, contractsSigned: signed,
            contractsRegistered: signatureToRegistration.count,
            medianDaysNeedToConnection: medianDays(needToConnection),
            medianDaysConnectionToSignature: connectionToSignature.medianDays,
            medianDaysSignatureToRegistration: signatureToRegistration.medianDays)
    }

    /// How many spans (milliseconds, a column `span`) the query finds and their lower median in
    /// whole days, with SQLite doing the sorting (tens of thousands of rows never reach Swift).
    static func spans(_ db: Database, sql: String, _ range: Range) throws -> (count: Int, medianDays: Int?) {
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(sql))", arguments: [range.low, range.high]) ?? 0
        guard count > 0 else { return (0, nil) }
        let median =
            try Int64.fetchOne(
                db, sql: "SELECT span FROM (\(sql)) ORDER BY span LIMIT 1 OFFSET ?",
                arguments: [range.low, range.high, (count - 1) / 2]) ?? 0
        return (count, Int(max(0, median) / dayMillis))
    }

    /// The lower median of the spans, in whole days (rounded down).
    static func medianDays(_ spans: [Int64]) -> Int? {
        guard !spans.isEmpty else { return nil }
        let sorted = spans.sorted()
        return Int(max(0, sorted[(sorted.count - 1) / 2]) / dayMillis)
    }
}
