import Foundation
import GRDB
import Identity
import Kernel
import Store

/// What a payee owes back after a paid redemption was reversed, per city and budget year.
public struct Receivable: Codable, Sendable, Equatable {
    public var city: CityCode
    public var year: Int
    public var payeeOrganizationId: Int64
    public var balanceFen: Int64
}

/// The body of `POST /v1/receivables/recoveries`: money the payee paid back.
public struct NewRecovery: Sendable {
    public var payeeOrganizationId: Int64
    public var year: Int
    public var amountFen: Int64
    /// The bank reference of the repayment.
    public var reference: String

    public init(payeeOrganizationId: Int64, year: Int, amountFen: Int64, reference: String) {
        self.payeeOrganizationId = payeeOrganizationId
        self.year = year
        self.amountFen = amountFen
        self.reference = reference
    }
}

/// Receivables: listed for the city that is owed, recovered when the payee pays back, netted
/// against the payee's next settlement. Only then does the money return to the budget.
public struct ReceivableService: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public func list(viewer: Actor) async throws -> [Receivable] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT city, year, payee_org_id, balance FROM ledger_accounts WHERE kind = 'receivable' AND balance > 0 ORDER BY city, year, payee_org_id"
            ).map {
                Receivable(
                    city: CityCode(rawValue: $0["city"]) ?? .wuhan, year: $0["year"],
                    payeeOrganizationId: $0["payee_org_id"], balanceFen: $0["balance"])
            }.filter { Authorization.allows(viewer, .ledgerRead, on: AccessTarget(organizationID: nil, city: $0.city)) }
        }
    }

    /// The city records a repayment: receivable → unallocated budget.
    public func recover(_ input: NewRecovery, by actor: Actor) async throws -> Receivable {
        try await database.write(as: actor, action: "receivable.recover") { db, context in
            guard let city = context.actor.city,
                context.actor.role == .cityAdmin || context.actor.role == .platformAdmin
            else {
                throw VoucherError.forbidden
            }
            try Authorization.check(context.actor, .settlementManage, on: AccessTarget(organizationID: nil, city: city))
            guard input.amountFen > 0 else { throw VoucherError.amountMustBePositive(field: "amountFen") }
            let reference = try DocumentNumber.checked(input.reference, field: "reference", max: 100)
            let code = "receivable:\(city.rawValue):\(input.year):\(input.payeeOrganizationId)"
            let owed = try Ledger.balance(db, code: code)
            guard input.amountFen <= owed else {
                throw VoucherError.exceedsReceivable(owed: owed)
            }
            try Ledger.transfer(
                db,
                from: try Ledger.receivable(
                    db, payee: input.payeeOrganizationId, city: city, year: input.year, now: context.now),
                to: try Ledger.unallocated(db, city: city, year: input.year, now: context.now), amount: input.amountFen,
                kind: .recover,
                Ledger.References(reason: reference), requestID: context.actor.requestID, now: context.now
            )
            let receivable = Receivable(
                city: city, year: input.year, payeeOrganizationId: input.payeeOrganizationId,
                balanceFen: owed - input.amountFen)
            return Audited(
                receivable, target: "receivable", id: code,
                change: [
                    "recoveredFen": .int(input.amountFen), "reference": .string(reference),
                    "balanceFen": .int(receivable.balanceFen),
                ])
        }
    }
}

enum Receivables {
    /// Keeps up to `limit` of a payment to cover what the payee owes the city (oldest year
    /// first); returns what was netted.
    static func net(
        _ db: Database, payee: Int64, city: CityCode, upTo limit: Int64, settlement: Int64, requestID: String, now: Date
    ) throws -> Int64 {
        let owed = try Row.fetchAll(
            db,
            sql:
                "SELECT year, balance FROM ledger_accounts WHERE kind = 'receivable' AND city = ? AND payee_org_id = ? AND balance > 0 ORDER BY year",
            arguments: [city.rawValue, payee]
        )
        var netted: Int64 = 0
        for row in owed where netted < limit {
            let year: Int = row["year"]
            let amount = min(row["balance"] as Int64, limit - netted)
            try Ledger.transfer(
                db, from: try Ledger.receivable(db, payee: payee, city: city, year: year, now: now),
                to: try Ledger.unallocated(db, city: city, year: year, now: now), amount: amount, kind: .recover,
                Ledger.References(settlement: settlement, reason: "netted against settlement \(settlement)"),
                requestID: requestID, now: now
            )
            netted += amount
        }
        return netted
    }
}
