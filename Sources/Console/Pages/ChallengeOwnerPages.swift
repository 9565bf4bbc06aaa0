import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Platform
import Store

/// A 揭榜挂帅 owner's pages (issue 18): its challenges, drafting one, and one challenge's desk —
/// submit for approval, extend, close applications, assign experts, read the reviews, award
/// (one team, or several in race mode), accept or reject milestones — each step through
/// `ChallengeService` as `/v1/challenges/...` calls it, offered only when the lifecycle allows it.
struct ChallengeOwnerPages {
    let site: Site

    static let ownerKinds: Set<OrganizationKind> = [.enterprise, .government]

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("my-challenges") { request, context in
            await site.handle(request, context) { visit in try await list(request, visit) }
        }
        console.get("my-challenges/new") { request, context in
            await site.handle(request, context) { visit in
                _ = try Self.owner(visit)
                return form(visit, typed: ChallengeOwnerViews.Typed(), failure: nil)
            }
        }
        console.post("my-challenges") { request, context in
            await site.handle(request, context) { visit in try await create(request, visit) }
        }
        console.get("my-challenges/:id") { request, context in
            await site.handle(request, context) { visit in
                let id = try Self.id(context)
                let done = request.uri.queryParameters["done"].map(String.init)
                return try await desk(id, visit, notice: done.map { visit.text("challenge.owner.done.\($0)") })
            }
        }
        console.post("my-challenges/:id/:step") { request, context in
            await site.handle(request, context) { visit in
                let id = try Self.id(context)
                guard let step = context.parameters.get("step").flatMap(ChallengeOwnerSteps.Step.init(rawValue:))
                else { throw PublicPages.notFound }
                return try await ChallengeOwnerSteps(pages: self).run(step, id, request, visit)
            }
        }
        console.post("my-challenges/:id/milestones/:milestone") { request, context in
            await site.handle(request, context) { visit in
                let id = try Self.id(context)
                guard let milestone = context.parameters.get("milestone").flatMap(Int64.init) else {
                    throw PublicPages.notFound
                }
                return try await ChallengeOwnerSteps(pages: self).decide(milestone, of: id, request, visit)
            }
        }
    }

    static func id(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw PublicPages.notFound }
        return id
    }

    /// A user of an enterprise (or a government body) whose role manages its challenges.
    static func owner(_ visit: Visit) throws -> (Principal, Actor) {
        let (principal, actor) = try visit.signedIn()
        guard ownerKinds.contains(principal.organizationKind),
            Authorization.allows(
                actor, .challengeManage,
                on: AccessTarget(organizationID: principal.organizationID, city: principal.city))
        else { throw DomainError.forbidden }
        return (principal, actor)
    }

    func list(_ request: Request, _ visit: Visit) async throws -> Response {
        let (principal, actor) = try Self.owner(visit)
        let page = try await site.services.challenges.owned(
            by: principal.organizationID, page: PageRequest(limit: 100), viewer: actor)
        let rows = page.items.reversed().map { challenge in
            ChallengeOwnerViews.Row(
                href: "/console/my-challenges/\(challenge.id)", title: challenge.title, year: challenge.year,
                reward: Language.yuan(challenge.reward.fen), deadline: Display.date(challenge.deadline),
                state: visit.text("state.\(challenge.state.rawValue)"),
                mode: visit.text("challenge.mode.\(challenge.reviewMode.rawValue)"))
        }
        return site.page(
            visit, template: "challenge-owner-list", title: visit.text("challenge.owner.title"),
            ChallengeOwnerViews.List(items: Array(rows), hasItems: !rows.isEmpty))
    }

    /// The drafting form: empty, or what was typed with the refusal.
    func form(
        _ visit: Visit, typed: ChallengeOwnerViews.Typed, failure: FormFailure?, status: HTTPResponse.Status = .ok
    ) -> Response {
        let fields = Field.allCases.map { field in
            Check(
                value: field.rawValue, label: Display.field(field, visit.language),
                checked: typed.fields.contains(field.rawValue))
        }
        let modes = EnterpriseForms.options(
            Challenge.ReviewMode.allCases.map { ($0.rawValue, visit.text("challenge.mode.\($0.rawValue)")) },
            selected: typed.reviewMode)
        let now = site.services.database.clock.now()
        var view = ChallengeOwnerViews.Form(
            typed: typed, fieldChoices: fields, modes: modes, formError: failure?.formError, errors: failure?.errors,
            today: Display.date(now))
        if view.typed.year.isEmpty {
            view.typed.year = String(Calendar(identifier: .gregorian).component(.year, from: now))
        }
        return site.page(
            visit, template: "challenge-owner-form", title: visit.text("challenge.owner.new"), view, status: status)
    }

    func create(_ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try Self.owner(visit)
        let form = try await site.form(request, visit)
        let typed = ChallengeOwnerViews.Typed(
            title: form["title"] ?? "", year: form["year"] ?? "", description: form["description"] ?? "",
            goals: form["goals"] ?? "", indicators: form["indicators"] ?? "", fields: form.all("fields"),
            keywords: form["keywords"] ?? "", reward: form["reward"] ?? "", tranches: form["tranches"] ?? "",
            deadline: form["deadline"] ?? "", reviewMode: form["reviewMode"] ?? "expert",
            raceSlots: form["raceSlots"] ?? "")
        return try await EnterpriseForms.attempt(visit) {
            let input = try ChallengeOwnerForms.newChallenge(form)
            let challenge = try await site.services.challenges.create(input, by: actor)
            return site.redirect("/console/my-challenges/\(challenge.id)?done=created")
        } form: { failure, status in
            self.form(visit, typed: typed, failure: failure, status: status)
        }
    }

    /// One challenge's desk; `failure` shows a refused step next to its form.
    func desk(
        _ id: Int64, _ visit: Visit, notice: String? = nil, failure: ChallengeOwnerViews.Failure? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (principal, actor) = try Self.owner(visit)
        let services = site.services
        let progress = try await services.challenges.progress(of: id, viewer: actor)
        let challenge = progress.challenge
        // Another organisation's challenge is not found here, whatever the public list shows.
        guard challenge.ownerOrganizationId == principal.organizationID else { throw PublicPages.notFound }
        let applications = try await services.challenges.applications(of: id, viewer: actor)
        let experts = try await services.challenges.experts(of: id, viewer: actor)
        let names = await DealPages.names(
            site, applications.map(\.leadOrganizationId) + experts.map(\.organizationId), actor)
        let view = ChallengeOwnerViews.desk(
            progress, applications: applications, experts: experts, names: names, visit: visit, notice: notice,
            failure: failure)
        return site.page(visit, template: "challenge-owner", title: challenge.title, view, status: status)
    }
}
