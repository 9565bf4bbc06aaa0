import Foundation
import Kernel
import Listings

/// The view models of a challenge owner's pages: the list (challenge-owner-list.mustache), the
/// drafting form (challenge-owner-form.mustache) and one challenge's desk (challenge-owner.mustache).
enum ChallengeOwnerViews {
    struct List: Sendable {
        let items: [Row]
        let hasItems: Bool
    }

    struct Row: Sendable {
        let href: String
        let title: String
        let year: Int
        let reward: String
        let deadline: String
        let state: String
        let mode: String
    }

    /// What was typed into the drafting form, shown again after a refusal.
    struct Typed: Sendable {
        var title = ""
        var year = ""
        var description = ""
        var goals = ""
        var indicators = ""
        var fields: [String] = []
        var keywords = ""
        var reward = ""
        var tranches = ""
        var deadline = ""
        var reviewMode = "expert"
        var raceSlots = ""
    }

    struct Form: Sendable {
        var typed: Typed
        let fieldChoices: [Check]
        let modes: [Choice]
        let formError: String?
        let errors: FieldErrors?
        let today: String
    }

    /// A refused step: which form, its errors, and what was typed into it.
    struct Failure: Sendable {
        var form: String
        var failure: FormFailure
        var value = ""
        var chosen: [Int64] = []
    }

    /// One step's form on the desk: where it posts, its refusal if it was the one refused, what was typed.
    struct StepForm: Sendable {
        let action: String
        let label: String
        let errors: FieldErrors?
        let formError: String?
        let value: String
    }

    struct Fact: Sendable {
        let label: String
        let text: String
    }

    struct Expert: Sendable {
        let userId: Int64
        let organization: String
    }

    struct Application: Sendable {
        let id: Int64
        let lead: String
        let plan: String
        let budget: String
        let team: String
        let status: String
        let score: String
        let choosable: Bool
        let chosen: Bool
    }

    struct Tranche: Sendable {
        let name: String
        let amount: String
        let payableTo: String
    }

    struct Milestone: Sendable {
        let id: Int64
        let lead: String
        let tranche: String
        let deliverable: String
        let status: String
        let reason: String?
        let submitted: String
        let accept: String?
        let reject: StepForm?
    }

    struct Desk: Sendable {
        let title: String
        let publicHref: String
        let facts: [Fact]
        let reasons: [Fact]
        let notice: String?
        let formError: String?
        let steps: [StepForm]
        let extend: StepForm?
        let stop: StepForm?
        let assign: StepForm?
        let experts: [Expert]
        let hasExperts: Bool
        let applications: [Application]
        let hasApplications: Bool
        let award: StepForm?
        let tranches: [Tranche]
        let milestones: [Milestone]
        let hasMilestones: Bool
        let minDeadline: String
    }

    /// Steps that take no input, in the order a challenge meets them.
    static let plainSteps: [ChallengeStateMachine.EventName] = [
        .submit, .closeApplications, .startReview, .begin, .close,
    ]

    static func desk(
        _ progress: ChallengeProgress, applications: [ChallengeApplication], experts: [ChallengeExpert],
        names: [Int64: String], visit: Visit, notice: String?, failure: Failure?
    ) -> Desk {
        let challenge = progress.challenge
        let base = "/console/my-challenges/\(challenge.id)"
        let allowed = Set(progress.allowedEvents)
        func form(_ step: String, label: String, value: String = "") -> StepForm {
            let failed = failure?.form == step ? failure : nil
            return StepForm(
                action: "\(base)/\(step)", label: label, errors: failed.map { $0.failure.errors ?? .empty },
                formError: failed?.failure.formError, value: failed?.value ?? value)
        }
        let lead = { (application: Int64) -> String in
            guard let found = applications.first(where: { $0.id == application }) else { return "#\(application)" }
            return names[found.leadOrganizationId] ?? "#\(found.leadOrganizationId)"
        }
        let canAward = allowed.contains("award")
        let chosen = Set(failure?.form == "award" ? failure?.chosen ?? [] : [])
        let deciding = allowed.contains("accept_milestone")
        let stopEvent = allowed.contains("cancel") ? "cancel" : (allowed.contains("terminate") ? "terminate" : nil)
        let assignable: Set<ChallengeStateMachine.State> = [.published, .applicationsClosed, .underReview]
        var facts = [
            Fact(label: visit.text("listing.state"), text: visit.text("state.\(challenge.state.rawValue)")),
            Fact(label: visit.text("listing.reward"), text: Language.yuan(challenge.reward.fen)),
            Fact(label: visit.text("listing.deadline"), text: Display.date(challenge.deadline)),
            Fact(
                label: visit.text("challenge.owner.mode"),
                text: visit.text("challenge.mode.\(challenge.reviewMode.rawValue)")
                    + (challenge.reviewMode == .race ? " · \(challenge.raceSlots ?? 1)" : "")),
        ]
        if challenge.extended { facts.append(Fact(label: visit.text("challenge.owner.extended"), text: "✓")) }
        let payables = progress.payables
        return Desk(
            title: challenge.title, publicHref: "/console/challenges/\(challenge.id)", facts: facts,
            reasons: challenge.reasons.sorted { $0.key < $1.key }.map {
                Fact(label: visit.text("challenge.owner.reason.\($0.key)"), text: $0.value)
            },
            notice: notice,
            formError: failure.flatMap { failed in
                // A refusal of a step without its own form (or of a vanished one) shows at the top.
                plainSteps.map(\.rawValue).contains(failed.form) ? failed.failure.formError : nil
            },
            steps: plainSteps.filter { allowed.contains($0.rawValue) }.map {
                form($0.rawValue, label: visit.text("challenge.owner.step.\($0.rawValue)"))
            },
            extend: allowed.contains("extend") && !challenge.extended
                ? form("extend", label: visit.text("challenge.owner.step.extend")) : nil,
            stop: stopEvent.map { form($0, label: visit.text("challenge.owner.step.\($0)")) },
            assign: assignable.contains(challenge.state)
                ? form("experts", label: visit.text("challenge.owner.step.experts")) : nil,
            experts: experts.map { Expert(userId: $0.userId, organization: names[$0.organizationId] ?? "") },
            hasExperts: !experts.isEmpty,
            applications: applications.map { application in
                Application(
                    id: application.id, lead: names[application.leadOrganizationId] ?? "",
                    plan: application.plan, budget: Language.yuan(application.budgetFen),
                    team: application.team.map(\.name).joined(separator: visit.language == .zh ? "、" : ", "),
                    status: visit.text("university.application.\(application.status.rawValue)"),
                    score: application.averageScore.map { String(format: "%.2f", $0) } ?? "—",
                    choosable: canAward && application.status == .submitted,
                    chosen: chosen.contains(application.id))
            },
            hasApplications: !applications.isEmpty,
            award: canAward ? form("award", label: visit.text("challenge.owner.step.award")) : nil,
            tranches: challenge.tranches.enumerated().map { index, tranche in
                Tranche(
                    name: tranche.name, amount: Language.yuan(tranche.amountFen),
                    payableTo: payables.filter { $0.trancheIndex == index }.map { lead($0.applicationId) }
                        .joined(separator: visit.language == .zh ? "、" : ", "))
            },
            milestones: progress.milestones.map { milestone in
                let open = deciding && milestone.status == .submitted
                let step = "milestone-\(milestone.id)"
                let failed = failure?.form == step ? failure : nil
                return Milestone(
                    id: milestone.id, lead: lead(milestone.applicationId),
                    tranche: milestone.trancheIndex < challenge.tranches.count
                        ? challenge.tranches[milestone.trancheIndex].name : String(milestone.trancheIndex),
                    deliverable: milestone.deliverable,
                    status: visit.text("university.milestone.\(milestone.status.rawValue)"), reason: milestone.reason,
                    submitted: Display.date(milestone.submittedAt),
                    accept: open ? "\(base)/milestones/\(milestone.id)" : nil,
                    reject: open
                        ? StepForm(
                            action: "\(base)/milestones/\(milestone.id)",
                            label: visit.text("challenge.owner.milestone.reject"),
                            errors: failed.map { $0.failure.errors ?? .empty }, formError: failed?.failure.formError,
                            value: failed?.value ?? "") : nil)
            },
            hasMilestones: !progress.milestones.isEmpty,
            minDeadline: Display.date(challenge.deadline))
    }
}
