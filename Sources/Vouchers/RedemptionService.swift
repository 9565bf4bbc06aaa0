import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Opening, confirming, accepting, cancelling, reviewing and reversing redemptions. Each step
/// is one audited transaction that moves money only by ledger transfers.
public struct RedemptionService: Sendable {
    let database: AppDatabase
    let fraud: FraudRules

    /// ¥10 billion: no contract a voucher pays into is larger (and ratio × value stays far from overflow).
    static let contractCeilingFen: Int64 = 1_000_000_000_000

    public init(database: AppDatabase, fraud: FraudRules = FraudRules()) {
        self.database = database
        self.fraud = fraud
    }

    public func open(_ input: NewRedemption, by actor: Actor) async throws -> Redemption {
        try await database.write(as: actor, action: "redemption.open") { db, context in
            let now = context.now
            guard input.contractFen > 0 else { throw VoucherError.amountMustBePositive(field: "contractFen") }
            guard input.contractFen <= Self.contractCeilingFen else {
                throw VoucherError.invalid("amount_too_large", field: "contractFen", zh: "合同金额超过上限", en: "The contract value exceeds the ceiling")
            }
            let contract = try Validate.text(input.contractNumber, field: "contractNumber", max: 64)
            // Who may see the voucher but not spend it (its city, an auditor) is refused; anyone else does not see it.
            guard let voucher = try VoucherService.voucher(db, id: input.voucherId, totals: false), VoucherService.canRead(context.actor, voucher) else {
                throw VoucherError.voucherNotFound
            }
            try Authorization.check(context.actor, .voucherApply, on: AccessTarget(organizationID: voucher.enterpriseOrganizationId, city: voucher.city))
            guard voucher.status == .active, voucher.validUntil > now else { throw VoucherError.voucherExpired }
            guard let policy = try PolicyService.find(db, id: voucher.policyId) else { throw VoucherError.policyNotFound }
            guard let ratio = policy.ratio(for: input.category) else { throw VoucherError.categoryNotCovered }
            let mode = input.mode ?? .tongdui
            guard policy.modes.contains(mode) else {
                throw VoucherError.invalid("mode_not_allowed", field: "mode", zh: "政策不支持该兑付方式", en: "The policy does not allow this mode")
            }
            let invoice = try Validate.optionalText(input.invoiceNumber, field: "invoiceNumber", max: 64)
            if mode == .tongyong, invoice == nil {
                throw VoucherError.invalid("invoice_required", field: "invoiceNumber", zh: "通用模式须提供发票号", en: "通用 claims need the invoice number")
            }
            guard let providerEntry = try ProviderService.find(db, organization: input.providerOrganizationId)?.effective(at: now),
                providerEntry.status == .listed
            else { throw VoucherError.providerNotListed }
            guard providerEntry.categories.contains(input.category) else {
                throw VoucherError.invalid(
                    "provider_category_not_registered", field: "category", zh: "该服务机构未登记此服务类别",
                    en: "The provider is not registered for this category"
                )
            }
            guard policy.providerCities.contains(providerEntry.city) else {
                throw VoucherError.conflict(
                    "provider_city_not_accepted", zh: "本市政策不接受该城市的服务机构", en: "The policy does not accept providers from that city"
                )
            }
            let wanted = input.contractFen * Int64(ratio) / 1_000
            let part = min(wanted, voucher.balances.availableFen) / policy.unitFen * policy.unitFen
            guard part > 0 else {
                throw voucher.balances.availableFen < policy.unitFen
                    ? VoucherError.exceedsAvailableBalance(available: voucher.balances.availableFen)
                    : VoucherError.invalid("contract_below_unit", field: "contractFen", zh: "合同金额过小，补贴不足一个券面单位", en: "The contract is too small for one voucher unit")
            }
            guard let enterprise = try OrganizationDirectory.organization(db, id: voucher.enterpriseOrganizationId),
                let provider = try OrganizationDirectory.organization(db, id: input.providerOrganizationId)
            else { throw VoucherError.providerNotListed }
            let flags = try fraud.flags(db, enterprise: enterprise, provider: provider, contractFen: input.contractFen)
            var redemption = Redemption(
                id: 0, voucherId: voucher.id, voucherNumber: voucher.number, mode: mode, enterpriseOrganizationId: enterprise.id,
                providerOrganizationId: provider.id, providerCity: providerEntry.city, issuingCity: voucher.city,
                payeeOrganizationId: mode == .tongdui ? provider.id : enterprise.id, contractNumber: contract, category: input.category,
                contractFen: input.contractFen, voucherFen: part, status: mode == .tongdui ? .held : .claimed, invoiceNumber: invoice,
                flags: flags, review: flags.isEmpty ? .none : .pending,
                holdExpiresAt: mode == .tongdui ? now.addingTimeInterval(TimeInterval(policy.holdHours) * 3_600) : nil,
                capturedAt: nil, settlementId: nil, reason: nil, createdAt: now, updatedAt: now
            )
            redemption.id = try Self.insert(db, redemption)
            let available = try Ledger.available(db, voucher: voucher.id, city: voucher.city, year: voucher.year, now: now)
            let held = try Ledger.held(db, voucher: voucher.id, city: voucher.city, year: voucher.year, now: now)
            try Ledger.transfer(
                db, from: available, to: held, amount: part, kind: .hold, Ledger.References(voucher: voucher.id, redemption: redemption.id),
                requestID: context.actor.requestID, now: now
            )
            return Audited(redemption, target: "redemption", id: String(redemption.id), change: try VoucherCoding.json(redemption))
        }
    }

    public func step(_ id: Int64, _ input: RedemptionStep, by actor: Actor) async throws -> Redemption {
        try await database.write(as: actor, action: "redemption.\(input.step.rawValue)") { db, context in
            guard var redemption = try Self.find(db, id: id) else { throw VoucherError.redemptionNotFound }
            let now = context.now
            let enterprise = AccessTarget(organizationID: redemption.enterpriseOrganizationId, city: redemption.issuingCity)
            let provider = AccessTarget(organizationID: redemption.providerOrganizationId, city: redemption.providerCity)
            let city = AccessTarget(organizationID: nil, city: redemption.issuingCity)
            let actor = context.actor
            let isEnterprise = Authorization.allows(actor, .voucherApply, on: enterprise)
            let isProvider = Authorization.allows(actor, .redemptionDeliver, on: provider)
            let isCity = Authorization.allows(actor, .redemptionReview, on: city)
            // Who can read it but not take this step is refused (403); anyone else does not see it (404).
            guard isEnterprise || isProvider || isCity || Self.canRead(actor, redemption) else {
                throw VoucherError.redemptionNotFound
            }
            let reason = try Validate.optionalText(input.reason, field: "reason", max: 500)
            func require(_ allowed: Bool) throws { if !allowed { throw DomainError.forbidden } }
            func from(_ states: [Redemption.Status]) throws {
                guard states.contains(redemption.status) else {
                    throw VoucherError.wrongState("redemption", state: redemption.status.rawValue, allowed: states.map(\.rawValue))
                }
            }
            func needReason() throws -> String {
                guard let reason else { throw VoucherError.invalid("reason_required", field: "reason", zh: "此操作须说明理由", en: "This step needs a reason") }
                return reason
            }
            switch input.step {
            case .confirm:
                try require(isProvider)
                try from([.held])
                redemption.invoiceNumber = try Validate.text(input.invoiceNumber ?? "", field: "invoiceNumber", max: 64)
                redemption.status = .delivered
            case .accept:
                try require(isEnterprise)
                try from([.delivered, .disputed])
                try Self.checkReviewed(redemption)
                try Self.capture(db, &redemption, actor: actor, now: now)
            case .dispute:
                try require(isEnterprise)
                try from([.delivered])
                redemption.reason = try needReason()
                redemption.status = .disputed
            case .cancel:
                try require(isEnterprise || isProvider)
                try from([.held, .delivered, .disputed, .claimed])
                redemption.reason = reason
                try Self.release(db, &redemption, to: .cancelled, actor: actor, now: now)
            case .approveReview, .rejectReview:
                try require(isCity)
                guard redemption.review == .pending else {
                    throw VoucherError.conflict("no_review_pending", zh: "该兑付无需审核或已审核", en: "No review is pending")
                }
                try from([.held, .delivered, .disputed, .claimed])
                if input.step == .approveReview {
                    redemption.review = .approved
                } else {
                    redemption.review = .rejected
                    redemption.reason = try needReason()
                    try Self.release(db, &redemption, to: .rejected, actor: actor, now: now)
                }
            case .approveClaim:
                try require(isCity)
                try from([.claimed])
                try Self.checkReviewed(redemption)
                try Self.capture(db, &redemption, actor: actor, now: now)
            case .rejectClaim:
                try require(isCity)
                try from([.claimed])
                redemption.reason = try needReason()
                try Self.release(db, &redemption, to: .rejected, actor: actor, now: now)
            case .reverse:
                try require(isCity)
                try from([.captured])
                redemption.reason = try needReason()
                try Self.reverse(db, &redemption, actor: actor, now: now)
            }
            redemption.updatedAt = now
            try Self.save(db, redemption)
            return Audited(redemption, target: "redemption", id: String(id), change: [
                "step": .string(input.step.rawValue), "status": .string(redemption.status.rawValue), "reason": .optional(reason),
            ])
        }
    }

    /// Releases every 通兑 hold not captured by its deadline. One audited transaction each.
    @discardableResult
    public func releaseExpiredHolds() async throws -> Int {
        let now = database.clock.now()
        let due = try await database.read { db in
            try Int64.fetchAll(
                db,
                sql: "SELECT id FROM voucher_redemptions WHERE status IN ('held', 'delivered', 'disputed') AND hold_expires_at <= ? ORDER BY id LIMIT 1000",
                arguments: [Timestamp.millis(now)]
            )
        }
        var count = 0
        for id in due {
            let released = try await database.write(as: .system("hold-expiry", requestID: "release-\(id)"), action: "redemption.release") { db, context in
                guard var redemption = try Self.find(db, id: id), [.held, .delivered, .disputed].contains(redemption.status),
                    let deadline = redemption.holdExpiresAt, deadline <= context.now
                else { return Audited.unchanged(false) }
                try Self.release(db, &redemption, to: .released, actor: context.actor, now: context.now)
                redemption.updatedAt = context.now
                try Self.save(db, redemption)
                return Audited(true, target: "redemption", id: String(id), change: ["status": "released", "releasedFen": .int(redemption.voucherFen)])
            }
            if released { count += 1 }
        }
        return count
    }

    public func get(_ id: Int64, viewer: Actor) async throws -> Redemption {
        try await database.read { db in
            guard let redemption = try Self.find(db, id: id), Self.canRead(viewer, redemption) else { throw VoucherError.redemptionNotFound }
            return redemption
        }
    }

    /// Redemptions the viewer may see: an enterprise's own, a provider's, a city's (paid by its
    /// vouchers or made with its providers), everything for auditors.
    public func list(viewer: Actor, status: Redemption.Status?, flaggedOnly: Bool, page: PageRequest) async throws -> Page<Redemption> {
        try await database.read { db in
            var clauses = ["id > ?"]
            var arguments: StatementArguments = [page.after ?? 0]
            if viewer.role == .auditor || viewer.role == .platformAdmin || viewer.kind == .system {
            } else if viewer.role == .cityAdmin, let city = viewer.city {
                clauses.append("(issuing_city = ? OR provider_city = ?)")
                _ = arguments.append(contentsOf: [city.rawValue, city.rawValue])
            } else if let org = viewer.organizationID {
                clauses.append("(enterprise_org_id = ? OR provider_org_id = ?)")
                _ = arguments.append(contentsOf: [org, org])
            } else {
                return page.page([], id: \.id)
            }
            if let status {
                clauses.append("status = ?")
                _ = arguments.append(contentsOf: [status.rawValue])
            }
            if flaggedOnly { clauses.append("flags <> '[]'") }
            _ = arguments.append(contentsOf: [page.limit + 1])
            let documents = try String.fetchAll(
                db, sql: "SELECT document FROM voucher_redemptions WHERE \(clauses.joined(separator: " AND ")) ORDER BY id LIMIT ?",
                arguments: arguments
            )
            return page.page(try documents.map { try VoucherCoding.decode(Redemption.self, $0) }, id: \.id)
        }
    }

    // MARK: money movements

    static func checkReviewed(_ redemption: Redemption) throws {
        guard redemption.review == .none || redemption.review == .approved else {
            throw VoucherError.conflict(
                "review_pending", zh: "该兑付需经本市审核后方可兑付", en: "This redemption needs the city's review before capture",
                details: ["flags": .array(redemption.flags.map { .string($0) })]
            )
        }
    }

    static func capture(_ db: Database, _ redemption: inout Redemption, actor: Actor, now: Date) throws {
        guard let voucher = try VoucherService.voucher(db, id: redemption.voucherId, totals: false) else { throw VoucherError.voucherNotFound }
        let held = try Ledger.held(db, voucher: voucher.id, city: voucher.city, year: voucher.year, now: now)
        let payable = try Ledger.payable(db, payee: redemption.payeeOrganizationId, city: voucher.city, year: voucher.year, now: now)
        try Ledger.transfer(
            db, from: held, to: payable, amount: redemption.voucherFen, kind: .capture,
            Ledger.References(voucher: voucher.id, redemption: redemption.id), requestID: actor.requestID, now: now
        )
        redemption.status = .captured
        redemption.capturedAt = now
    }

    static func release(_ db: Database, _ redemption: inout Redemption, to status: Redemption.Status, actor: Actor, now: Date) throws {
        guard let voucher = try VoucherService.voucher(db, id: redemption.voucherId, totals: false) else { throw VoucherError.voucherNotFound }
        let held = try Ledger.held(db, voucher: voucher.id, city: voucher.city, year: voucher.year, now: now)
        // An expired voucher's released hold goes back to the city's budget, not the voucher.
        let target = voucher.status == .active
            ? try Ledger.available(db, voucher: voucher.id, city: voucher.city, year: voucher.year, now: now)
            : try Ledger.unallocated(db, city: voucher.city, year: voucher.year, now: now)
        try Ledger.transfer(
            db, from: held, to: target, amount: redemption.voucherFen, kind: voucher.status == .active ? .release : .expire,
            Ledger.References(voucher: voucher.id, redemption: redemption.id), requestID: actor.requestID, now: now
        )
        redemption.status = status
    }

    /// A compensating transfer: what was captured returns to the issuing city's budget. Before
    /// settlement it leaves the payable; after, it is an adjustment against what was settled,
    /// recorded now (a later period).
    static func reverse(_ db: Database, _ redemption: inout Redemption, actor: Actor, now: Date) throws {
        guard let voucher = try VoucherService.voucher(db, id: redemption.voucherId, totals: false) else { throw VoucherError.voucherNotFound }
        if let batch = redemption.settlementId,
            try String.fetchOne(db, sql: "SELECT status FROM voucher_settlements WHERE id = ?", arguments: [batch]) != "paid"
        {
            throw VoucherError.conflict(
                "settlement_pending", zh: "该兑付已列入待支付的结算批次，请在支付后以调整冲销",
                en: "The redemption is in a settlement batch awaiting payment; reverse it after payment as an adjustment"
            )
        }
        let capture = try Int64.fetchOne(
            db, sql: "SELECT id FROM ledger_transfers WHERE redemption_id = ? AND kind = 'capture'", arguments: [redemption.id]
        )
        let unallocated = try Ledger.unallocated(db, city: voucher.city, year: voucher.year, now: now)
        let source = redemption.settlementId == nil
            ? try Ledger.payable(db, payee: redemption.payeeOrganizationId, city: voucher.city, year: voucher.year, now: now)
            : try Ledger.settled(db, payee: redemption.payeeOrganizationId, city: voucher.city, year: voucher.year, now: now)
        try Ledger.transfer(
            db, from: source, to: unallocated, amount: redemption.voucherFen, kind: redemption.settlementId == nil ? .reverse : .adjust,
            Ledger.References(voucher: voucher.id, redemption: redemption.id, reverses: capture, reason: redemption.reason),
            requestID: actor.requestID, now: now
        )
        redemption.status = .reversed
    }

    // MARK: storage

    static func canRead(_ viewer: Actor, _ redemption: Redemption) -> Bool {
        Authorization.allows(viewer, .voucherRead, on: AccessTarget(organizationID: redemption.enterpriseOrganizationId, city: redemption.issuingCity))
            || Authorization.allows(viewer, .redemptionDeliver, on: AccessTarget(organizationID: redemption.providerOrganizationId, city: redemption.providerCity))
            || Authorization.allows(viewer, .voucherRead, on: AccessTarget(organizationID: nil, city: redemption.providerCity))
    }

    static func insert(_ db: Database, _ redemption: Redemption) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO voucher_redemptions (voucher_id, mode, enterprise_org_id, provider_org_id, provider_city, issuing_city,
                    payee_org_id, contract_number, category, contract_fen, voucher_fen, status, review, document, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)
                """,
            arguments: [
                redemption.voucherId, redemption.mode.rawValue, redemption.enterpriseOrganizationId, redemption.providerOrganizationId,
                redemption.providerCity.rawValue, redemption.issuingCity.rawValue, redemption.payeeOrganizationId,
                redemption.contractNumber, redemption.category.rawValue, redemption.contractFen, redemption.voucherFen,
                redemption.status.rawValue, redemption.review.rawValue, Timestamp.millis(redemption.createdAt),
                Timestamp.millis(redemption.updatedAt),
            ]
        )
        var stored = redemption
        stored.id = db.lastInsertedRowID
        try save(db, stored)
        return stored.id
    }

    static func save(_ db: Database, _ redemption: Redemption) throws {
        try db.execute(
            sql: """
                UPDATE voucher_redemptions SET status = ?, invoice_number = ?, flags = ?, review = ?, hold_expires_at = ?,
                    captured_at = ?, settlement_id = ?, document = ?, updated_at = ? WHERE id = ?
                """,
            arguments: [
                redemption.status.rawValue, redemption.invoiceNumber, try VoucherCoding.text(redemption.flags), redemption.review.rawValue,
                redemption.holdExpiresAt.map(Timestamp.millis), redemption.capturedAt.map(Timestamp.millis), redemption.settlementId,
                try VoucherCoding.text(redemption), Timestamp.millis(redemption.updatedAt), redemption.id,
            ]
        )
    }

    static func find(_ db: Database, id: Int64) throws -> Redemption? {
        try String.fetchOne(db, sql: "SELECT document FROM voucher_redemptions WHERE id = ?", arguments: [id])
            .map { try VoucherCoding.decode(Redemption.self, $0) }
    }
}
