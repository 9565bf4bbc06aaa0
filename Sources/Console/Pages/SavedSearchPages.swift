import Foundation
import Hummingbird
import Kernel
import Listings
import Notifications
import Platform

/// The signed-in person's saved searches (issue 17): saved from the search page, listed here
/// with their match counts; each private feed's address is shown once, when it is made.
struct SavedSearchPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        MatchSubscriptionPages(site: site).register(on: console)
        console.get("saved-searches") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"].map(String.init)
                return try await page(visit, notice: done.map { visit.text("saved.done.\($0)") })
            }
        }
        console.post("saved-searches") { request, context in
            await site.handle(request, context) { visit in try await create(request, visit) }
        }
        console.post("saved-searches/:id/:action") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try visit.signedIn()
                _ = try await site.form(request, visit)
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                switch context.parameters.get("action") {
                case "feed":
                    let renewed = try await site.services.savedSearches.renewFeed(id, by: actor)
                    return try await page(visit, feed: renewed.feedPath)
                case "revoke":
                    _ = try await site.services.savedSearches.renewFeed(id, revoke: true, by: actor)
                    return site.redirect("/console/saved-searches?done=revoked")
                case "delete":
                    _ = try await site.services.savedSearches.delete(id, by: actor)
                    return site.redirect("/console/saved-searches?done=deleted")
                default:
                    throw EnterprisePages.notFound
                }
            }
        }
    }

    /// Saves the search the search page shows (its text and filters, as hidden fields).
    func create(_ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try visit.signedIn()
        let form = try await site.form(request, visit)
        let query = SavedSearch.Query(
            text: form.text("q"), kinds: form.all("kind").compactMap(ListingKind.init(rawValue:)),
            fields: form.all("field").compactMap(Field.init(rawValue:)),
            city: form["city"].flatMap { CityCode(rawValue: $0) })
        return try await EnterpriseForms.attempt(visit) {
            let saved = try await site.services.savedSearches.create(
                NewSavedSearch(name: form["name"] ?? "", query: query), by: actor)
            return try await page(visit, feed: saved.feedPath, status: .created)
        } form: { failure, status in
            try await page(visit, failure: failure, status: status)
        }
    }

    struct View: Sendable {
        var notice: String?
        var formError: String?
        /// The private feed's address, shown this once.
        var feed: String?
        var items: [Item]
        var hasItems: Bool
    }

    struct Item: Sendable {
        let id: Int64
        let name: String
        let query: String
        let matches: Int
        let lastMatched: String?
        let hasFeed: Bool
        let search: String
    }

    func page(
        _ visit: Visit, notice: String? = nil, feed: String? = nil, failure: FormFailure? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (_, actor) = try visit.signedIn()
        let language = visit.language
        let items = try await site.services.savedSearches.list(viewer: actor).map { saved in
            let parts =
                [saved.query.text.map { "“\($0)”" }]
                + saved.query.kinds.map { Display.kind($0, language) }
                + saved.query.fields.map { Display.field($0, language) } + [saved.query.city.map(language.city)]
            var link = URLComponents()
            link.queryItems =
                [saved.query.text.map { URLQueryItem(name: "q", value: $0) }].compactMap { $0 }
                + saved.query.kinds.map { URLQueryItem(name: "kind", value: $0.rawValue) }
                + saved.query.fields.map { URLQueryItem(name: "field", value: $0.rawValue) }
                + [saved.query.city.map { URLQueryItem(name: "city", value: $0.rawValue) }].compactMap { $0 }
            return Item(
                id: saved.id, name: saved.name,
                query: parts.compactMap { $0 }.joined(separator: language == .zh ? "、" : ", "),
                matches: saved.matches, lastMatched: saved.lastMatchedAt.map(Display.dateTime),
                hasFeed: saved.hasFeed, search: "/console?" + (link.percentEncodedQuery ?? ""))
        }
        return site.page(
            visit, template: "saved-searches", title: visit.text("saved.title"),
            View(
                notice: notice, formError: failure?.formError, feed: feed, items: items, hasItems: !items.isEmpty),
            status: status)
    }
}
