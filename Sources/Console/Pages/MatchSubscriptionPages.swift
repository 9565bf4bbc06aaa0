import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Notifications
import Platform

/// The signed-in person's match subscriptions, as `/v1/match-subscriptions`: be told of new
/// needs matching one's research organisation's portfolio, or of new supply matching one of one's
/// organisation's needs, at or above a score; listed, added and removed here.
struct MatchSubscriptionPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("match-subscriptions") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"].map(String.init)
                return try await page(visit, notice: done.map { visit.text("subscriptions.done.\($0)") })
            }
        }
        console.post("match-subscriptions") { request, context in
            await site.handle(request, context) { visit in try await create(request, visit) }
        }
        console.post("match-subscriptions/:id/delete") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try visit.signedIn()
                _ = try await site.form(request, visit)
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                _ = try await site.services.matchSubscriptions.delete(id, by: actor)
                return site.redirect("/console/match-subscriptions?done=deleted")
            }
        }
    }

    func create(_ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try visit.signedIn()
        let form = try await site.form(request, visit)
        let typed = Typed(
            subject: form["subject"] ?? "", need: form["need"] ?? "", minScore: form["minScore"] ?? "")
        return try await EnterpriseForms.attempt(visit) {
            let subject = try EnterpriseForms.choice(
                form["subject"], field: "subject", as: MatchSubscription.Subject.self)
            let need = try (form["need"]).flatMap { $0.isEmpty ? nil : $0 }.map { value -> Int64 in
                guard let id = Int64(value) else {
                    throw EnterpriseForms.invalid("invalid_choice", field: "needId", key: "enterprise.choice.invalid")
                }
                return id
            }
            let percent = (form["minScore"] ?? "").trimmingCharacters(in: .whitespaces)
            guard let score = Int(percent.isEmpty ? "30" : percent), (0...100).contains(score) else {
                throw EnterpriseForms.invalid("invalid_value", field: "minScore", key: "subscriptions.score.invalid")
            }
            _ = try await site.services.matchSubscriptions.create(
                NewMatchSubscription(
                    subject: subject, needId: subject == .portfolio ? nil : need, minScore: score * 10),
                by: actor)
            return site.redirect("/console/match-subscriptions?done=created")
        } form: { failure, status in
            try await page(visit, failure: failure, typed: typed, status: status)
        }
    }

    struct Typed: Sendable {
        var subject = "need"
        var need = ""
        var minScore = "30"
    }

    struct View: Sendable {
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
        var items: [Item]
        var hasItems: Bool
        var subjects: [Check]
        var needs: [Choice]
        var minScore: String
    }

    struct Item: Sendable {
        let id: Int64
        let subject: String
        let need: String?
        let needHref: String?
        let minScore: Int
        let created: String
    }

    func page(
        _ visit: Visit, notice: String? = nil, failure: FormFailure? = nil, typed: Typed = Typed(),
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (principal, actor) = try visit.signedIn()
        let subscriptions = try await site.services.matchSubscriptions.list(viewer: actor)
        // The organisation's own needs, for "new supply for this need".
        let owned =
            (try? await site.services.needs.owned(
                by: principal.organizationID, page: PageRequest(limit: 100), viewer: actor
            ).items) ?? []
        var titles = Dictionary(owned.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        for subscription in subscriptions {
            if let id = subscription.needId, titles[id] == nil,
                let need = try? await site.services.needs.get(id, viewer: actor)
            {
                titles[id] = need.title
            }
        }
        let items = subscriptions.map { subscription in
            Item(
                id: subscription.id, subject: visit.text("subscriptions.subject.\(subscription.subject.rawValue)"),
                need: subscription.needId.map { titles[$0] ?? "#\($0)" },
                needHref: subscription.needId.map { "/console/needs/\($0)/matches" },
                minScore: subscription.minScore / 10, created: Display.dateTime(subscription.createdAt))
        }
        let subjects = MatchSubscription.Subject.allCases.map { subject in
            Check(
                value: subject.rawValue, label: visit.text("subscriptions.subject.\(subject.rawValue)"),
                checked: typed.subject == subject.rawValue)
        }
        let needs = owned.map { Choice(value: String($0.id), label: $0.title, selected: typed.need == String($0.id)) }
        return site.page(
            visit, template: "match-subscriptions", title: visit.text("subscriptions.title"),
            View(
                notice: notice, formError: failure?.formError, errors: failure?.errors, items: items,
                hasItems: !items.isEmpty, subjects: subjects, needs: needs, minScore: typed.minScore),
            status: status)
    }
}
