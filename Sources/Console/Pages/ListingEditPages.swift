import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Platform
import Store

/// Editing one's own listings (issue 18), as `PATCH /v1/{needs,patents,achievements}/{id}` does:
/// an enterprise edits, pauses, reopens and closes its needs; a university, institute or lab edits
/// its patents and achievements and withdraws (or relists) them. Every form carries the version
/// it was opened at, so a change made meanwhile is refused (409) instead of overwritten; another
/// organisation's listing is not found.
struct ListingEditPages {
    let site: Site

    enum Kind: String {
        case need, patent, achievement
    }

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("needs/:id/edit") { request, context in
            await site.handle(request, context) { visit in
                try await page(.need, try DealPages.id(context), visit, notice: Self.notice(request, visit))
            }
        }
        console.get("portfolio/:kind/:id/edit") { request, context in
            await site.handle(request, context) { visit in
                try await page(
                    try Self.supply(context), try DealPages.id(context), visit, notice: Self.notice(request, visit))
            }
        }
        for action in ["edit", "status"] {
            console.post(RouterPath("needs/:id/\(action)")) { request, context in
                await site.handle(request, context) { visit in
                    try await submit(.need, try DealPages.id(context), action, request, visit)
                }
            }
            console.post(RouterPath("portfolio/:kind/:id/\(action)")) { request, context in
                await site.handle(request, context) { visit in
                    try await submit(try Self.supply(context), try DealPages.id(context), action, request, visit)
                }
            }
        }
    }

    static func supply(_ context: AppRequestContext) throws -> Kind {
        guard let kind = context.parameters.get("kind").flatMap(Kind.init(rawValue:)), kind != .need else {
            throw PublicPages.notFound
        }
        return kind
    }

    static func notice(_ request: Request, _ visit: Visit) -> String? {
        request.uri.queryParameters["done"].map { visit.text("listing.edit.done.\($0)") }
    }

    static func path(_ kind: Kind, _ id: Int64) -> String {
        kind == .need ? "/console/needs/\(id)" : "/console/portfolio/\(kind.rawValue)/\(id)"
    }

    /// The signed-in owner's actor; 403 for a role that may not edit, 404 for another's listing.
    func owner(_ kind: Kind, _ visit: Visit) throws -> (Principal, Actor) {
        if kind == .need { return try EnterprisePages.enterprise(visit, .listingUpdate) }
        let (principal, actor) = try UniversityPages.member(visit)
        guard Authorization.allows(actor, .listingUpdate, on: UniversityPages.own(principal)) else {
            throw DomainError.forbidden
        }
        return (principal, actor)
    }

    /// The listing as the form shows it, or 404 when it is not the visitor's organisation's.
    func current(
        _ kind: Kind, _ id: Int64, _ principal: Principal, _ actor: Actor
    ) async throws
        -> ListingEditViews.Values
    {
        let services = site.services
        let values: ListingEditViews.Values
        let owner: Int64
        switch kind {
        case .need:
            let need = try await services.needs.get(id, viewer: actor)
            owner = need.ownerOrganizationId
            values = .init(
                title: need.title, text: need.description, keywords: need.keywords, price: need.budget,
                deadline: Display.date(need.deadline), status: need.status.rawValue, version: need.version)
        case .patent:
            let patent = try await services.patents.get(id, viewer: actor)
            owner = patent.ownerOrganizationId
            values = .init(
                title: patent.title, text: patent.abstract, keywords: patent.keywords, price: patent.askingPrice,
                deadline: nil, status: patent.status.rawValue, version: patent.version)
        case .achievement:
            let achievement = try await services.achievements.get(id, viewer: actor)
            owner = achievement.ownerOrganizationId
            values = .init(
                title: achievement.title, text: achievement.summary, keywords: achievement.keywords,
                price: achievement.price, deadline: nil, status: achievement.status.rawValue,
                version: achievement.version)
        }
        guard owner == principal.organizationID else { throw PublicPages.notFound }
        return values
    }

    func page(
        _ kind: Kind, _ id: Int64, _ visit: Visit, notice: String? = nil, typed: ListingEditViews.Typed? = nil,
        failure: FormFailure? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (principal, actor) = try owner(kind, visit)
        let values = try await current(kind, id, principal, actor)
        let view = ListingEditViews.view(
            kind, id, values: values, typed: typed, visit: visit, notice: notice, failure: failure,
            today: Display.date(site.services.database.clock.now()))
        return site.page(visit, template: "listing-edit", title: view.heading, view, status: status)
    }

    func submit(
        _ kind: Kind, _ id: Int64, _ action: String, _ request: Request, _ visit: Visit
    ) async throws
        -> Response
    {
        let (principal, actor) = try owner(kind, visit)
        _ = try await current(kind, id, principal, actor)
        let form = try await site.form(request, visit)
        let typed = ListingEditViews.Typed(
            title: form["title"] ?? "", text: form["text"] ?? "", keywords: form["keywords"] ?? "",
            priceMin: form["priceMin"] ?? "", priceMax: form["priceMax"] ?? "", negotiable: form["negotiable"] != nil,
            deadline: form["deadline"] ?? "", version: form["version"] ?? "")
        return try await EnterpriseForms.attempt(visit) {
            guard let version = form.text("version").flatMap(Int64.init) else {
                throw EnterpriseForms.invalid("version_conflict", field: "version", key: "listing.edit.no_version")
            }
            if action == "status" {
                try await changeStatus(kind, id, to: form["status"] ?? "", version: version, actor)
                return site.redirect("\(Self.path(kind, id))/edit?done=status")
            }
            try await edit(kind, id, form, version: version, actor)
            return site.redirect("\(Self.path(kind, id))/edit?done=saved")
        } form: { failure, status in
            try await page(
                kind, id, visit, typed: action == "edit" ? typed : nil, failure: ListingEditViews.normalized(failure),
                status: status)
        }
    }

    func edit(_ kind: Kind, _ id: Int64, _ form: Form, version: Int64, _ actor: Actor) async throws {
        let price = PriceRange(
            minFen: try EnterpriseForms.fen(form["priceMin"], field: "price.minFen"),
            maxFen: try EnterpriseForms.fen(form["priceMax"], field: "price.maxFen"),
            negotiable: form["negotiable"] != nil)
        let keywords = (form["keywords"] ?? "").split(whereSeparator: { ",，、;；".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let title = form["title"] ?? "", text = form["text"] ?? ""
        let services = site.services
        switch kind {
        case .need:
            var patch = NeedPatch(
                title: title, description: text, keywords: keywords, budget: price,
                deadline: try EnterpriseForms.endOfDay(form["deadline"], field: "deadline"))
            patch.expectedVersion = version
            _ = try await services.needs.update(id, patch, by: actor)
        case .patent:
            var patch = PatentPatch(title: title, abstract: text, keywords: keywords, askingPrice: price)
            patch.expectedVersion = version
            _ = try await services.patents.update(id, patch, by: actor)
        case .achievement:
            var patch = AchievementPatch(title: title, summary: text, keywords: keywords, price: price)
            patch.expectedVersion = version
            _ = try await services.achievements.update(id, patch, by: actor)
        }
    }

    func changeStatus(_ kind: Kind, _ id: Int64, to status: String, version: Int64, _ actor: Actor) async throws {
        let services = site.services
        switch kind {
        case .need:
            var patch = NeedPatch(status: try EnterpriseForms.choice(status, field: "status", as: Need.Status.self))
            patch.expectedVersion = version
            _ = try await services.needs.update(id, patch, by: actor)
        case .patent:
            var patch = PatentPatch(status: try EnterpriseForms.choice(status, field: "status", as: SupplyStatus.self))
            patch.expectedVersion = version
            _ = try await services.patents.update(id, patch, by: actor)
        case .achievement:
            var patch = AchievementPatch(
                status: try EnterpriseForms.choice(status, field: "status", as: SupplyStatus.self))
            patch.expectedVersion = version
            _ = try await services.achievements.update(id, patch, by: actor)
        }
    }
}

/// The view model of listing-edit.mustache.
enum ListingEditViews {
    /// The listing as stored.
    struct Values {
        var title: String
        var text: String
        var keywords: [String]
        var price: PriceRange
        var deadline: String?
        var status: String
        var version: Int64
    }

    /// What was typed into a refused form.
    struct Typed: Sendable {
        var title: String
        var text: String
        var keywords: String
        var priceMin: String
        var priceMax: String
        var negotiable: Bool
        var deadline: String
        var version: String
    }

    struct StatusAction: Sendable {
        let value: String
        let label: String
        let danger: Bool
    }

    struct View: Sendable {
        let heading: String
        let backHref: String
        let action: String
        let statusAction: String
        let textLabel: String
        let title: String
        let text: String
        let keywords: String
        let priceMin: String
        let priceMax: String
        let negotiable: Bool
        let hasDeadline: Bool
        let deadline: String
        let today: String
        let version: String
        let currentVersion: Int64
        let status: String
        let statusActions: [StatusAction]
        let hasStatusActions: Bool
        let notice: String?
        let formError: String?
        let errors: FieldErrors?
    }

    /// Status changes offered from each status (the service decides; these are the ones it allows).
    static let needMoves: [String: [String]] = [
        "open": ["paused", "closed"], "in_talks": ["paused", "closed"], "paused": ["open", "closed"],
        "closed": ["open"], "expired": ["closed"],
    ]
    static let supplyMoves: [String: [String]] = [
        "draft": ["listed", "withdrawn"], "listed": ["withdrawn"], "under_negotiation": ["withdrawn"],
        "withdrawn": ["listed"],
    ]

    /// Refusals about a price name it by the listing's own member (budget, askingPrice, price):
    /// the form has one price.
    static func normalized(_ failure: FormFailure) -> FormFailure {
        var copy = failure
        if let errors = failure.errors, let field = errors.field {
            for prefix in ["budget", "askingPrice"] where field.hasPrefix(prefix) {
                copy.errors = FieldErrors(field: "price" + field.dropFirst(prefix.count), message: errors.message)
            }
        }
        return copy
    }

    static func yuan(_ fen: Int64?) -> String {
        guard let fen else { return "" }
        return fen % 100 == 0 ? String(fen / 100) : String(format: "%lld.%02lld", fen / 100, fen % 100)
    }

    static func view(
        _ kind: ListingEditPages.Kind, _ id: Int64, values: Values, typed: Typed?, visit: Visit, notice: String?,
        failure: FormFailure?, today: String
    ) -> View {
        let base = ListingEditPages.path(kind, id)
        let moves = (kind == .need ? needMoves : supplyMoves)[values.status] ?? []
        let prefix = kind == .need ? "status." : "university.supply."
        return View(
            heading: visit.text("listing.edit.\(kind.rawValue)"),
            backHref: kind == .need ? "/console/needs" : "/console/portfolio", action: "\(base)/edit",
            statusAction: "\(base)/status", textLabel: visit.text("listing.edit.text.\(kind.rawValue)"),
            title: typed?.title ?? values.title, text: typed?.text ?? values.text,
            keywords: typed?.keywords ?? values.keywords.joined(separator: ", "),
            priceMin: typed?.priceMin ?? yuan(values.price.minFen),
            priceMax: typed?.priceMax ?? yuan(values.price.maxFen),
            negotiable: typed?.negotiable ?? values.price.negotiable, hasDeadline: values.deadline != nil,
            deadline: typed?.deadline ?? values.deadline ?? "", today: today,
            // A refused edit keeps the version it was opened at: the conflict stays until reopened.
            version: typed?.version ?? String(values.version), currentVersion: values.version,
            status: visit.text(prefix + values.status),
            statusActions: moves.map { move in
                StatusAction(
                    value: move, label: visit.text("listing.edit.to.\(move)"),
                    danger: ["closed", "withdrawn"].contains(move))
            },
            hasStatusActions: !moves.isEmpty, notice: notice, formError: failure?.formError, errors: failure?.errors)
    }
}
