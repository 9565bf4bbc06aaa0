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
                throw VoucherError.forbidden
            }
            try Authorization.check(context.actor, .providerApply, on: organization.accessTarget)
            guard Self.providerKinds.contains(organization.kind) else {
                throw VoucherError.onlyProvidersRegister
            }
            guard !input.categories.isEmpty, Set(input.categories).count == input.categories.count else {
                throw VoucherError.categoriesInvalid
            }
            let transition = try ProviderMachine.register(over: try Self.find(db, organization: orgID)?.status).get()
            let now = context.now
            var provider = Provider(
                id: 0, organizationId: orgID, city: organization.city, categories: input.categories,
                status: transition.status, noticeEndsAt: nil, objections: [], history: [], createdAt: now,
                updatedAt: now
            )
            Self.enact(transition, to: &provider, now: now, noticeSeconds: noticeSeconds)
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
            let reason = try Reason {
                try Validate.optionalText(input.reason, field: "reason", max: 500, multiline: true)
            }
            let transition = try ProviderMachine.decide(
                provider.status, .act(input.action, reason: reason, notice: Self.notice(provider, now: context.now)),
                by: Self.role(of: context.actor, on: provider)
            ).get()
            Self.enact(transition, to: &provider, now: context.now, noticeSeconds: noticeSeconds)
            try Self.save(db, provider)
            return Audited(
                provider, target: "provider", id: String(id),
                change: [
                    "action": .string(input.action.rawValue), "status": .string(transition.status.rawValue),
                    "reason": .optional(try reason.text()),
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
            let reason = try Reason { try Validate.text(input.reason, field: "reason", max: 1_000, multiline: true) }
            let transition = try ProviderMachine.decide(
                provider.status, .object(reason: reason, notice: Self.notice(provider, now: context.now)),
                by: Self.role(of: context.actor, on: provider)
            ).get()
            Self.enact(
                transition, to: &provider, organization: context.actor.organizationID, now: context.now,
                noticeSeconds: noticeSeconds)
            try Self.save(db, provider)
            return Audited(
                Self.shown(provider, to: context.actor), target: "provider", id: String(id),
                change: ["objection": .optional(try reason.text())])
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

    /// How the actor stands to a provider: may review for its city, signed in for an organisation.
    static func role(of actor: Actor, on provider: Provider) -> ProviderMachine.Role {
        let reviews = Authorization.allows(
            actor, .providerReview, on: AccessTarget(organizationID: nil, city: provider.city))
        switch (reviews, actor.organizationID != nil) {
        case (true, true): return .reviewer
        case (true, false): return .reviewerWithoutOrganisation
        case (false, true): return .member
        case (false, false): return .anonymous
        }
    }

    static func notice(_ provider: Provider, now: Date) -> ProviderMachine.Notice {
        guard let end = provider.noticeEndsAt else { return .none }
        return end > now ? .running : .ended
    }

    /// Applies the machine's transition (the caller saves).
    static func enact(
        _ transition: ProviderMachine.Transition, to provider: inout Provider, organization: Int64? = nil, now: Date,
        noticeSeconds: TimeInterval
    ) {
        provider.status = transition.status
        for action in transition.actions {
            switch action {
            case .resolveObjections(let reason):
                provider.objections = provider.objections.map {
                    var objection = $0
                    objection.resolution = objection.resolution ?? reason
                    return objection
                }
            case .startNotice: provider.noticeEndsAt = now.addingTimeInterval(noticeSeconds)
            case .log(let reason):
                provider.history.append(Provider.Event(status: transition.status, reason: reason, at: now))
            case .recordObjection(let reason):
                provider.objections.append(
                    Provider.Objection(organizationId: organization, reason: reason, at: now, resolution: nil))
            }
        }
        provider.updatedAt = now
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

    /// Providers as decoded, by their stored text (every redemption opened reads its provider).
    static let decoded = DecodedDocuments<Provider>()

    static func find(_ db: Database, organization: Int64) throws -> Provider? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT document FROM voucher_providers WHERE org_id = ?"),
            arguments: [organization]
        )
        .map(decoded.decode)
    }
}
