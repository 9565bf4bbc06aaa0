import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Applying for vouchers, approving them from the city's budget, reading them, and expiring
/// them (the unused balance returns to the budget).
public struct VoucherService: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public func apply(_ input: NewVoucherApplication, by actor: Actor) async throws -> VoucherApplication {
        try await database.write(as: actor, action: "voucher.apply") { db, context in
            guard let orgID = context.actor.organizationID,
                let organization = try OrganizationDirectory.organization(db, id: orgID)
            else {
                throw VoucherError.forbidden
            }
            try Authorization.check(context.actor, .voucherApply, on: organization.accessTarget)
            guard organization.kind == .enterprise else {
                throw VoucherError.onlyEnterprisesApply
            }
            let year = input.year ?? context.now.chinaYear
            guard input.amountFen > 0 else { throw VoucherError.amountMustBePositive(field: "amountFen") }
            guard let policy = try PolicyService.current(db, city: organization.city, year: year) else {
                throw VoucherError.noPolicy
            }
            guard input.amountFen % policy.unitFen == 0 else {
                throw VoucherError.notUnitMultiple(field: "amountFen", unit: policy.unitFen)
            }
            guard policy.validUntil > context.now else { throw VoucherError.policyClosed }
            try Self.checkEligible(try CertificationService.effective(db, organization: orgID, at: context.now), policy)
            let used = try Self.issued(db, enterprise: orgID, city: organization.city, year: year)
            // `amount <= cap - used`, not `used + amount <= cap`: a huge amount must not overflow.
            guard input.amountFen <= policy.yearlyCapFen - used else {
                throw VoucherError.exceedsYearlyCap(cap: policy.yearlyCapFen, used: used)
            }
            try db.execute(
                sql: """
                    INSERT INTO voucher_applications (enterprise_org_id, city, year, policy_id, amount_fen, status, created_at)
                    VALUES (?, ?, ?, ?, ?, 'pending', ?)
                    """,
                arguments: [
                    orgID, organization.city.rawValue, year, policy.id, input.amountFen, Timestamp.millis(context.now),
                ]
            )
            let application = try Self.application(db, id: db.lastInsertedRowID)!
            return Audited(
                application, target: "voucher_application", id: String(application.id),
                change: try VoucherCoding.json(application)
            ).notifying(try VoucherEvents.applicationSubmitted(db, application))
        }
    }

    /// Approve (possibly a lower amount) or reject with a reason. Approval issues the voucher
    /// from the city's unallocated budget; the yearly cap and the budget are checked inside the
    /// same transaction, so concurrent approvals cannot overspend either.
    public func decide(_ id: Int64, _ decision: VoucherDecision, by actor: Actor) async throws -> VoucherApplication {
        try await database.write(as: actor, action: decision.approve ? "voucher.approve" : "voucher.reject") {
            db, context in
            guard var application = try Self.application(db, id: id) else { throw VoucherError.applicationNotFound }
            let reason = try Reason {
                try Validate.optionalText(decision.reason, field: "reason", max: 500, multiline: true)
            }
            let transition = try ApplicationMachine.decide(
                application.status, decision.approve ? .approve(reason) : .reject(reason),
                by: Self.role(of: context.actor, deciding: application)
            ).get()
            let now = context.now
            let approvalReason: String?
            switch transition.action {
            case .issue(let reason): approvalReason = reason
            case .reject(let reason):
                try db.execute(
                    sql: "UPDATE voucher_applications SET status = 'rejected', reason = ?, decided_at = ? WHERE id = ?",
                    arguments: [reason, Timestamp.millis(now), id]
                )
                application = try Self.application(db, id: id)!
                return Audited(
                    application, target: "voucher_application", id: String(id),
                    change: ["status": "rejected", "reason": .string(reason)]
                ).notifying(try VoucherEvents.applicationDecided(db, application))
            }
            guard let policy = try PolicyService.current(db, city: application.city, year: application.year) else {
                throw VoucherError.noPolicy
            }
            // Approval happens inside the policy's validity, on what is verified today.
            guard policy.validUntil > now else { throw VoucherError.policyClosed }
            try Self.checkEligible(
                try CertificationService.effective(db, organization: application.enterpriseOrganizationId, at: now),
                policy)
            let amount = decision.amountFen ?? application.amountFen
            guard amount > 0 else { throw VoucherError.amountMustBePositive(field: "amountFen") }
            guard amount <= application.amountFen else {
                throw VoucherError.amountAboveRequested
            }
            guard amount % policy.unitFen == 0 else {
                throw VoucherError.notUnitMultiple(field: "amountFen", unit: policy.unitFen)
            }
            let used = try Self.issued(
                db, enterprise: application.enterpriseOrganizationId, city: application.city, year: application.year)
            guard amount <= policy.yearlyCapFen - used else {
                throw VoucherError.exceedsYearlyCap(cap: policy.yearlyCapFen, used: used)
            }
            let unallocated = try Ledger.unallocated(db, city: application.city, year: application.year, now: now)
            guard unallocated.balance >= amount else { throw VoucherError.budgetExhausted }

            let serial = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM vouchers") ?? 1)
            let number = VoucherNumber.make(city: application.city.rawValue, year: application.year, serial: serial)
            try db.execute(
                sql: """
                    INSERT INTO vouchers (id, number, application_id, enterprise_org_id, city, year, policy_id, face_fen, valid_until, status, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?)
                    """,
                arguments: [
                    serial, number, id, application.enterpriseOrganizationId, application.city.rawValue,
                    application.year, policy.id,
                    amount, Timestamp.millis(policy.validUntil), Timestamp.millis(now),
                ]
            )
            let available = try Ledger.available(
                db, voucher: serial, city: application.city, year: application.year, now: now)
            try Ledger.transfer(
                db, from: unallocated, to: available, amount: amount, kind: .issue, Ledger.References(voucher: serial),
                requestID: context.actor.requestID, now: now
            )
            try db.execute(
                sql:
                    "UPDATE voucher_applications SET status = 'approved', reason = ?, voucher_id = ?, decided_at = ? WHERE id = ?",
                arguments: [approvalReason, serial, Timestamp.millis(now), id]
            )
            application = try Self.application(db, id: id)!
            return Audited(
                application, target: "voucher_application", id: String(id),
                change: [
                    "status": "approved", "voucher": .string(number), "amountFen": .int(amount),
                ]
            ).notifying(try VoucherEvents.applicationDecided(db, application))
        }
    }

    public func voucher(_ id: Int64, viewer: Actor) async throws -> Voucher {
        try await database.read { db in
            guard let voucher = try Self.voucher(db, id: id), Self.canRead(viewer, voucher) else {
                throw VoucherError.voucherNotFound
            }
            return voucher
        }
    }

    /// The viewer's organisation's vouchers (enterprises), the city's (city admins), or all
    /// (auditors, platform admins, the system).
    public func list(viewer: Actor, page: PageRequest) async throws -> Page<Voucher> {
        try await database.read { db in
            let ids: [Int64]
            if viewer.role == .auditor || viewer.role == .platformAdmin || viewer.kind == .system {
                ids = try Int64.fetchAll(
                    db, sql: "SELECT id FROM vouchers WHERE id > ? ORDER BY id LIMIT ?",
                    arguments: [page.after ?? 0, page.limit + 1]
                )
            } else if viewer.role == .cityAdmin, let city = viewer.city {
                ids = try Int64.fetchAll(
                    db, sql: "SELECT id FROM vouchers WHERE city = ? AND id > ? ORDER BY id LIMIT ?",
                    arguments: [city.rawValue, page.after ?? 0, page.limit + 1]
                )
            } else if let org = viewer.organizationID {
                ids = try Int64.fetchAll(
                    db, sql: "SELECT id FROM vouchers WHERE enterprise_org_id = ? AND id > ? ORDER BY id LIMIT ?",
                    arguments: [org, page.after ?? 0, page.limit + 1]
                )
            } else {
                ids = []
            }
            let vouchers = try ids.compactMap { try Self.voucher(db, id: $0) }.filter { Self.canRead(viewer, $0) }
            return page.page(vouchers, id: \.id)
        }
    }

    public func applications(
        viewer: Actor, status: VoucherApplication.Status?, page: PageRequest
    ) async throws -> Page<VoucherApplication> {
        try await database.read { db in
            let column: String
            let value: any DatabaseValueConvertible
            if viewer.role == .auditor || viewer.role == .platformAdmin || viewer.kind == .system {
                (column, value) = ("1", 1)  // every application: `WHERE 1 = 1`
            } else if viewer.role == .cityAdmin, let city = viewer.city {
                (column, value) = ("city", city.rawValue)
            } else if let org = viewer.organizationID {
                (column, value) = ("enterprise_org_id", org)
            } else {
                return page.page([], id: \.id)
            }
            let ids = try Int64.fetchAll(
                db,
                sql:
                    "SELECT id FROM voucher_applications WHERE \(column) = ? AND (? IS NULL OR status = ?) AND id > ? ORDER BY id LIMIT ?",
                arguments: [value, status?.rawValue, status?.rawValue, page.after ?? 0, page.limit + 1]
            )
            return page.page(try ids.compactMap { try Self.application(db, id: $0) }, id: \.id) { application in
                Authorization.allows(
                    viewer, .voucherRead,
                    on: AccessTarget(organizationID: application.enterpriseOrganizationId, city: application.city))
            }
        }
    }

    /// Expires every active voucher past its end: its available balance returns to the city's
    /// unallocated budget (holds stay until captured, cancelled or released). One audited
    /// transaction per voucher; returns how many expired.
    @discardableResult
    public func expireDue() async throws -> Int {
        try await Sweep.run(
            database, due: "SELECT id FROM vouchers WHERE status = 'active' AND valid_until <= ?",
            job: "voucher-expiry", action: "voucher.expire"
        ) { db, context, id in
            guard let voucher = try Self.voucher(db, id: id),
                let transition = VoucherMachine.expiry(voucher.status, due: voucher.validUntil <= context.now)
            else {
                return Audited.unchanged(false)
            }
            try db.execute(
                sql: "UPDATE vouchers SET status = ? WHERE id = ?", arguments: [transition.status.rawValue, id])
            if transition.actions.contains(.returnAvailable), voucher.balances.availableFen > 0 {
                let available = try Ledger.available(
                    db, voucher: id, city: voucher.city, year: voucher.year, now: context.now)
                let unallocated = try Ledger.unallocated(db, city: voucher.city, year: voucher.year, now: context.now)
                try Ledger.transfer(
                    db, from: available, to: unallocated, amount: voucher.balances.availableFen, kind: .expire,
                    Ledger.References(voucher: id), requestID: context.actor.requestID, now: context.now
                )
            }
            return Audited(
                true, target: "voucher", id: String(id),
                change: [
                    "status": "expired", "returnedFen": .int(voucher.balances.availableFen),
                ])
        }
    }

    /// How the actor stands to an application: its city's decider; another city's (wrong city);
    /// someone who may see it (the enterprise, an auditor); or anyone else (it does not exist).
    static func role(of actor: Actor, deciding application: VoucherApplication) -> ApplicationMachine.Role {
        if Authorization.allows(actor, .voucherDecide, on: AccessTarget(organizationID: nil, city: application.city)) {
            return .decider
        }
        if let role = actor.role, Authorization.scope(of: role, for: .voucherDecide) != .nowhere { return .otherCity }
        return Authorization.allows(
            actor, .voucherRead,
            on: AccessTarget(organizationID: application.enterpriseOrganizationId, city: application.city))
            ? .reader : .stranger
    }

    // MARK: reading

    static func canRead(_ viewer: Actor, _ voucher: Voucher) -> Bool {
        Authorization.allows(
            viewer, .voucherRead, on: AccessTarget(organizationID: voucher.enterpriseOrganizationId, city: voucher.city)
        )
    }

    /// Eligibility on the attributes the city verified and that are still valid.
    static func checkEligible(_ attributes: Organization.Attributes, _ policy: VoucherPolicy) throws {
        let rule = policy.eligibility
        let has: [VoucherPolicy.Qualification: Bool] = [
            .techSME: attributes.techSME, .highTech: attributes.highTech, .specialized: attributes.specialized,
        ]
        let qualifies = rule.anyOf.isEmpty || rule.anyOf.contains { has[$0] == true }
        let bands = RevenueBand.allCases
        let withinRevenue =
            rule.maxRevenueBand.map { cap in
                attributes.revenueBand.map { bands.firstIndex(of: $0)! <= bands.firstIndex(of: cap)! } ?? false
            } ?? true
        guard qualifies, withinRevenue else {
            throw VoucherError.notEligible(
                anyOf: rule.anyOf.map(\.rawValue), maxRevenueBand: rule.maxRevenueBand?.rawValue)
        }
    }

    /// What counts against the enterprise's yearly cap for that city and policy year: the face
    /// value of its vouchers, less what a revocation returned (a revoked voucher's spent part
    /// still counts, so revocation never frees a fresh cap).
    static func issued(_ db: Database, enterprise: Int64, city: CityCode, year: Int) throws -> Int64 {
        try Int64.fetchOne(
            db,
            sql: """
                SELECT coalesce(sum(v.face_fen - CASE WHEN v.status = 'revoked' THEN coalesce(
                    (SELECT sum(t.amount) FROM ledger_transfers t WHERE t.voucher_id = v.id AND t.kind = 'revoke'), 0) ELSE 0 END), 0)
                FROM vouchers v WHERE v.enterprise_org_id = ? AND v.city = ? AND v.year = ?
                """,
            arguments: [enterprise, city.rawValue, year]
        ) ?? 0
    }

    static func application(_ db: Database, id: Int64) throws -> VoucherApplication? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM voucher_applications WHERE id = ?", arguments: [id])
        else { return nil }
        return VoucherApplication(
            id: row["id"], enterpriseOrganizationId: row["enterprise_org_id"], city: CityCode(rawValue: row["city"])!,
            year: row["year"],
            policyId: row["policy_id"], amountFen: row["amount_fen"],
            status: VoucherApplication.Status(rawValue: row["status"])!,
            reason: row["reason"], voucherId: row["voucher_id"], createdAt: Timestamp.date(millis: row["created_at"]),
            decidedAt: (row["decided_at"] as Int64?).map { Timestamp.date(millis: $0) }
        )
    }

    /// What a redemption step needs of its voucher (where its money sits and under which
    /// policy), without reading its balances.
    struct Terms {
        var id: Int64
        var city: CityCode
        var year: Int
        var policyId: Int64
        var status: Voucher.Status
    }

    static func terms(_ db: Database, id: Int64) throws -> Terms? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT city, year, policy_id, status FROM vouchers WHERE id = ?"),
                arguments: [id])
        else { return nil }
        return Terms(
            id: id, city: CityCode(rawValue: row["city"])!, year: row["year"], policyId: row["policy_id"],
            status: Voucher.Status(rawValue: row["status"])!)
    }

    /// The voucher with its balances. `totals: false` skips summing its history (captured,
    /// expired, revoked read as 0): the money paths need only the available and held accounts.
    static func voucher(_ db: Database, id: Int64, totals: Bool = true) throws -> Voucher? {
        guard
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM vouchers WHERE id = ?"), arguments: [id])
        else {
            return nil
        }
        let sums =
            totals
            ? try Dictionary(
                Row.fetchAll(
                    db,
                    sql: "SELECT kind, sum(amount) AS total FROM ledger_transfers WHERE voucher_id = ? GROUP BY kind",
                    arguments: [id]
                )
                .map { ($0["kind"] as String, $0["total"] as Int64) },
                uniquingKeysWith: +
            ) : [:]
        let balances = Voucher.Balances(
            availableFen: try Ledger.balance(db, code: "available:\(id)"),
            heldFen: try Ledger.balance(db, code: "held:\(id)"),
            capturedFen: sums["capture"] ?? 0, expiredFen: sums["expire"] ?? 0, revokedFen: sums["revoke"] ?? 0
        )
        return Voucher(
            id: id, number: row["number"], enterpriseOrganizationId: row["enterprise_org_id"],
            city: CityCode(rawValue: row["city"])!,
            year: row["year"], policyId: row["policy_id"], faceFen: row["face_fen"],
            validUntil: Timestamp.date(millis: row["valid_until"]),
            status: Voucher.Status(rawValue: row["status"])!, balances: balances,
            createdAt: Timestamp.date(millis: row["created_at"])
        )
    }
}
