import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Platform
import Store

/// The organisation's 揭榜 applications and, for awarded ones, the tranches, milestones and
/// the milestone form — through `ChallengeService` as `/v1/challenges/:id/...` calls it.
struct UniversityApplicationPages {
    let site: Site

    /// A refused milestone form, shown again on its application.
    struct Failure {
        var application: Int64
        var errors: FormFailure
        var deliverable: String
    }

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("applications") { request, context in
            await site.handle(request, context) { visit in
                let sent = request.uri.queryParameters["sent"].flatMap { Int64(String($0)) }
                let withdrawn = request.uri.queryParameters["withdrawn"] != nil
                return try await list(visit, sent: sent, failure: nil, withdrawn: withdrawn)
            }
        }
        console.post("applications/:challenge/:application/withdraw") { request, context in
            await site.handle(request, context) { visit in
                guard let challenge = context.parameters.get("challenge").flatMap(Int64.init),
                    let application = context.parameters.get("application").flatMap(Int64.init)
                else { throw PublicPages.notFound }
                return try await withdraw(challenge, application, request, visit)
            }
        }
        console.post("applications/:challenge/:application/milestones") { request, context in
            await site.handle(request, context) { visit in
                guard let challenge = context.parameters.get("challenge").flatMap(Int64.init),
                    let application = context.parameters.get("application").flatMap(Int64.init)
                else { throw PublicPages.notFound }
                return try await submit(challenge, application, request, visit)
            }
        }
    }

    /// A university, institute or lab user who may apply for the organisation (403 otherwise).
    static func applicant(_ visit: Visit) throws -> (Principal, Actor) {
        let (principal, actor) = try UniversityPages.member(visit)
        guard Authorization.allows(actor, .challengeApply, on: UniversityPages.own(principal)) else {
            throw DomainError.forbidden
        }
        return (principal, actor)
    }

    func list(
        _ visit: Visit, sent: Int64?, failure: Failure?, withdrawn: Bool = false, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (principal, actor) = try Self.applicant(visit)
        let organization = principal.organizationID
        // Which challenges the organisation led an application to; what it may see of each is
        // the service's answer, as for the API.
        let challengeIDs = try await site.services.challenges.appliedChallengeIDs(ledBy: organization, viewer: actor)
        var items: [UniversityViews.Application] = []
        for id in challengeIDs {
            let progress: ChallengeProgress, applications: [ChallengeApplication]
            do {
                progress = try await site.services.challenges.progress(of: id, viewer: actor)
                applications = try await site.services.challenges.applications(of: id, viewer: actor)
            } catch let error as DomainError where error.kind == .notFound {
                continue
            }
            for application in applications where application.leadOrganizationId == organization {
                items.append(
                    item(application, progress, actor: actor, principal: principal, visit: visit, failure: failure))
            }
        }
        func listed(_ id: Int64?) -> Bool { items.contains { $0.id == id } }
        let notice =
            listed(sent)
            ? visit.text("university.applications.sent")
            : withdrawn ? visit.text("university.applications.withdrawn") : nil
        // A refusal shows on its application; one about an application not listed, at the top.
        let formError = listed(failure?.application) ? nil : failure?.errors.formError
        return site.page(
            visit, template: "university-applications", title: visit.text("university.applications.title"),
            UniversityViews.Applications(applications: items, notice: notice, formError: formError), status: status)
    }

    func item(
        _ application: ChallengeApplication, _ progress: ChallengeProgress, actor: Actor, principal: Principal,
        visit: Visit, failure: Failure?
    ) -> UniversityViews.Application {
        let challenge = progress.challenge
        let milestones = progress.milestones.filter { $0.applicationId == application.id }
        let payable = Set(progress.payables.filter { $0.applicationId == application.id }.map(\.trancheIndex))
        let awarded = application.status == .awarded
        let pending = milestones.contains { $0.status == .submitted }
        let allowed = Authorization.allows(actor, .challengeApply, on: UniversityPages.own(principal))
        let canSubmit = awarded && !pending && progress.allowedEvents.contains("submit_milestone") && allowed
        // As the service decides: a submitted application, while the challenge takes applications.
        let canWithdraw =
            allowed && application.status == .submitted && challenge.state == .published
            && Date() < challenge.deadline
        // A refusal about another form leaves this one's summary empty (not the page's summary).
        let failed = failure.flatMap { $0.application == application.id ? $0 : nil }
        return UniversityViews.Application(
            id: application.id, title: challenge.title, href: "/console/challenges/\(challenge.id)",
            status: visit.text("university.application.\(application.status.rawValue)"),
            state: visit.text("state.\(challenge.state.rawValue)"), budget: Language.yuan(application.budgetFen),
            score: application.averageScore.map { String(format: "%.2f", $0) } ?? "—",
            submitted: Display.date(application.createdAt), awarded: awarded, pending: awarded && pending,
            tranches: challenge.tranches.enumerated().map { index, tranche in
                UniversityViews.Tranche(
                    name: tranche.name, amount: Language.yuan(tranche.amountFen), payable: payable.contains(index))
            },
            milestones: milestones.map { milestone in
                UniversityViews.Milestone(
                    tranche: milestone.trancheIndex < challenge.tranches.count
                        ? challenge.tranches[milestone.trancheIndex].name : String(milestone.trancheIndex),
                    deliverable: milestone.deliverable,
                    status: visit.text("university.milestone.\(milestone.status.rawValue)"),
                    reason: milestone.reason, date: Display.date(milestone.submittedAt))
            },
            hasMilestones: !milestones.isEmpty,
            action: canSubmit ? "/console/applications/\(challenge.id)/\(application.id)/milestones" : nil,
            withdraw: canWithdraw ? "/console/applications/\(challenge.id)/\(application.id)/withdraw" : nil,
            errors: failed?.errors.errors, formError: RowMessage(text: failed?.errors.formError),
            deliverable: failed?.deliverable)
    }

    /// Withdraws a submitted application; a refusal (the deadline passed, already decided) shows
    /// on its application, and nothing is written.
    func withdraw(_ challenge: Int64, _ application: Int64, _ request: Request, _ visit: Visit) async throws -> Response
    {
        let (_, actor) = try Self.applicant(visit)
        _ = try await site.form(request, visit)
        do {
            _ = try await site.services.challenges.withdraw(application, from: challenge, by: actor)
            return site.redirect("/console/applications?withdrawn=1")
        } catch let error as DomainError where [.invalid, .conflict].contains(error.kind) {
            let failure = Failure(application: application, errors: FormErrors.context(error, visit), deliverable: "")
            return try await list(visit, sent: nil, failure: failure, status: .conflict)
        }
    }

    func submit(_ challenge: Int64, _ application: Int64, _ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try Self.applicant(visit)
        let form = try await site.form(request, visit)
        let deliverable = form["deliverable"] ?? ""
        // As FormErrors.attempt, but the form is shown again inside the list, which is read
        // asynchronously.
        do {
            _ = try await site.services.challenges.submitMilestone(
                application, of: challenge, deliverable: deliverable, by: actor)
            return site.redirect("/console/applications?sent=\(application)#application-\(application)")
        } catch let error as DomainError where [.invalid, .conflict, .malformed].contains(error.kind) {
            let failure = Failure(
                application: application, errors: FormErrors.context(error, visit), deliverable: deliverable)
            return try await list(visit, sent: nil, failure: failure, status: .unprocessableContent)
        }
    }
}
