import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Platform

/// An expert's own review pages (issue 18): the applications of the challenges they are
/// assigned to, and for each a conflict-of-interest declaration and the score sheet — through
/// `ChallengeService` as `/v1/challenges/{id}/applications/{a}/…` calls it. An application of a
/// challenge the visitor is not assigned to is not found (404), whoever asks.
struct ExpertReviewPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("reviews") { request, context in
            await site.handle(request, context) { visit in try await list(visit) }
        }
        console.get("reviews/:challenge/:application") { request, context in
            await site.handle(request, context) { visit in
                let (challenge, application) = try Self.ids(context)
                let done = request.uri.queryParameters["done"].map(String.init)
                return try await review(
                    challenge, application, visit, notice: done.map { visit.text("review.done.\($0)") })
            }
        }
        console.post("reviews/:challenge/:application/:step") { request, context in
            await site.handle(request, context) { visit in
                let (challenge, application) = try Self.ids(context)
                guard let step = context.parameters.get("step"), ["scores", "conflict"].contains(step) else {
                    throw PublicPages.notFound
                }
                return try await submit(step, challenge, application, request, visit)
            }
        }
    }

    static func ids(_ context: AppRequestContext) throws -> (Int64, Int64) {
        guard let challenge = context.parameters.get("challenge").flatMap(Int64.init),
            let application = context.parameters.get("application").flatMap(Int64.init)
        else { throw PublicPages.notFound }
        return (challenge, application)
    }

    static let declarable: Set<ChallengeStateMachine.State> = [.published, .applicationsClosed, .underReview]

    /// Refusals an expert can act on, shown next to the form rather than as a bare 403 page.
    static let inline: Set<String> = ["conflict_of_interest", "not_assigned"]

    func list(_ visit: Visit) async throws -> Response {
        let (_, actor) = try visit.signedIn()
        let challenges = site.services.challenges
        var groups: [ExpertReviewViews.Group] = []
        for id in try await challenges.assignedChallengeIDs(viewer: actor) {
            let challenge: Challenge, applications: [ChallengeApplication]
            do {
                challenge = try await challenges.get(id, viewer: actor)
                applications = try await challenges.applications(of: id, viewer: actor)
            } catch let error as DomainError where error.kind == .notFound {
                continue
            }
            let declarations = try await challenges.conflictDeclarations(of: id, viewer: actor)
            let names = await DealPages.names(site, applications.map(\.leadOrganizationId), actor)
            let rows = applications.filter { $0.status == .submitted || $0.status == .awarded }.map { application in
                ExpertReviewViews.Row(
                    href: "/console/reviews/\(id)/\(application.id)", lead: names[application.leadOrganizationId] ?? "",
                    status: visit.text("university.application.\(application.status.rawValue)"),
                    declaration: Self.declaration(declarations[application.id], visit),
                    score: application.averageScore.map { String(format: "%.2f", $0) } ?? "—")
            }
            groups.append(
                ExpertReviewViews.Group(
                    title: challenge.title, href: "/console/challenges/\(id)",
                    state: visit.text("state.\(challenge.state.rawValue)"), rows: rows, hasRows: !rows.isEmpty))
        }
        return site.page(
            visit, template: "expert-reviews", title: visit.text("review.title"),
            ExpertReviewViews.List(groups: groups, hasGroups: !groups.isEmpty))
    }

    static func declaration(_ declaration: ConflictDeclaration?, _ visit: Visit) -> String {
        switch declaration?.conflict {
        case true?: visit.text("review.declared.conflict")
        case false?: visit.text("review.declared.none")
        case nil: visit.text("review.declared.not_yet")
        }
    }

    /// The application as the assigned expert sees it, or 404 for anyone else.
    func assigned(
        _ challengeID: Int64, _ applicationID: Int64, _ actor: Actor
    ) async throws -> (
        Challenge, ChallengeApplication
    ) {
        let challenges = site.services.challenges
        guard try await challenges.assignedChallengeIDs(viewer: actor).contains(challengeID) else {
            throw PublicPages.notFound
        }
        let challenge = try await challenges.get(challengeID, viewer: actor)
        guard
            let application = try await challenges.applications(of: challengeID, viewer: actor).first(where: {
                $0.id == applicationID
            })
        else { throw PublicPages.notFound }
        return (challenge, application)
    }

    func review(
        _ challengeID: Int64, _ applicationID: Int64, _ visit: Visit, notice: String? = nil,
        failure: ExpertReviewViews.Failure? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (_, actor) = try visit.signedIn()
        let (challenge, application) = try await assigned(challengeID, applicationID, actor)
        let declaration = try await site.services.challenges.conflictDeclarations(of: challengeID, viewer: actor)[
            applicationID]
        let names = await DealPages.names(site, [application.leadOrganizationId], actor)
        let open = challenge.state == .underReview && application.status == .submitted && declaration?.conflict != true
        let base = "/console/reviews/\(challengeID)/\(applicationID)"
        let typedScores = failure?.scores ?? []
        let criteria = challenge.scoringCriteria.enumerated().map { index, criterion in
            ExpertReviewViews.Criterion(
                index: index, name: criterion.name, weight: criterion.weight,
                score: index < typedScores.count ? typedScores[index] : "")
        }
        let view = ExpertReviewViews.Review(
            challenge: challenge.title, challengeHref: "/console/challenges/\(challengeID)",
            state: visit.text("state.\(challenge.state.rawValue)"), lead: names[application.leadOrganizationId] ?? "",
            plan: application.plan, budget: Language.yuan(application.budgetFen),
            team: application.team.map { member in
                [member.name, member.role, member.title].compactMap { $0 }.joined(separator: " · ")
            },
            declaration: Self.declaration(declaration, visit), notice: notice,
            score: open
                ? ExpertReviewViews.StepForm(
                    action: "\(base)/scores",
                    errors: failure?.step == "scores" ? failure?.failure.errors ?? .empty : nil,
                    formError: failure?.step == "scores" ? failure?.failure.formError : nil) : nil,
            criteria: criteria,
            conflict: declaration?.conflict != true
                && Self.declarable.contains(challenge.state)
                ? ExpertReviewViews.StepForm(
                    action: "\(base)/conflict",
                    errors: failure?.step == "conflict" ? failure?.failure.errors ?? .empty : nil,
                    formError: failure?.step == "conflict" ? failure?.failure.formError : nil) : nil,
            comment: failure?.comment ?? "", note: failure?.note ?? "",
            waiting: challenge.state != .underReview && declaration?.conflict != true)
        return site.page(visit, template: "expert-review", title: visit.text("review.one"), view, status: status)
    }

    func submit(
        _ step: String, _ challengeID: Int64, _ applicationID: Int64, _ request: Request, _ visit: Visit
    ) async throws -> Response {
        let (_, actor) = try visit.signedIn()
        let form = try await site.form(request, visit)
        let (challenge, _) = try await assigned(challengeID, applicationID, actor)
        let failure = ExpertReviewViews.Failure(
            step: step, failure: FormFailure(formError: ""), scores: form.all("score"),
            comment: form["comment"] ?? "", note: form["note"] ?? "")
        return try await EnterpriseForms.attempt(visit, inline: Self.inline) {
            let challenges = site.services.challenges
            if step == "conflict" {
                _ = try await challenges.declareConflict(
                    applicationID, of: challengeID, conflict: true, note: form.text("note"), by: actor)
                return site.redirect("/console/reviews/\(challengeID)/\(applicationID)?done=conflict")
            }
            let scores = try challenge.scoringCriteria.enumerated().map { index, criterion -> ScoreSheet.Score in
                let typed = form.all("score")
                guard index < typed.count, let score = Int(typed[index].trimmingCharacters(in: .whitespaces)) else {
                    throw EnterpriseForms.invalid(
                        "score_out_of_range", field: "scores", key: "review.score_invalid")
                }
                return ScoreSheet.Score(
                    criterion: criterion.name, score: score, comment: index == 0 ? form.text("comment") : nil)
            }
            _ = try await challenges.score(
                applicationID, of: challengeID,
                ScoreSheet(scores: scores, declaresNoConflict: form["declaresNoConflict"] == "yes"), by: actor)
            return site.redirect("/console/reviews/\(challengeID)/\(applicationID)?done=scored")
        } form: { refusal, status in
            var failed = failure
            failed.failure = refusal
            return try await review(challengeID, applicationID, visit, failure: failed, status: status)
        }
    }
}

/// The view models of the expert's pages (expert-reviews.mustache, expert-review.mustache).
enum ExpertReviewViews {
    struct List: Sendable {
        let groups: [Group]
        let hasGroups: Bool
    }

    struct Group: Sendable {
        let title: String
        let href: String
        let state: String
        let rows: [Row]
        let hasRows: Bool
    }

    struct Row: Sendable {
        let href: String
        let lead: String
        let status: String
        let declaration: String
        let score: String
    }

    struct Failure: Sendable {
        var step: String
        var failure: FormFailure
        var scores: [String]
        var comment: String
        var note: String
    }

    struct StepForm: Sendable {
        let action: String
        let errors: FieldErrors?
        let formError: String?
    }

    struct Criterion: Sendable {
        let index: Int
        let name: String
        let weight: Int
        let score: String
    }

    struct Review: Sendable {
        let challenge: String
        let challengeHref: String
        let state: String
        let lead: String
        let plan: String
        let budget: String
        let team: [String]
        let declaration: String
        let notice: String?
        let score: StepForm?
        let criteria: [Criterion]
        let conflict: StepForm?
        let comment: String
        let note: String
        let waiting: Bool
    }
}
