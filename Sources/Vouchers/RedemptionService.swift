import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Opening, confirming, accepting, cancelling, reviewing and reversing redemptions. Each step
/// is one audited transaction that moves money only by ledger transfers.
public struct RedemptionService: Sendable {
    let database: AppDatabase
    let contracts: (any TechnologyContractRegistry)?

    /// ¥10 billion: no contract a voucher pays into is larger (and ratio × value stays far from overflow).
    static let contractCeilingFen: Int64 = 1_000_000_000_000
    /// Redemptions that no longer hold or owe money: they do not count against a contract.
    static let closedStates: [Redemption.Status] = [.cancelled, .released, .rejected, .reversed]

    public init(database: AppDatabase, contracts: (any TechnologyContractRegistry)? = nil) {
        self.database = database
        self.contracts = contracts
    }

    public func open(_ input: NewRedemption, by actor: Actor) async throws -> Redemption {
        try await database.write(as: actor, action: "redemption.open") { db, context in
            let now = context.now
            let typed = input.technologyContractId == nil ? try RedemptionTerms.typed(input) : nil
            // Who may see the voucher but not spend it (its city, an auditor) is refused; anyone else does not see it.
            guard let voucher = try VoucherService.voucher(db, id: input.voucherId, totals: false),
                VoucherService.canRead(context.actor, voucher)
            else {
                throw VoucherError.voucherNotFound
            }
            try Authorization.check(
                context.actor, .voucherApply,
                on: AccessTarget(organizationID: voucher.enterpriseOrganizationId, city: voucher.city))
            try Parties.require(context.actor, organization: voucher.enterpriseOrganizationId)
            // Found, readable, and the enterprise's own (checked just above): the holder spends it.
            _ = try VoucherMachine.decide(voucher.status, .spend(lapsed: voucher.validUntil <= now), by: .holder).get()
            guard let policy = try PolicyService.find(db, id: voucher.policyId) else {
                throw VoucherError.policyNotFound
            }
            guard now >= policy.yearStart else {
                throw VoucherError.policyYearNotStarted
            }
            let mode = input.mode ?? .tongdui
            if policy.contractRule != .terms, input.technologyContractId == nil {
                throw VoucherError.technologyContractRequired
            }
            let terms =
                try typed
                ?? RedemptionTerms.contract(
                    db, id: input.technologyContractId ?? 0, registry: contracts,
                    enterprise: voucher.enterpriseOrganizationId, provider: input.providerOrganizationId, mode: mode,
                    registered: policy.contractRule == .registered)
            let contract = terms.number
            guard let ratio = policy.ratio(for: terms.category) else { throw VoucherError.categoryNotCovered }
            guard policy.modes.contains(mode) else {
                throw VoucherError.modeNotAllowed
            }
            let invoice = try input.invoiceNumber.map {
                try DocumentNumber.checked($0, field: "invoiceNumber", max: 64)
            }
            if mode == .tongyong, invoice == nil {
                throw VoucherError.invoiceRequired
            }
            guard input.providerOrganizationId != voucher.enterpriseOrganizationId else {
                throw VoucherError.providerIsEnterprise
            }
            guard
                let providerEntry = try ProviderService.find(db, organization: input.providerOrganizationId)?.effective(
                    at: now),
                providerEntry.status == .listed
            else { throw VoucherError.providerNotListed }
            guard providerEntry.categories.contains(terms.category) else {
                throw VoucherError.providerCategoryNotRegistered
            }
            guard policy.providerCities.contains(providerEntry.city) else {
                throw VoucherError.providerCityNotAccepted
            }
            let bound = try Contracts.bind(
                db, provider: input.providerOrganizationId, key: terms.bindingKey,
                enterprise: voucher.enterpriseOrganizationId,
                contractFen: terms.valueFen, category: terms.category
            )
            if let invoice {
                try Contracts.checkInvoiceUnused(
                    db, provider: input.providerOrganizationId, invoice: invoice, excluding: 0)
            }
            // The voucher part: ratio × contract value, less what other redemptions of the same
            // contract already hold or were paid, within the voucher's balance, whole units.
            let cap = terms.subsidisableFen * Int64(ratio) / 1_000
            let wanted = cap - bound.liveFen
            guard bound.liveFen == 0 || wanted >= policy.unitFen else {
                throw VoucherError.contractFullySubsidised(cap: cap, already: bound.liveFen)
            }
            let part = min(wanted, voucher.balances.availableFen) / policy.unitFen * policy.unitFen
            guard part > 0 else {
                throw voucher.balances.availableFen < policy.unitFen
                    ? VoucherError.exceedsAvailableBalance(available: voucher.balances.availableFen)
                    : VoucherError.contractBelowUnit
            }
            guard let enterprise = try OrganizationDirectory.organization(db, id: voucher.enterpriseOrganizationId),
                let provider = try OrganizationDirectory.organization(db, id: input.providerOrganizationId)
            else { throw VoucherError.providerNotListed }
            let flags = try policy.fraudRules.flags(
                db,
                FraudRules.Subject(
                    enterprise: enterprise, provider: provider, contractFen: terms.valueFen,
                    contractID: bound.id ?? 0), now: now
            )
            var redemption = Redemption(
                id: 0, voucherId: voucher.id, voucherNumber: voucher.number, mode: mode,
                enterpriseOrganizationId: enterprise.id,
                providerOrganizationId: provider.id, providerCity: providerEntry.city, issuingCity: voucher.city,
                payeeOrganizationId: mode == .tongdui ? provider.id : enterprise.id, contractNumber: contract,
                category: terms.category,
                contractFen: terms.valueFen, voucherFen: part, status: mode == .tongdui ? .held : .claimed,
                invoiceNumber: invoice,
                flags: flags, review: flags.isEmpty ? .none : .pending,
                holdExpiresAt: mode == .tongdui ? now.addingTimeInterval(TimeInterval(policy.holdHours) * 3_600) : nil,
                capturedAt: nil, settlementId: nil, reason: nil, createdAt: now, updatedAt: now
            )
            redemption.technologyContractId = terms.technologyContractId
            Parties.record(&redemption, step: "open", party: .enterprise, actor: context.actor, now: now)
            redemption.id = try Self.insert(db, redemption)
            redemption.contractId = try Contracts.attach(
                db, bound, redemption: redemption, key: terms.bindingKey)
            // One encoding: the stored document and the audit entry's change.
            let (document, change) = try VoucherCoding.textAndJSON(redemption)
            try Self.save(db, redemption, document: document)
            let available = try Ledger.available(
                db, voucher: voucher.id, city: voucher.city, year: voucher.year, now: now)
            let held = try Ledger.held(db, voucher: voucher.id, city: voucher.city, year: voucher.year, now: now)
            try Ledger.transfer(
                db, from: available, to: held, amount: part, kind: .hold,
                Ledger.References(voucher: voucher.id, redemption: redemption.id),
                requestID: context.actor.requestID, now: now
            )
            return Audited(
                redemption, target: "redemption", id: String(redemption.id), change: change
            ).notifying(try VoucherEvents.redemption(db, redemption))
        }
    }

    public func get(_ id: Int64, viewer: Actor) async throws -> Redemption {
        try await database.read { db in
            guard let redemption = try Self.find(db, id: id), Self.canRead(viewer, redemption) else {
                throw VoucherError.redemptionNotFound
            }
            return redemption
        }
    }

    /// Redemptions the viewer may see: an enterprise's own, a provider's, a city's (paid by its
    /// vouchers or made with its providers), everything for auditors. Every item passes the
    /// same read check as the single read (a reviewer inside an enterprise sees none).
    public func list(
        viewer: Actor, status: Redemption.Status?, flaggedOnly: Bool, page: PageRequest
    ) async throws -> Page<Redemption> {
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
                db,
                sql:
                    "SELECT document FROM voucher_redemptions WHERE \(clauses.joined(separator: " AND ")) ORDER BY id LIMIT ?",
                arguments: arguments
            )
            let rows = try documents.map { try VoucherCoding.decode(Redemption.self, $0) }
            return page.page(rows, id: \.id) { Self.canRead(viewer, $0) }
        }
    }

    // MARK: storage

    static func canRead(_ viewer: Actor, _ redemption: Redemption) -> Bool {
        Authorization.allows(
            viewer, .voucherRead,
            on: AccessTarget(organizationID: redemption.enterpriseOrganizationId, city: redemption.issuingCity))
            || Authorization.allows(
                viewer, .redemptionDeliver,
                on: AccessTarget(organizationID: redemption.providerOrganizationId, city: redemption.providerCity))
            || Authorization.allows(
                viewer, .voucherRead, on: AccessTarget(organizationID: nil, city: redemption.providerCity))
    }

    static func insert(_ db: Database, _ redemption: Redemption) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO voucher_redemptions (voucher_id, mode, enterprise_org_id, provider_org_id, provider_city, issuing_city,
                    payee_org_id, contract_number, category, contract_fen, voucher_fen, status, review, document, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)
                """
        ).execute(
            arguments: [
                redemption.voucherId, redemption.mode.rawValue, redemption.enterpriseOrganizationId,
                redemption.providerOrganizationId,
                redemption.providerCity.rawValue, redemption.issuingCity.rawValue, redemption.payeeOrganizationId,
                redemption.contractNumber, redemption.category.rawValue, redemption.contractFen, redemption.voucherFen,
                redemption.status.rawValue, redemption.review.rawValue, Timestamp.millis(redemption.createdAt),
                Timestamp.millis(redemption.updatedAt),
            ]
        )
        return db.lastInsertedRowID
    }

    /// Stores the redemption's columns and document (`document`: its text when the caller
    /// already encoded it).
    static func save(_ db: Database, _ redemption: Redemption, document: String? = nil) throws {
        try db.cachedStatement(
            sql: """
                UPDATE voucher_redemptions SET status = ?, invoice_number = ?, invoice_key = ?, flags = ?, review = ?, hold_expires_at = ?,
                    captured_at = ?, settlement_id = ?, voucher_fen = ?, contract_id = ?, accept_by = ?, document = ?, updated_at = ?
                WHERE id = ?
                """
        ).execute(
            arguments: [
                redemption.status.rawValue, redemption.invoiceNumber, redemption.invoiceNumber.map(DocumentNumber.key),
                try Self.flagsText(redemption.flags), redemption.review.rawValue,
                redemption.holdExpiresAt.map(Timestamp.millis),
                redemption.capturedAt.map(Timestamp.millis), redemption.settlementId, redemption.voucherFen,
                redemption.contractId,
                redemption.acceptBy.map(Timestamp.millis), try document ?? VoucherCoding.text(redemption),
                Timestamp.millis(redemption.updatedAt),
                redemption.id,
            ]
        )
    }

    /// The `flags` column: `[]` for none (most redemptions) without running the encoder.
    static func flagsText(_ flags: [String]) throws -> String {
        flags.isEmpty ? "[]" : try VoucherCoding.text(flags)
    }

    static func find(_ db: Database, id: Int64) throws -> Redemption? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT document FROM voucher_redemptions WHERE id = ?"), arguments: [id]
        )
        .map { try VoucherCoding.decode(Redemption.self, $0) }
    }
}
