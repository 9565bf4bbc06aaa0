import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Platform

/// The owner's steps on one challenge's desk; a refusal shows the desk again with the message
/// next to the step's form and nothing written (the service checks everything in one transaction).
struct ChallengeOwnerSteps {
    let pages: ChallengeOwnerPages
    var site: Site { pages.site }

    enum Step: String {
        case submit
        case closeApplications = "close_applications"
        case startReview = "start_review"
        case begin, close, cancel, terminate, extend, experts, award
    }

    func run(_ step: Step, _ id: Int64, _ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try ChallengeOwnerPages.owner(visit)
        let form = try await site.form(request, visit)
        try await ownChallenge(id, visit, actor)
        var failure = ChallengeOwnerViews.Failure(
            form: step.rawValue, failure: FormFailure(formError: ""), value: form["value"] ?? "",
            chosen: form.all("applicationIds").compactMap(Int64.init))
        return try await EnterpriseForms.attempt(visit) {
            let challenges = site.services.challenges
            switch step {
            case .experts:
                guard let user = form.text("value").flatMap(Int64.init), user > 0 else {
                    throw EnterpriseForms.invalid(
                        "user_id_invalid", field: "userId", key: "challenge.owner.user_invalid")
                }
                _ = try await challenges.assignExpert(user, to: id, by: actor)
            case .award:
                let chosen = form.all("applicationIds").compactMap(Int64.init)
                _ = try await challenges.transition(
                    id,
                    ChallengeTransition(
                        event: .award, reason: form.text("value"), applicationIds: chosen.isEmpty ? nil : chosen),
                    by: actor)
            case .extend:
                let deadline = try EnterpriseForms.endOfDay(form["value"], field: "deadline")
                _ = try await challenges.transition(
                    id, ChallengeTransition(event: .extend, deadline: deadline), by: actor)
            case .cancel, .terminate:
                let event: ChallengeTransition.Name = step == .cancel ? .cancel : .terminate
                _ = try await challenges.transition(
                    id, ChallengeTransition(event: event, reason: form.text("value")), by: actor)
            case .submit, .closeApplications, .startReview, .begin, .close:
                guard let event = ChallengeTransition.Name(rawValue: step.rawValue) else { throw PublicPages.notFound }
                _ = try await challenges.transition(id, ChallengeTransition(event: event), by: actor)
            }
            return site.redirect("/console/my-challenges/\(id)?done=\(step.rawValue)")
        } form: { refusal, status in
            failure.failure = refusal
            return try await pages.desk(id, visit, failure: failure, status: status)
        }
    }

    /// Accepts or rejects (with a reason) a submitted milestone.
    func decide(_ milestone: Int64, of id: Int64, _ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try ChallengeOwnerPages.owner(visit)
        let form = try await site.form(request, visit)
        try await ownChallenge(id, visit, actor)
        let accept = form["decision"] == "accept"
        var failure = ChallengeOwnerViews.Failure(
            form: "milestone-\(milestone)", failure: FormFailure(formError: ""), value: form["value"] ?? "")
        return try await EnterpriseForms.attempt(visit) {
            _ = try await site.services.challenges.decideMilestone(
                milestone, of: id, MilestoneDecision(accept: accept, reason: accept ? nil : form.text("value") ?? ""),
                by: actor)
            return site.redirect("/console/my-challenges/\(id)?done=\(accept ? "accepted" : "rejected")")
        } form: { refusal, status in
            failure.failure = refusal
            return try await pages.desk(id, visit, failure: failure, status: status)
        }
    }

    /// Another organisation's challenge is not found on these pages (before anything is read from the form).
    func ownChallenge(_ id: Int64, _ visit: Visit, _ actor: Actor) async throws {
        let challenge = try await site.services.challenges.get(id, viewer: actor)
        guard challenge.ownerOrganizationId == actor.organizationID else { throw PublicPages.notFound }
    }
}

/// Reading the drafting form into a `NewChallenge`; what cannot be read is refused on its field.
enum ChallengeOwnerForms {
    static func newChallenge(_ form: Form) throws -> NewChallenge {
        guard let year = form.text("year").flatMap(Int.init) else {
            throw EnterpriseForms.invalid("year_out_of_range", field: "year", key: "challenge.owner.year_invalid")
        }
        let reward = try EnterpriseForms.fen(form["reward"], field: "rewardFen") ?? 0
        let tranches = try (form["tranches"] ?? "").split(whereSeparator: \.isNewline).compactMap {
            line -> Challenge.Tranche? in
            let parts = line.split(whereSeparator: { ",，".contains($0) }).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.contains(where: { !$0.isEmpty }) else { return nil }
            guard parts.count == 2, let amount = try EnterpriseForms.fen(parts[1], field: "tranches") else {
                throw EnterpriseForms.invalid("tranche_line", field: "tranches", key: "challenge.owner.tranche_line")
            }
            return Challenge.Tranche(name: parts[0], amountFen: amount)
        }
        let mode = try EnterpriseForms.choice(form["reviewMode"], field: "reviewMode", as: Challenge.ReviewMode.self)
        var slots: Int?
        if mode == .race {
            guard let given = form.text("raceSlots").flatMap(Int.init) else {
                throw EnterpriseForms.invalid("race_slots", field: "raceSlots", key: "challenge.owner.slots_invalid")
            }
            slots = given
        }
        let lines = { (key: String) in
            (form[key] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        return NewChallenge(
            year: year, title: form["title"] ?? "", description: form["description"] ?? "",
            goals: form["goals"] ?? "", indicators: lines("indicators"),
            fields: try form.all("fields").map { try EnterpriseForms.choice($0, field: "fields", as: Field.self) },
            keywords: (form["keywords"] ?? "").split(whereSeparator: { ",，、;；".contains($0) })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            rewardFen: reward, tranches: tranches,
            deadline: try EnterpriseForms.endOfDay(form["deadline"], field: "deadline"), reviewMode: mode,
            raceSlots: slots)
    }
}
