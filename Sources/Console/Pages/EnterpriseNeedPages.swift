import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Store
import Listings
import Matching

/// An enterprise's needs: the list, posting one, its matches with their explanations, and
/// feedback on a match.
struct EnterpriseNeedPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("needs") { request, context in
            await site.handle(request, context) { visit in try await needs(request, visit) }
        }
        console.get("needs/new") { request, context in
            await site.handle(request, context) { visit in
                _ = try EnterprisePages.enterprise(visit, .listingCreate)
                return form(visit, typed: nil, failure: nil)
            }
        }
        console.post("needs") { request, context in
            await site.handle(request, context) { visit in try await create(request, visit) }
        }
        console.get("needs/:id/matches") { request, context in
            await site.handle(request, context) { visit in
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                return try await matches(id, request, visit)
            }
        }
        console.post("needs/:id/feedback") { request, context in
            await site.handle(request, context) { visit in
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                return try await feedback(id, request, visit)
            }
        }
    }

    func needs(_ request: Request, _ visit: Visit) async throws -> Response {
        let (principal, actor) = try EnterprisePages.enterprise(visit, .listingCreate)
        let language = visit.language
        let page = try await site.services.needs.owned(
            by: principal.organizationID, page: PageRequest(limit: 100), viewer: actor)
        let items = page.items.map { need in
            EnterpriseNeedViews.Need(
                href: "/console/needs/\(need.id)", matches: "/console/needs/\(need.id)/matches",
                title: need.title,
                fields: Display.fields(need.fields, language), budget: Display.price(need.budget, language),
                deadline: Display.date(need.deadline), status: visit.text("status.\(need.status.rawValue)"))
        }
        let done = request.uri.queryParameters["done"] == "created"
        return site.page(
            visit, template: "enterprise-needs", title: visit.text("enterprise.needs.title"),
            EnterpriseNeedViews.List(
                items: items, hasItems: !items.isEmpty, notice: done ? visit.text("enterprise.needs.created") : nil))
    }

    /// The form for a new need: empty, or what was typed with the refusal.
    func form(
        _ visit: Visit, typed: EnterpriseNeedViews.Typed?, failure: FormFailure?, status: HTTPResponse.Status = .ok
    ) -> Response {
        let chosen = typed?.fields ?? []
        let fields = Field.allCases.map { field in
            Check(
                value: field.rawValue, label: Display.field(field, visit.language),
                checked: chosen.contains(field.rawValue))
        }
        let modes = EnterpriseForms.options(
            Need.Mode.allCases.map { ($0.rawValue, visit.text("enterprise.mode.\($0.rawValue)")) },
            selected: typed?.mode ?? Need.Mode.jointDevelopment.rawValue
        )
        let context = EnterpriseNeedViews.Form(
            title: typed?.title, description: typed?.description, budgetMin: typed?.budgetMin,
            budgetMax: typed?.budgetMax, negotiable: typed?.negotiable, deadline: typed?.deadline,
            keywords: typed?.keywords, formError: failure?.formError, errors: failure?.errors, fieldChoices: fields,
            modes: modes, today: Display.date(site.services.database.clock.now()))
        return site.page(
            visit, template: "enterprise-need-form", title: visit.text("enterprise.need.new"), context, status: status)
    }

    func create(_ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try EnterprisePages.enterprise(visit, .listingCreate)
        let form = try await site.form(request, visit)
        let typed = EnterpriseNeedViews.Typed(
            title: form["title"] ?? "", description: form["description"] ?? "", fields: form.all("fields"),
            budgetMin: form["budgetMin"] ?? "", budgetMax: form["budgetMax"] ?? "",
            negotiable: form["negotiable"] != nil,
            deadline: form["deadline"] ?? "", mode: form["mode"] ?? "", keywords: form["keywords"] ?? "")
        return try await EnterpriseForms.attempt(visit) {
            let budget = PriceRange(
                minFen: try EnterpriseForms.fen(form["budgetMin"], field: "budget.minFen"),
                maxFen: try EnterpriseForms.fen(form["budgetMax"], field: "budget.maxFen"),
                negotiable: form["negotiable"] != nil)
            let fields = try form.all("fields").map { try EnterpriseForms.choice($0, field: "fields", as: Field.self) }
            let keywords = (form["keywords"] ?? "").split(whereSeparator: { ",，、;；".contains($0) })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let input = NewNeed(
                title: form["title"] ?? "", description: form["description"] ?? "", fields: fields,
                keywords: keywords, budget: budget,
                deadline: try EnterpriseForms.endOfDay(form["deadline"], field: "deadline"),
                cooperationMode: try EnterpriseForms.choice(form["mode"], field: "mode", as: Need.Mode.self))
            _ = try await site.services.needs.create(input, by: actor)
            return site.redirect("/console/needs?done=created")
        } form: { failure, status in
            self.form(visit, typed: typed, failure: failure, status: status)
        }
    }

    func matches(_ id: Int64, _ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try EnterprisePages.enterprise(visit, .matchView)
        let language = visit.language
        let kinds: [CandidateKind] = [.patent, .achievement, .organisation]
        let kind =
            request.uri.queryParameters["kind"].flatMap { CandidateKind(rawValue: String($0)) }.flatMap {
                kinds.contains($0) ? $0 : nil
            } ?? .patent
        let list = try await site.services.matches.forNeed(id, options: MatchOptions(kind: kind), viewer: actor)
        let need = try await site.services.needs.get(id, viewer: actor)
        let items = list.items.map { match in
            let explanation = match.explanation
            let title =
                explanation.highlights.map { Display.segments($0.title.text, ranges: $0.title.ranges) }
                ?? Display.marking(match.title, terms: explanation.matchedTerms)
            let snippet = explanation.highlights?.snippet.map { Display.segments($0.text, ranges: $0.ranges) } ?? []
            let largest = explanation.parts.map(\.weight).max() ?? 1
            let chart = SVG.bars(
                explanation.parts.map { part in
                    (
                        label: visit.text("enterprise.signal.\(part.signal)"), value: part.contribution,
                        text: String(format: "%.3f", part.contribution)
                    )
                },
                maximum: largest > 0 ? largest : 1, title: "\(visit.text("enterprise.matches.parts")) · \(match.title)"
            )
            let href: String? = match.kind == .organisation ? nil : "/console/\(match.kind.rawValue)s/\(match.id)"
            return EnterpriseNeedViews.Match(
                rank: match.rank, href: href, title: title, snippet: snippet, hasSnippet: !snippet.isEmpty,
                organization: match.organization?.name ?? "", city: language.city(match.city),
                fields: Display.fields(match.fields, language), score: String(format: "%.3f", match.score),
                chart: chart, terms: explanation.matchedTerms.joined(separator: language == .zh ? "、" : ", "),
                dismissed: explanation.dismissed, candidateKind: match.kind.rawValue, candidateId: match.id,
                connect: match.kind == .organisation
                    ? nil : "/console/connections/new?kind=match&need=\(id)&listing=\(match.id)")
        }
        let done = request.uri.queryParameters["done"].flatMap { FeedbackAction(rawValue: String($0)) } != nil
        return site.page(
            visit, template: "enterprise-matches", title: visit.text("enterprise.matches.title"),
            EnterpriseNeedViews.Matches(
                need: need.title, needHref: "/console/needs/\(id)", action: "/console/needs/\(id)/matches",
                feedback: "/console/needs/\(id)/feedback", kind: kind.rawValue, items: items,
                kinds: EnterpriseForms.options(
                    kinds.map { ($0.rawValue, Self.kindLabel($0, visit)) }, selected: kind.rawValue),
                queryTerms: list.queryTerms.isEmpty
                    ? nil : list.queryTerms.joined(separator: language == .zh ? "、" : ", "),
                notice: done ? visit.text("enterprise.matches.recorded") : nil))
    }

    static func kindLabel(_ kind: CandidateKind, _ visit: Visit) -> String {
        kind == .organisation ? visit.text("enterprise.kind.organisation") : visit.text("kind.\(kind.rawValue)")
    }

    /// Records contacted / dismissed / deal on a match, as `POST /v1/matches/feedback` does.
    func feedback(_ id: Int64, _ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try EnterprisePages.enterprise(visit, .matchFeedback)
        let form = try await site.form(request, visit)
        let actions: [FeedbackAction] = [.contacted, .dismissed, .deal]
        guard let action = form["action"].flatMap(FeedbackAction.init(rawValue:)), actions.contains(action),
            let candidateKind = form["candidateKind"].flatMap(CandidateKind.init(rawValue:)),
            let candidateId = form["candidateId"].flatMap(Int64.init)
        else {
            throw DomainError(.malformed, code: "feedback_form", zh: "反馈表单不完整", en: "The feedback form is incomplete")
        }
        _ = try await site.services.feedback.record(
            NewFeedback(
                subjectKind: .need, subjectId: id, candidateKind: candidateKind, candidateId: candidateId,
                action: action), by: actor
        )
        let kind = form["kind"].flatMap(CandidateKind.init(rawValue:)) ?? .patent
        return site.redirect("/console/needs/\(id)/matches?kind=\(kind.rawValue)&done=\(action.rawValue)")
    }
}
