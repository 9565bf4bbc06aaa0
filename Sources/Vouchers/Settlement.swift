import Foundation
import GRDB
import Identity
import Kernel
import Store

/// What an issuing city owes for one month: per payee, and the 5 × 5 matrix of issuing city ×
/// provider city that cross-border 通用通兑 is settled by.
public struct SettlementReport: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var issuingCity: CityCode
        public var payeeOrganizationId: Int64
        public var payeeName: String
        public var payeeCity: CityCode
        public var mode: RedemptionMode
        public var redemptions: Int
        public var amountFen: Int64
        /// Already in a paid settlement batch.
        public var settledFen: Int64
    }

    public var period: String
    public var lines: [Line]
    /// matrix[issuing city][provider city] in fen, every city present.
    public var matrix: [String: [String: Int64]]
    public var totalsByIssuingCity: [String: Int64]
    public var totalsByProviderCity: [String: Int64]
    public var totalFen: Int64
}

/// A city's settlement of one period: approved with its items, then paid with a reference.
public struct SettlementBatch: Codable, Sendable, Equatable {
    public enum Status: String, Codable, CaseIterable, Sendable {
        case approved, paid
    }

    public struct Item: Codable, Sendable, Equatable {
        public var payeeOrganizationId: Int64
        public var year: Int
        public var amountFen: Int64
        public var redemptionIds: [Int64]
        /// What the payee owed back (receivables) and was kept from this payment.
        public var nettedFen: Int64?
    }

    public var id: Int64
    public var city: CityCode
    public var period: String
    public var status: Status
    public var totalFen: Int64
    public var items: [Item]
    public var paymentReference: String?
    public var createdAt: Date
    public var paidAt: Date?
    /// The user who approved it (another user records the payment).
    public var approvedBy: Int64?
    /// What was paid out in money: the total less what was netted against receivables.
    public var cashFen: Int64?
}

/// The body of `POST /v1/settlements`.
public struct NewSettlement: Sendable {
    public var period: String

    public init(period: String) {
        self.period = period
    }
}

/// The body of marking a batch paid.
public struct SettlementPayment: Sendable {
    public var paymentReference: String

    public init(paymentReference: String) {
        self.paymentReference = paymentReference
    }
}

/// A month, `YYYY-MM`, in China Standard Time.
struct Period: Sendable {
    let text: String
    let start: Date
    let end: Date

    init(_ text: String) throws {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let month = Int(parts[1]),
            (2000...2100).contains(year), (1...12).contains(month)
        else {
            throw VoucherError.periodInvalid
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        start = calendar.date(from: DateComponents(year: year, month: month, day: 1))!
        end = calendar.date(byAdding: .month, value: 1, to: start)!
        self.text = text
    }
}

public struct SettlementService: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// Captured redemptions of the month (reversed ones left out), for the viewer's city or all.
    public func report(period text: String, viewer: Actor) async throws -> SettlementReport {
        let period = try Period(text)
        let city: CityCode? = (viewer.role == .cityAdmin) ? viewer.city : nil
        guard
            viewer.role == .cityAdmin || viewer.role == .auditor || viewer.role == .platformAdmin
                || viewer.kind == .system
        else {
            throw VoucherError.forbidden
        }
        return try await database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.issuing_city, r.payee_org_id, r.mode, count(*) AS n, sum(r.voucher_fen) AS amount,
                        sum(CASE WHEN s.status = 'paid' THEN r.voucher_fen ELSE 0 END) AS settled
                    FROM voucher_redemptions r LEFT JOIN voucher_settlements s ON s.id = r.settlement_id
                    WHERE r.status = 'captured' AND r.captured_at >= ? AND r.captured_at < ? AND (? IS NULL OR r.issuing_city = ?)
                    GROUP BY r.issuing_city, r.payee_org_id, r.mode ORDER BY r.issuing_city, amount DESC
                    """,
                arguments: [
                    Timestamp.millis(period.start), Timestamp.millis(period.end), city?.rawValue, city?.rawValue,
                ]
            )
            let cells = try Row.fetchAll(
                db,
                sql: """
                    SELECT issuing_city, provider_city, sum(voucher_fen) AS amount FROM voucher_redemptions
                    WHERE status = 'captured' AND captured_at >= ? AND captured_at < ? AND (? IS NULL OR issuing_city = ?)
                    GROUP BY issuing_city, provider_city
                    """,
                arguments: [
                    Timestamp.millis(period.start), Timestamp.millis(period.end), city?.rawValue, city?.rawValue,
                ]
            )
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
            // Payees' names and cities from Identity's read interface, not its table.
            let payees = try OrganizationDirectory.summaries(db, ids: rows.map { row -> Int64 in row["payee_org_id"] })
            let lines = rows.map { row in
                let payee: Int64 = row["payee_org_id"]
                let issuing = CityCode(rawValue: row["issuing_city"])!
                return SettlementReport.Line(
                    issuingCity: issuing, payeeOrganizationId: payee, payeeName: payees[payee]?.name ?? "#\(payee)",
                    payeeCity: payees[payee]?.city ?? issuing, mode: RedemptionMode(rawValue: row["mode"])!,
                    redemptions: row["n"],
                    amountFen: row["amount"], settledFen: row["settled"]
                )
            }
            return SettlementReport(
                period: period.text, lines: lines, matrix: matrix, totalsByIssuingCity: byIssuing,
                totalsByProviderCity: byProvider,
                totalFen: byIssuing.values.reduce(0, +)
            )
        }
    }

    /// The report's lines as CSV (UTF-8, header row, CRLF; amounts in fen and in yuan), written by
    /// `CSVWriter`: every text field quoted and a payee name that looks like a formula defused.
    public static func csv(_ report: SettlementReport) -> String {
        CSVWriter.document(
            header: [
                "period", "issuing_city", "payee_org_id", "payee_name", "payee_city", "mode", "redemptions",
                "amount_fen", "amount_yuan",
                "settled_fen",
            ],
            records: report.lines.map { line in
                [
                    .text(report.period), .text(line.issuingCity.rawValue), .integer(line.payeeOrganizationId),
                    .text(line.payeeName),
                    .text(line.payeeCity.rawValue), .text(line.mode.rawValue), .integer(Int64(line.redemptions)),
                    .integer(line.amountFen),
                    .yuan(fen: line.amountFen), .integer(line.settledFen),
                ]
            }
        )
    }

    /// The issuing city's admin approves a batch: every captured, unsettled redemption of its
    /// vouchers captured before the period's end.
    public func approve(_ input: NewSettlement, by actor: Actor) async throws -> SettlementBatch {
        let period = try Period(input.period)
        return try await database.write(as: actor, action: "settlement.approve") { db, context in
            guard let city = context.actor.city else { throw VoucherError.forbidden }
            try Authorization.check(context.actor, .settlementManage, on: AccessTarget(organizationID: nil, city: city))
            guard period.end <= context.now else {
                throw VoucherError.periodNotEnded
            }
            if try Int64.fetchOne(
                db, sql: "SELECT id FROM voucher_settlements WHERE city = ? AND period = ?",
                arguments: [city.rawValue, period.text]) != nil
            {
                throw VoucherError.settlementExists
            }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.id, r.payee_org_id, r.voucher_fen, v.year FROM voucher_redemptions r JOIN vouchers v ON v.id = r.voucher_id
                    WHERE r.issuing_city = ? AND r.status = 'captured' AND r.settlement_id IS NULL AND r.captured_at < ?
                    ORDER BY r.id
                    """,
                arguments: [city.rawValue, Timestamp.millis(period.end)]
            )
            guard !rows.isEmpty else {
                throw VoucherError.nothingToSettle
            }
            var items: [String: SettlementBatch.Item] = [:]
            for row in rows {
                let payee: Int64 = row["payee_org_id"]
                let year: Int = row["year"]
                let key = "\(payee):\(year)"
                var item =
                    items[key]
                    ?? SettlementBatch.Item(payeeOrganizationId: payee, year: year, amountFen: 0, redemptionIds: [])
                item.amountFen += row["voucher_fen"] as Int64
                item.redemptionIds.append(row["id"])
                items[key] = item
            }
            let sorted = items.values.sorted { ($0.payeeOrganizationId, $0.year) < ($1.payeeOrganizationId, $1.year) }
            let total = sorted.reduce(0) { $0 + $1.amountFen }
            try db.execute(
                sql:
                    "INSERT INTO voucher_settlements (city, period, status, total_fen, document, created_at) VALUES (?, ?, 'approved', ?, '{}', ?)",
                arguments: [city.rawValue, period.text, total, Timestamp.millis(context.now)]
            )
            let batch = SettlementBatch(
                id: db.lastInsertedRowID, city: city, period: period.text, status: .approved, totalFen: total,
                items: sorted,
                paymentReference: nil, createdAt: Timestamp.date(millis: Timestamp.millis(context.now)), paidAt: nil,
                approvedBy: context.actor.userID
            )
            try db.execute(
                sql: "UPDATE voucher_settlements SET document = ? WHERE id = ?",
                arguments: [try VoucherCoding.text(batch), batch.id])
            for row in rows {
                guard var redemption = try RedemptionService.find(db, id: row["id"]) else { continue }
                redemption.settlementId = batch.id
                try RedemptionService.save(db, redemption)
            }
            return Audited(batch, target: "settlement", id: String(batch.id), change: try VoucherCoding.json(batch))
        }
    }

    /// Marks a batch paid: for each payee, payable → settled.
    public func pay(_ id: Int64, _ input: SettlementPayment, by actor: Actor) async throws -> SettlementBatch {
        try await database.write(as: actor, action: "settlement.pay") { db, context in
            guard var batch = try Self.find(db, id: id) else { throw VoucherError.settlementNotFound }
            let role: SettlementMachine.Role
            if !Authorization.allows(
                context.actor, .settlementManage, on: AccessTarget(organizationID: nil, city: batch.city))
            {
                role = .outsider
            } else if let approver = batch.approvedBy, approver == context.actor.userID {
                role = .approver
            } else {
                role = .manager
            }
            let transition = try SettlementMachine.decide(batch.status, .pay, by: role).get()
            let reference = try DocumentNumber.checked(input.paymentReference, field: "paymentReference", max: 100)
            for index in batch.items.indices where transition.actions.contains(.settle) {
                let item = batch.items[index]
                let payable = try Ledger.payable(
                    db, payee: item.payeeOrganizationId, city: batch.city, year: item.year, now: context.now)
                let settled = try Ledger.settled(
                    db, payee: item.payeeOrganizationId, city: batch.city, year: item.year, now: context.now)
                try Ledger.transfer(
                    db, from: payable, to: settled, amount: item.amountFen, kind: .settle,
                    Ledger.References(settlement: batch.id, reason: reference), requestID: context.actor.requestID,
                    now: context.now
                )
                batch.items[index].nettedFen = try Receivables.net(
                    db, payee: item.payeeOrganizationId, city: batch.city, upTo: item.amountFen, settlement: batch.id,
                    requestID: context.actor.requestID, now: context.now
                )
            }
            batch.cashFen = batch.totalFen - batch.items.reduce(0) { $0 + ($1.nettedFen ?? 0) }
            batch.status = transition.status
            batch.paymentReference = reference
            batch.paidAt = Timestamp.date(millis: Timestamp.millis(context.now))
            try db.execute(
                sql:
                    "UPDATE voucher_settlements SET status = ?, payment_reference = ?, paid_at = ?, document = ? WHERE id = ?",
                arguments: [
                    transition.status.rawValue, reference, Timestamp.millis(context.now), try VoucherCoding.text(batch),
                    id,
                ]
            )
            return Audited(
                batch, target: "settlement", id: String(id),
                change: [
                    "status": "paid", "paymentReference": .string(reference),
                    "cashFen": .int(batch.cashFen ?? batch.totalFen),
                ])
        }
    }

    public func get(_ id: Int64, viewer: Actor) async throws -> SettlementBatch {
        try await database.read { db in
            guard let batch = try Self.find(db, id: id),
                Authorization.allows(viewer, .settlementManage, on: AccessTarget(organizationID: nil, city: batch.city))
                    || Authorization.allows(
                        viewer, .ledgerRead, on: AccessTarget(organizationID: nil, city: batch.city))
            else { throw VoucherError.settlementNotFound }
            return batch
        }
    }

    /// The period's batches the viewer may see (its city's, or every city's for the platform
    /// and auditors), ordered by issuing city.
    public func batches(period: String, viewer: Actor) async throws -> [SettlementBatch] {
        try await database.read { db in
            try String.fetchAll(
                db, sql: "SELECT document FROM voucher_settlements WHERE period = ? ORDER BY city", arguments: [period]
            )
            .map { try VoucherCoding.decode(SettlementBatch.self, $0) }
            .filter { batch in
                Authorization.allows(viewer, .settlementManage, on: AccessTarget(organizationID: nil, city: batch.city))
                    || Authorization.allows(
                        viewer, .ledgerRead, on: AccessTarget(organizationID: nil, city: batch.city))
            }
        }
    }

    static func find(_ db: Database, id: Int64) throws -> SettlementBatch? {
        try String.fetchOne(db, sql: "SELECT document FROM voucher_settlements WHERE id = ?", arguments: [id])
            .map { try VoucherCoding.decode(SettlementBatch.self, $0) }
    }
}
