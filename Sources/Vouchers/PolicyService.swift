import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Voucher policies: one per city and budget year, amended only forward (a new version).
/// Funding or defunding the budget is a ledger transfer in the same transaction.
public struct PolicyService: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public func create(_ input: NewVoucherPolicy, by actor: Actor) async throws -> VoucherPolicy {
        try await database.write(as: actor, action: "voucher_policy.create") { db, context in
            guard let city = context.actor.city ?? nil else { throw VoucherError.forbidden }
            try Authorization.check(
                context.actor, .voucherPolicyManage, on: AccessTarget(organizationID: nil, city: city))
            try input.validated(now: context.now)
            if try Self.current(db, city: city, year: input.year) != nil {
                throw VoucherError.policyExists
            }
            let policy = try Self.insert(db, input, city: city, version: 1, now: context.now)
            let treasury = try Ledger.treasury(db, city: city, year: input.year, now: context.now)
            let unallocated = try Ledger.unallocated(db, city: city, year: input.year, now: context.now)
            try Ledger.transfer(
                db, from: treasury, to: unallocated, amount: input.budgetFen, kind: .fund,
                Ledger.References(reason: "policy \(policy.id) v1"), requestID: context.actor.requestID,
                now: context.now
            )
            return Audited(
                policy, target: "voucher_policy", id: String(policy.id), change: try VoucherCoding.json(policy))
        }
    }

    /// A new version replacing the current one. The budget may grow (funded from the
    /// treasury) or shrink by at most what is still unallocated. Year and city stay.
    public func amend(_ id: Int64, _ input: NewVoucherPolicy, by actor: Actor) async throws -> VoucherPolicy {
        try await database.write(as: actor, action: "voucher_policy.amend") { db, context in
            guard let old = try Self.find(db, id: id) else { throw VoucherError.policyNotFound }
            try Authorization.check(
                context.actor, .voucherPolicyManage, on: AccessTarget(organizationID: nil, city: old.city))
            guard old.current else {
                throw VoucherError.policySuperseded
            }
            guard input.year == old.year else {
                throw VoucherError.yearFixed
            }
            try input.validated(now: context.now)
            let unallocated = try Ledger.unallocated(db, city: old.city, year: old.year, now: context.now)
            let treasury = try Ledger.treasury(db, city: old.city, year: old.year, now: context.now)
            let delta = input.budgetFen - old.budgetFen
            if delta < 0, unallocated.balance < -delta {
                throw VoucherError.budgetBelowIssued(unallocated: unallocated.balance)
            }
            try db.execute(sql: "UPDATE voucher_policies SET current = 0 WHERE id = ?", arguments: [old.id])
            let policy = try Self.insert(db, input, city: old.city, version: old.version + 1, now: context.now)
            let references = Ledger.References(reason: "policy \(policy.id) v\(policy.version)")
            if delta > 0 {
                try Ledger.transfer(
                    db, from: treasury, to: unallocated, amount: delta, kind: .fund, references,
                    requestID: context.actor.requestID, now: context.now)
            } else if delta < 0 {
                try Ledger.transfer(
                    db, from: unallocated, to: treasury, amount: -delta, kind: .defund, references,
                    requestID: context.actor.requestID, now: context.now)
            }
            return Audited(
                policy, target: "voucher_policy", id: String(policy.id),
                change: [
                    "supersedes": .int(old.id), "policy": try VoucherCoding.json(policy),
                ])
        }
    }

    public func get(_ id: Int64) async throws -> VoucherPolicy {
        guard let policy = try await database.read({ db in try Self.find(db, id: id) }) else {
            throw VoucherError.policyNotFound
        }
        return policy
    }

    /// Policies are public: enterprises read them before they apply.
    public func list(city: CityCode?, year: Int?, includeSuperseded: Bool) async throws -> [VoucherPolicy] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT document, current FROM voucher_policies WHERE (? IS NULL OR city = ?) AND (? IS NULL OR year = ?)
                      AND (? OR current = 1) ORDER BY year DESC, city, version DESC LIMIT 200
                    """,
                arguments: [city?.rawValue, city?.rawValue, year, year, includeSuperseded]
            ).map { row in
                // The stored document says what the version was when written; `current` is the row's.
                var policy = try VoucherCoding.decode(VoucherPolicy.self, row["document"] as String)
                policy.current = row["current"] == 1
                return policy
            }
        }
    }

    static func insert(
        _ db: Database, _ input: NewVoucherPolicy, city: CityCode, version: Int, now: Date
    ) throws -> VoucherPolicy {
        try db.execute(
            sql:
                "INSERT INTO voucher_policies (city, year, version, current, document, created_at) VALUES (?, ?, ?, 1, '{}', ?)",
            arguments: [city.rawValue, input.year, version, Timestamp.millis(now)]
        )
        let policy = VoucherPolicy(
            id: db.lastInsertedRowID, city: city, year: input.year, version: version, budgetFen: input.budgetFen,
            unitFen: input.unitFen, yearlyCapFen: input.yearlyCapFen, categories: input.categories,
            eligibility: input.eligibility ?? VoucherPolicy.Eligibility(),
            validUntil: Timestamp.date(millis: Timestamp.millis(input.validUntil)),
            modes: input.modes ?? RedemptionMode.allCases, providerCities: input.providerCities ?? CityCode.allCases,
            holdHours: input.holdHours ?? 24 * 30,
            acceptanceDays: input.acceptanceDays ?? VoucherPolicy.defaultAcceptanceDays,
            fraudRules: input.fraudRules ?? FraudRules(), contractRule: input.contractRule ?? .terms, current: true,
            createdAt: Timestamp.date(millis: Timestamp.millis(now))
        )
        try db.execute(
            sql: "UPDATE voucher_policies SET document = ? WHERE id = ?",
            arguments: [try VoucherCoding.text(policy), policy.id])
        return policy
    }

    /// Policies as decoded, by their stored text (every redemption step reads its policy).
    static let decoded = DecodedDocuments<VoucherPolicy>()

    static func find(_ db: Database, id: Int64) throws -> VoucherPolicy? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT document, current FROM voucher_policies WHERE id = ?"), arguments: [id])
        else {
            return nil
        }
        var policy = try decoded.decode(row["document"])
        policy.current = row["current"] == 1
        return policy
    }

    static func current(_ db: Database, city: CityCode, year: Int) throws -> VoucherPolicy? {
        guard
            let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM voucher_policies WHERE city = ? AND year = ? AND current = 1",
                arguments: [city.rawValue, year]
            )
        else { return nil }
        return try find(db, id: id)
    }
}
