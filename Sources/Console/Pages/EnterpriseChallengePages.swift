import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Platform

/// Applying to a 揭榜挂帅 challenge, as `POST /v1/challenges/{id}/applications` does: for any
/// organisation whose role may apply (enterprises, universities, institutes, labs); the
/// challenge service decides who is eligible.
struct EnterpriseChallengePages {
    let site: Site

    /// Eligibility refusals shown next to the form rather than as a bare 403 page.
    static let eligibility: Set<String> = ["not_eligible_kind", "not_eligible_city", "organization_kind_not_allowed"]

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("challenges/:id/apply") { request, context in
            await site.handle(request, context) { visit in
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                let actor = try Self.applicant(visit)
                let sent = request.uri.queryParameters["done"] == "sent"
                return try await page(id, visit, actor, View(sent: sent))
            }
        }
        console.post("challenges/:id/apply") { request, context in
            await site.handle(request, context) { visit in
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                return try await apply(id, request, visit)
            }
        }
    }

    /// A signed-in user whose role may apply for its own organisation; anyone else gets 403.
    static func applicant(_ visit: Visit) throws -> Actor {
        let (principal, actor) = try visit.signedIn()
        guard
            Authorization.allows(
                actor, .challengeApply, on: AccessTarget(organizationID: principal.organizationID, city: principal.city)
            )
        else {
            throw DomainError.forbidden
        }
        return actor
    }

    /// The application form (enterprise-challenge-apply.mustache): what was typed, a refusal,
    /// or the confirmation that it was sent; the challenge's facts are filled in by `page`.
    struct View: Sendable {
        var sent = false
        var plan: String?
        var budget: String?
        var team: String?
        var formError: String?
        var errors: FieldErrors?
        var challenge = ""
        var challengeHref = ""
        var action = ""
        var reward = ""
        var deadline = ""
        var state = ""
    }

    func page(
        _ id: Int64, _ visit: Visit, _ actor: Actor, _ view: View, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let challenge = try await site.services.challenges.get(id, viewer: actor)
        var context = view
        context.challenge = challenge.title
        context.challengeHref = "/console/challenges/\(id)"
        context.action = "/console/challenges/\(id)/apply"
        context.reward = Language.yuan(challenge.reward.fen)
        context.deadline = Display.date(challenge.deadline)
        context.state = visit.text("state.\(challenge.state.rawValue)")
        return site.page(
            visit, template: "enterprise-challenge-apply", title: visit.text("enterprise.challenge.title"), context,
            status: status)
    }

    func apply(_ id: Int64, _ request: Request, _ visit: Visit) async throws -> Response {
        let actor = try Self.applicant(visit)
        let form = try await site.form(request, visit)
        let typed = View(plan: form["plan"] ?? "", budget: form["budget"] ?? "", team: form["team"] ?? "")
        return try await EnterpriseForms.attempt(visit, inline: Self.eligibility) {
            let team: [ChallengeApplication.TeamMember] = (form["team"] ?? "").split(whereSeparator: \.isNewline)
                .compactMap { line in
                    let parts = line.split(separator: ",", omittingEmptySubsequences: false).flatMap {
                        $0.split(separator: "，", omittingEmptySubsequences: false)
                    }
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.contains(where: { !$0.isEmpty }) else { return nil }
                    return ChallengeApplication.TeamMember(
                        name: parts[0], role: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil,
                        title: parts.count > 2 && !parts[2].isEmpty ? parts[2...].joined(separator: ", ") : nil)
                }
            let input = NewChallengeApplication(
                plan: form["plan"] ?? "", budgetFen: try EnterpriseForms.fen(form["budget"], field: "budgetFen") ?? 0,
                team: team)
            _ = try await site.services.challenges.apply(to: id, input, by: actor)
            return site.redirect("/console/challenges/\(id)/apply?done=sent")
        } form: { failure, status in
            var view = typed
            view.formError = failure.formError
            view.errors = failure.errors
            return try await page(id, visit, actor, view, status: status)
        }
    }
}
