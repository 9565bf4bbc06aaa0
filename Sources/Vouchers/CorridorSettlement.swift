import Foundation
import GRDB
import Identity
import Kernel
import Store

/// The whole corridor's month for one city's administrator: every issuing city × provider city
/// cell (aggregates only), and what other cities' vouchers owe the viewer's city's providers.
/// What the city itself owes, per payee, is `SettlementService.report`.
public struct CorridorSettlement: Sendable, Equatable {
    /// The viewer's city (nil for the platform and auditors, who see every city's receivables).
    public var city: CityCode?
    public var period: String
    /// matrix[issuing city][provider city] in fen, every city present, every city's row filled.
    public var matrix: [String: [String: Int64]]
    public var totalsByIssuingCity: [String: Int64]
    public var totalsByProviderCity: [String: Int64]
    public var totalFen: Int64
    /// Captured redemptions of other cities' vouchers paid to providers of `city`, per issuing
    /// city and provider (`payeeCity` is the provider's city).
    public var receivables: [SettlementReport.Line]
}

extension SettlementService {
    /// The corridor's matrix for the period and the viewer's city's receivables from the other
    /// cities. City administrators, the platform and auditors only.
    public func corridor(period text: String, viewer: Actor) async throws -> CorridorSettlement {
        let period = try Period(text)
        guard
            viewer.role == .cityAdmin || viewer.role == .auditor || viewer.role == .platformAdmin
                || viewer.kind == .system
        else {
            throw VoucherError.forbidden
        }
        let city: CityCode? = viewer.role == .cityAdmin ? viewer.city : nil
        let (start, end) = (Timestamp.millis(period.start), Timestamp.millis(period.end))
        return try await database.read { db in
            let bounds: [(any DatabaseValueConvertible)?] = [start, end]
            let cells = try Row.fetchAll(
                db,
                sql: """
                    SELECT issuing_city, provider_city, sum(voucher_fen) AS amount FROM voucher_redemptions
                    WHERE status = 'captured' AND captured_at >= ? AND captured_at < ?
                    GROUP BY issuing_city, provider_city
                    """,
                arguments: StatementArguments(bounds))
            var matrix: [String: [String: Int64]] = [:]
            for issuing in CityCode.allCases {
                matrix[issuing.rawValue] = Dictionary(
                    uniqueKeysWithValues: CityCode.allCases.map { ($0.rawValue, Int64(0)) })
            }
            for cell in cells { matrix[cell["issuing_city"], default: [:]][cell["provider_city"]] = cell["amount"] }
            var byIssuing: [String: Int64] = [:]
            var byProvider: [String: Int64] = [:]
            for (issuing, row) in matrix {
                byIssuing[issuing] = row.values.reduce(0, +)
                for (providerCity, amount) in row { byProvider[providerCity, default: 0] += amount }
            }
            // Only money paid to the provider itself (通兑): a 通用 claim is paid to the enterprise.
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.issuing_city, r.provider_city, r.provider_org_id, r.mode, count(*) AS n,
                        sum(r.voucher_fen) AS amount,
                        sum(CASE WHEN s.status = 'paid' THEN r.voucher_fen ELSE 0 END) AS settled
                    FROM voucher_redemptions r LEFT JOIN voucher_settlements s ON s.id = r.settlement_id
                    WHERE r.status = 'captured' AND r.captured_at >= ? AND r.captured_at < ?
                        AND r.issuing_city != r.provider_city AND r.payee_org_id = r.provider_org_id
                        AND (? IS NULL OR r.provider_city = ?)
                    GROUP BY r.issuing_city, r.provider_city, r.provider_org_id, r.mode
                    ORDER BY r.provider_city, r.issuing_city, amount DESC
                    """,
                arguments: StatementArguments(bounds + [city?.rawValue, city?.rawValue]))
            let providers = try OrganizationDirectory.summaries(
                db, ids: rows.map { row -> Int64 in row["provider_org_id"] })
            let receivables = rows.compactMap { row -> SettlementReport.Line? in
                let provider: Int64 = row["provider_org_id"]
                guard let issuing = CityCode(rawValue: row["issuing_city"]),
                    let providerCity = CityCode(rawValue: row["provider_city"]),
                    let mode = RedemptionMode(rawValue: row["mode"])
                else { return nil }
                return SettlementReport.Line(
                    issuingCity: issuing, payeeOrganizationId: provider,
                    payeeName: providers[provider]?.name ?? "#\(provider)", payeeCity: providerCity, mode: mode,
                    redemptions: row["n"], amountFen: row["amount"], settledFen: row["settled"])
            }
            return CorridorSettlement(
                city: city, period: period.text, matrix: matrix, totalsByIssuingCity: byIssuing,
                totalsByProviderCity: byProvider, totalFen: byIssuing.values.reduce(0, +), receivables: receivables)
        }
    }
}
