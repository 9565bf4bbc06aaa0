import Foundation
import GRDB
import Identity
import Kernel
import Store

/// The provider registry: apply, review by the provider's city, public notice with
/// objections, listing, suspension and delisting. Every step is audited.
public struct ProviderService: Sendable {
    let database: AppDatabase
    /// Public-notice period (公示期), default 7 days.
    let noticeSeconds: TimeInterval

    public init(database: AppDatabase, noticeDays: Int = 7) {
        self.database = database
        self.noticeSeconds = TimeInterval(noticeDays) * 86_400
    }

    static let providerKinds: Set<OrganizationKind> = [.provider, .university, .institute, .lab]

    public func apply(_ input: NewProvider, by actor: Actor) async throws -> Provider {
        try await database.write(as: actor, action: "provider.apply") { db, context in
            guard let orgID = context.actor.organizationID,
                let organization = try OrganizationDirectory.organization(db, id: orgID)
            else {
                throw DomainError.forbidden
            }
            try Authorization.check(context.actor, .providerApply, on: organization.accessTarget)
            guard Self.providerKinds.contains(organization.kind) else {
                throw DomainError(
                    .forbidden, code: "organization_kind_not_allowed", zh: "只有科技服务机构、高校和科研院所可以登记为服务机构",
                    en: "Only service providers, universities, institutes and labs can register"
                )
            }
            guard !input.categories.isEmpty, Set(input.categories).count == input.categories.count else {
                throw VoucherError.invalid(
                    "categories_invalid", field: "categories", zh: "服务类别不能为空或重复",
                    en: "Categories must be given, each once")
            }
            if let existing = try Self.find(db, organization: orgID), ![.rejected, .delisted].contains(existing.status)
            {
                throw VoucherError.conflict(
                    "provider_exists", zh: "本机构已在服务机构库中或正在审核", en: "This organisation is registered or under review")
            }
            let now = context.now
            var provider = Provider(
                id: 0, organizationId: orgID, city: organization.city, categories: input.categories, status: .applied,
                noticeEndsAt: nil,
                objections: [], history: [Provider.Event(status: .applied, reason: nil, at: now)], createdAt: now,
                updatedAt: now
            )
            try db.execute(
                sql: "DELETE FROM voucher_providers WHERE org_id = ? AND status IN ('rejected', 'delisted')",
                arguments: [orgID])
            try db.execute(
                sql:
                    "INSERT INTO voucher_providers (org_id, city, status, document, created_at, updated_at) VALUES (?, ?, 'applied', '{}', ?, ?)",
                arguments: [orgID, organization.city.rawValue, Timestamp.millis(now), Timestamp.millis(now)]
            )
            provider.id = db.lastInsertedRowID
            try Self.save(db, provider)
            return Audited(
                provider, target: "provider", id: String(provider.id), change: try VoucherCoding.json(provider))
        }
    }

    public func act(_ id: Int64, _ input: ProviderAction, by actor: Actor) async throws -> Provider {
        try await database.write(as: actor, action: "provider.\(input.action.rawValue)") { db, context in
            guard var provider = try Self.find(db, id: id)?.effective(at: context.now) else {
                throw VoucherError.providerNotFound
            }
            try Authorization.check(
                context.actor, .providerReview, on: AccessTarget(organizationID: nil, city: provider.city))
            let reason = try Validate.optionalText(input.reason, field: "reason", max: 500, multiline: true)
            let from: [Provider.Status]
            let to: Provider.Status
            switch input.action {
            case .approve: (from, to) = ([.applied], .inNotice)
            case .reject: (from, to) = ([.applied, .inNotice], .rejected)
            case .overrule: (from, to) = ([.inNotice], .listed)
            case .suspend: (from, to) = ([.listed], .suspended)
            case .reinstate: (from, to) = ([.suspended], .listed)
            case .delist: (from, to) = ([.listed, .suspended], .delisted)
            }
            guard from.contains(provider.status) else {
                throw VoucherError.wrongState(
                    "provider", state: provider.status.rawValue, allowed: from.map(\.rawValue))
            }
            if [.reject, .suspend, .delist, .overrule].contains(input.action), reason == nil {
                throw VoucherError.invalid(
                    "reason_required", field: "reason", zh: "此操作须说明理由", en: "This step needs a reason")
            }
            if input.action == .overrule {
                guard provider.noticeEndsAt.map({ $0 <= context.now }) ?? false else {
                    throw VoucherError.conflict("notice_running", zh: "公示期尚未结束", en: "The public notice has not ended")
                }
                provider.objections = provider.objections.map {
                    var o = $0; o.resolution = o.resolution ?? reason; return o
                }
            }
            provider.status = to
            if to == .inNotice { provider.noticeEndsAt = context.now.addingTimeInterval(noticeSeconds) }
            provider.history.append(Provider.Event(status: to, reason: reason, at: context.now))
            provider.updatedAt = context.now
            try Self.save(db, provider)
            return Audited(
                provider, target: "provider", id: String(id),
                change: [
                    "action": .string(input.action.rawValue), "status": .string(to.rawValue),
                    "reason": .optional(reason),
                ])
        }
    }

    /// Anyone signed in may object while the notice runs; the objection holds the listing
    /// until the city admin rejects the provider or overrules the objection.
    public func object(_ id: Int64, _ input: NewObjection, by actor: Actor) async throws -> Provider {
        try await database.write(as: actor, action: "provider.object") { db, context in
            guard var provider = try Self.find(db, id: id)?.effective(at: context.now) else {
                throw VoucherError.providerNotFound
            }
            guard let orgID = context.actor.organizationID else { throw DomainError.forbidden }
            guard provider.status == .inNotice, let end = provider.noticeEndsAt, end > context.now else {
                throw VoucherError.conflict(
                    "notice_not_running", zh: "不在公示期内", en: "The provider is not on public notice")
            }
            let reason = try Validate.text(input.reason, field: "reason", max: 1_000, multiline: true)
            provider.objections.append(
                Provider.Objection(organizationId: orgID, reason: reason, at: context.now, resolution: nil))
            provider.updatedAt = context.now
            try Self.save(db, provider)
            return Audited(
                Self.shown(provider, to: context.actor), target: "provider", id: String(id),
                change: ["objection": .string(reason)])
        }
    }

    public func get(_ id: Int64, viewer: Actor?) async throws -> Provider {
        let now = database.clock.now()
        guard let provider = try await database.read({ db in try Self.find(db, id: id) }) else {
            throw VoucherError.providerNotFound
        }
        return Self.shown(provider.effective(at: now), to: viewer)
    }

    /// The registry is public, who objected is not: only the provider's city (which decides on
    /// the objection), the platform and auditors see the objecting organisation (issue 14).
    static func shown(_ provider: Provider, to viewer: Actor?) -> Provider {
        let target = AccessTarget(organizationID: nil, city: provider.city)
        if let viewer,
            Authorization.allows(viewer, .providerReview, on: target)
                || Authorization.allows(viewer, .auditRead, on: target)
        {
            return provider
        }
        var copy = provider
        copy.objections = provider.objections.map {
            var objection = $0; objection.organizationId = nil; return objection
        }
        return copy
    }

    /// The registry, public: listed providers by default, across all five cities.
    public func list(
        city: CityCode?, category: ServiceCategory?, status: Provider.Status?, page: PageRequest, viewer: Actor?
    ) async throws -> Page<Provider> {
        let now = database.clock.now()
        let rows = try await database.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT document FROM voucher_providers WHERE (? IS NULL OR city = ?) AND id > ? ORDER BY id LIMIT 2000",
                arguments: [city?.rawValue, city?.rawValue, page.after ?? 0]
            ).map { Self.shown(try VoucherCoding.decode(Provider.self, $0).effective(at: now), to: viewer) }
        }
        let wanted = status ?? .listed
        let filtered = rows.filter { $0.status == wanted && (category.map($0.categories.contains) ?? true) }
        return page.page(Array(filtered.prefix(page.limit + 1)), id: \.id)
    }

    static func save(_ db: Database, _ provider: Provider) throws {
        try db.execute(
            sql:
                "UPDATE voucher_providers SET status = ?, document = ?, notice_ends_at = ?, updated_at = ? WHERE id = ?",
            arguments: [
                provider.status.rawValue, try VoucherCoding.text(provider), provider.noticeEndsAt.map(Timestamp.millis),
                Timestamp.millis(provider.updatedAt), provider.id,
            ]
        )
    }

    static func find(_ db: Database, id: Int64) throws -> Provider? {
        try String.fetchOne(db, sql: "SELECT document FROM voucher_providers WHERE id = ?", arguments: [id])
            .map { try VoucherCoding.decode(Provider.self, $0) }
    }

    static func find(_ db: Database, organization: Int64) throws -> Provider? {
        try String.fetchOne(
            db, sql: "SELECT document FROM voucher_providers WHERE org_id = ?", arguments: [organization]
        )
        .map { try VoucherCoding.decode(Provider.self, $0) }
    }
}
