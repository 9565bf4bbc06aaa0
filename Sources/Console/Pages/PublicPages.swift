import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Platform
import Store

/// Pages anyone may open: search across listings, a listing, the year's 揭榜挂帅 list.
struct PublicPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        ModerationPages(site: site).register(on: console)
        console.get("") { request, context in
            await site.handle(request, context) { visit in try await home(request, visit) }
        }
        console.get("challenges") { request, context in
            await site.handle(request, context) { visit in try await challenges(request, visit) }
        }
        for kind in ListingKind.allCases {
            console.get("\(kind.rawValue)s/:id") { request, context in
                await site.handle(request, context) { visit in
                    guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw Self.notFound }
                    return try await listing(kind, id, visit)
                }
            }
        }
    }

    static let notFound = DomainError.notFound("page", zh: "页面")

    func home(_ request: Request, _ visit: Visit) async throws -> Response {
        let parameters = request.uri.queryParameters
        let language = visit.language
        var query = SearchQuery()
        query.text = parameters["q"].map(String.init).flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        query.kinds = parameters.getAll("kind").compactMap { ListingKind(rawValue: String($0)) }
        query.fields = parameters.getAll("field").compactMap { Field(rawValue: String($0)) }
        query.city = parameters["city"].flatMap { CityCode(rawValue: String($0)) }
        query.limit = 20
        if let cursor = parameters["cursor"] { query.offset = (try? SearchCursor.decode(String(cursor))) ?? 0 }
        let result = try await site.services.search.search(query, viewer: visit.actor)
        let hits = result.items.map { hit in
            PublicViews.Hit(
                href: "/console/\(hit.kind.rawValue)s/\(hit.id)", kind: Display.kind(hit.kind, language),
                title: Display.segments(
                    hit.highlights?.title.text ?? hit.title, ranges: hit.highlights?.title.ranges ?? []),
                snippet: hit.highlights?.snippet.map { Display.segments($0.text, ranges: $0.ranges) } ?? [],
                hasSnippet: hit.highlights?.snippet != nil,
                city: language.city(hit.city), fields: Display.fields(hit.fields, language),
                price: hit.price.map { Display.price($0, language) }, trl: hit.trl)
        }
        func facet(_ counts: [String: Int], name: String, label: (String) -> String) -> [PublicViews.FacetItem] {
            counts.sorted { $0.value > $1.value }.map { key, count in
                PublicViews.FacetItem(
                    name: name, value: key, label: label(key), count: count,
                    checked: parameters.getAll(name).contains { String($0) == key })
            }
        }
        let facets = [
            PublicViews.Facet(
                title: visit.text("search.kind"),
                items: facet(result.facets.kind, name: "kind") {
                    Display.kind(ListingKind(rawValue: $0) ?? .patent, language)
                }),
            PublicViews.Facet(
                title: visit.text("search.field"),
                items: facet(result.facets.field, name: "field") {
                    Field(rawValue: $0).map { Display.field($0, language) } ?? $0
                }),
            PublicViews.Facet(
                title: visit.text("search.city"),
                items: facet(result.facets.city, name: "city") { CityCode(rawValue: $0).map(language.city) ?? $0 }),
        ]
        var next: String?
        if let cursor = result.nextCursor {
            var items = parameters.filter { $0.key != "cursor" }.map {
                "\($0.key)=\(String($0.value).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }
            items.append("cursor=\(cursor)")
            next = "/console?" + items.joined(separator: "&")
        }
        var home = PublicViews.Home(
            q: query.text ?? "", hits: hits, total: result.total, facets: facets, next: next,
            searched: query.text != nil || !query.kinds.isEmpty || !query.fields.isEmpty || query.city != nil)
        home.canSave = home.searched && visit.principal != nil
        home.saveFilters =
            query.kinds.map { PublicViews.Hidden(name: "kind", value: $0.rawValue) }
            + query.fields.map { PublicViews.Hidden(name: "field", value: $0.rawValue) }
            + (query.city.map { [PublicViews.Hidden(name: "city", value: $0.rawValue)] } ?? [])
        home.saveName = query.text ?? visit.text("saved.title")
        return site.page(visit, template: "home", title: visit.text("search.title"), home)
    }

    func listing(_ kind: ListingKind, _ id: Int64, _ visit: Visit) async throws -> Response {
        let language = visit.language
        var rows: [PublicViews.Fact] = []
        func row(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { rows.append(PublicViews.Fact(label: visit.text(key), value: value)) }
        }
        let title: String, body: String, owner: Int64
        switch kind {
        case .patent:
            let patent = try await site.services.patents.get(id, viewer: visit.actor)
            (title, body, owner) = (patent.title, patent.abstract, patent.ownerOrganizationId)
            row("listing.number", patent.number)
            row("listing.ipc", patent.ipcCodes.joined(separator: ", "))
            row("listing.applicants", patent.applicants.joined(separator: language == .zh ? "、" : ", "))
            row("listing.fields", Display.fields(patent.fields, language))
            row("listing.city", language.city(patent.city))
            row("listing.price", Display.price(patent.askingPrice, language))
            row("listing.trl", patent.trl.map(String.init))
        case .achievement:
            let achievement = try await site.services.achievements.get(id, viewer: visit.actor)
            (title, body, owner) = (achievement.title, achievement.summary, achievement.ownerOrganizationId)
            row("listing.fields", Display.fields(achievement.fields, language))
            row("listing.city", language.city(achievement.city))
            row("listing.trl", String(achievement.trl))
            row("listing.price", Display.price(achievement.price, language))
            row("listing.keywords", achievement.keywords.joined(separator: ", "))
        case .need:
            let need = try await site.services.needs.get(id, viewer: visit.actor)
            (title, body, owner) = (need.title, need.description, need.ownerOrganizationId)
            row("listing.fields", Display.fields(need.fields, language))
            row("listing.city", language.city(need.city))
            row("listing.budget", Display.price(need.budget, language))
            row("listing.deadline", Display.date(need.deadline))
            row("listing.status", visit.text("status.\(need.status.rawValue)"))
        case .challenge:
            let challenge = try await site.services.challenges.get(id, viewer: visit.actor)
            (title, body, owner) = (challenge.title, challenge.description, challenge.ownerOrganizationId)
            row("listing.goals", challenge.goals)
            row("listing.indicators", challenge.indicators.joined(separator: "；"))
            row("listing.reward", Language.yuan(challenge.reward.fen))
            row("listing.fields", Display.fields(challenge.fields, language))
            row("listing.city", language.city(challenge.city))
            row("listing.deadline", Display.date(challenge.deadline))
            row("listing.state", visit.text("state.\(challenge.state.rawValue)"))
        }
        let organization = try? await site.services.organizations.get(
            owner, by: visit.actor ?? .system("console", requestID: visit.requestID))
        row("listing.owner", organization?.name)
        return site.page(
            visit, template: "listing", title: title,
            PublicViews.Listing(
                kind: Display.kind(kind, language), heading: title, body: body, rows: rows,
                applyHref: kind == .challenge ? "/console/challenges/\(id)/apply" : nil,
                askHref: visit.principal.flatMap { principal in
                    [.orgAdmin, .orgMember].contains(principal.role) && principal.organizationID != owner
                        && DealPages.kinds.contains(principal.organizationKind)
                        ? "/console/connections/new?kind=\(kind.rawValue)&id=\(id)" : nil
                },
                moderateHref: (try? ModerationPages.moderator(visit)) != nil && ModerationPages.kinds.contains(kind)
                    ? "/console/moderation/\(kind.rawValue)/\(id)" : nil))
    }

    func challenges(_ request: Request, _ visit: Visit) async throws -> Response {
        let language = visit.language
        let year =
            request.uri.queryParameters["year"].flatMap { Int(String($0)) }
            ?? Calendar(identifier: .gregorian).component(.year, from: site.services.database.clock.now())
        let page = try await site.services.challenges.list(
            year: year, page: PageRequest(limit: 100), viewer: visit.actor)
        let items = page.items.map { challenge in
            PublicViews.Challenge(
                href: "/console/challenges/\(challenge.id)", title: challenge.title,
                city: language.city(challenge.city),
                reward: Language.yuan(challenge.reward.fen), deadline: Display.date(challenge.deadline),
                state: visit.text("state.\(challenge.state.rawValue)"),
                fields: Display.fields(challenge.fields, language))
        }
        return site.page(
            visit, template: "challenges", title: visit.text("challenges.title"),
            PublicViews.Challenges(year: year, items: items, previous: year - 1, next: year + 1))
    }
}
