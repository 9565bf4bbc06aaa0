import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Platform

/// A platform administrator hides a patent, achievement or need with a reason, or shows it
/// again — as `POST /v1/{patents,achievements,needs}/{id}/moderation`. Reached from the listing's
/// public page.
struct ModerationPages {
    let site: Site
    static let kinds: [ListingKind] = [.patent, .achievement, .need]

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("moderation/:kind/:id") { request, context in
            await site.handle(request, context) { visit in
                let (kind, id) = try Self.target(context)
                let done = request.uri.queryParameters["done"].map(String.init).flatMap {
                    ["hidden", "shown"].contains($0) ? visit.text("moderation.done.\($0)") : nil
                }
                return try await page(kind, id, visit, failure: nil, notice: done)
            }
        }
        console.post("moderation/:kind/:id") { request, context in
            await site.handle(request, context) { visit in
                let (kind, id) = try Self.target(context)
                let actor = try Self.moderator(visit)
                let form = try await site.form(request, visit)
                let hide = form["action"] == "hide"
                return try await EnterpriseForms.attempt(visit) {
                    let reason = hide ? form.text("reason") : nil
                    if hide, reason == nil {
                        throw EnterpriseForms.invalid(
                            "reason_required", field: "reason", key: "moderation.reason.required")
                    }
                    switch kind {
                    case .patent: _ = try await site.services.patents.moderate(id, hide: reason, by: actor)
                    case .achievement: _ = try await site.services.achievements.moderate(id, hide: reason, by: actor)
                    default: _ = try await site.services.needs.moderate(id, hide: reason, by: actor)
                    }
                    return site.redirect("/console/moderation/\(kind.rawValue)/\(id)?done=\(hide ? "hidden" : "shown")")
                } form: { failure, status in
                    try await page(kind, id, visit, failure: failure, reason: form["reason"] ?? "", status: status)
                }
            }
        }
    }

    static func target(_ context: AppRequestContext) throws -> (ListingKind, Int64) {
        guard let kind = context.parameters.get("kind").flatMap(ListingKind.init(rawValue:)), kinds.contains(kind),
            let id = context.parameters.get("id").flatMap(Int64.init)
        else { throw EnterprisePages.notFound }
        return (kind, id)
    }

    static func moderator(_ visit: Visit) throws -> Actor {
        let (_, actor) = try visit.signedIn()
        guard Authorization.allows(actor, .listingModerate, on: .platformWide) else { throw DomainError.forbidden }
        return actor
    }

    struct View: Sendable {
        let kind: String
        let title: String
        let href: String
        let action: String
        let hiddenReason: String?
        let reason: String
        let notice: String?
        let formError: String?
        let errors: FieldErrors?
    }

    func page(
        _ kind: ListingKind, _ id: Int64, _ visit: Visit, failure: FormFailure?, notice: String? = nil,
        reason: String = "", status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let actor = try Self.moderator(visit)
        let (title, moderation): (String, Moderation?)
        switch kind {
        case .patent:
            let patent = try await site.services.patents.get(id, viewer: actor)
            (title, moderation) = (patent.title, patent.moderation)
        case .achievement:
            let achievement = try await site.services.achievements.get(id, viewer: actor)
            (title, moderation) = (achievement.title, achievement.moderation)
        default:
            let need = try await site.services.needs.get(id, viewer: actor)
            (title, moderation) = (need.title, need.moderation)
        }
        return site.page(
            visit, template: "moderation", title: visit.text("moderation.title"),
            View(
                kind: Display.kind(kind, visit.language), title: title, href: "/console/\(kind.rawValue)s/\(id)",
                action: "/console/moderation/\(kind.rawValue)/\(id)", hiddenReason: moderation?.reason, reason: reason,
                notice: notice, formError: failure?.formError, errors: failure?.errors),
            status: status)
    }
}
