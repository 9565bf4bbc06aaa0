import Foundation
import GRDB
import Identity
import Kernel
import Store

/// The owner's decision on a milestone (`POST …/milestones/{id}/decision`).
public struct MilestoneDecision: Sendable {
    public var accept: Bool
    public var reason: String?

    public init(accept: Bool, reason: String? = nil) {
        self.accept = accept
        self.reason = reason
    }
}

/// Milestones: the awarded team submits a deliverable for its next tranche; the owner accepts
/// (the tranche becomes payable) or rejects with a reason, and the team may resubmit.
extension ChallengeService {
    public func submitMilestone(
        _ applicationID: Int64, of challengeID: Int64, deliverable: String, by actor: Actor
    ) async throws -> Milestone {
        let text = try Validate.text(deliverable, field: "deliverable", max: ListingRules.summaryMax, multiline: true)
        return try await database.write(as: actor, action: "challenge.submit_milestone") { db, context in
            let challenge = try Self.load(db, challengeID, viewer: actor)
            guard let application = try ChallengeStore.application(db, id: applicationID),
                application.challengeId == challengeID,
                application.status == .awarded
            else { throw ListingsError.applicationNotFound }
            let lead = AccessTarget(organizationID: application.leadOrganizationId, city: actor.city)
            guard
                actor.kind == .system
                    || (actor.organizationID == application.leadOrganizationId
                        && Authorization.allows(actor, .challengeApply, on: lead))
            else {
                throw ListingsError.onlyLeadSubmitsMilestones
            }
            let milestones = try ChallengeStore.milestones(db, challenge: challengeID).filter {
                $0.applicationId == applicationID
            }
            if milestones.contains(where: { $0.status == .submitted }) {
                throw ListingsError.milestonePending
            }
            let accepted = milestones.filter { $0.status == .accepted }.count
            let tranche = accepted + 1
            guard tranche < challenge.tranches.count else {
                throw ListingsError.noTrancheLeft
            }
            var next = challenge
            let move = try Self.move(challenge.state, .submitMilestone, by: [.awardee])
            next.state = move.state
            try Self.apply(move.actions, to: &next, db, now: context.now)
            try db.execute(
                sql: """
                    INSERT INTO challenge_milestones (application_id, tranche_index, deliverable, status, submitted_at)
                    VALUES (?, ?, ?, 'submitted', ?)
                    """,
                arguments: [applicationID, tranche, text, Timestamp.millis(context.now)]
            )
            let id = db.lastInsertedRowID
            try Self.save(db, old: challenge, new: next, now: context.now)
            let milestone = Milestone(
                id: id, applicationId: applicationID, trancheIndex: tranche, deliverable: text, status: .submitted,
                reason: nil, submittedAt: context.now, decidedAt: nil
            )
            return Audited(
                milestone, target: "challenge", id: String(challengeID),
                change: [
                    "milestoneId": .int(id), "applicationId": .int(applicationID), "tranche": .int(Int64(tranche)),
                    "state": ["before": .string(challenge.state.rawValue), "after": .string(next.state.rawValue)],
                ])
        }
    }

    public func decideMilestone(
        _ milestoneID: Int64, of challengeID: Int64, _ decision: MilestoneDecision, by actor: Actor
    ) async throws -> Milestone {
        try await database.write(
            as: actor, action: decision.accept ? "challenge.accept_milestone" : "challenge.reject_milestone"
        ) { db, context in
            let challenge = try Self.load(db, challengeID, viewer: actor)
            let all = try ChallengeStore.milestones(db, challenge: challengeID)
            guard var milestone = all.first(where: { $0.id == milestoneID }) else {
                throw ListingsError.milestoneNotFound
            }
            guard milestone.status == .submitted else {
                throw ListingsError.milestoneDecided(milestone.status)
            }
            let othersPending = all.contains { $0.status == .submitted && $0.id != milestoneID }
            let parties = try Self.parties(db, actor, challenge)
            var next = challenge
            if decision.accept {
                let awardees = try ChallengeStore.applications(db, challenge: challengeID).filter {
                    $0.status == .awarded
                }
                let acceptedAfter = all.filter { $0.status == .accepted }.count + 1
                let allAccepted = acceptedAfter == awardees.count * (challenge.tranches.count - 1)
                let move = try Self.move(
                    challenge.state,
                    .acceptMilestone(
                        application: milestone.applicationId, tranche: milestone.trancheIndex,
                        othersPending: othersPending, allAccepted: allAccepted),
                    by: parties)
                next.state = move.state
                milestone.status = .accepted
                try Self.apply(move.actions, to: &next, db, now: context.now)
            } else {
                milestone.reason = try ChallengeRules.reason(decision.reason)
                let move = try Self.move(challenge.state, .rejectMilestone(othersPending: othersPending), by: parties)
                next.state = move.state
                try Self.apply(move.actions, to: &next, db, now: context.now)
                milestone.status = .rejected
            }
            milestone.decidedAt = context.now
            try db.execute(
                sql: "UPDATE challenge_milestones SET status = ?, reason = ?, decided_at = ? WHERE id = ?",
                arguments: [milestone.status.rawValue, milestone.reason, Timestamp.millis(context.now), milestoneID]
            )
            try Self.save(db, old: challenge, new: next, now: context.now)
            var change: [String: JSONValue] = [
                "milestoneId": .int(milestoneID), "decision": .string(milestone.status.rawValue),
                "state": ["before": .string(challenge.state.rawValue), "after": .string(next.state.rawValue)],
            ]
            if decision.accept { change["payableFen"] = .int(challenge.tranches[milestone.trancheIndex].amountFen) }
            if let reason = milestone.reason { change["reason"] = .string(reason) }
            return Audited(milestone, target: "challenge", id: String(challengeID), change: .object(change))
        }
    }

    public func progress(of challengeID: Int64, viewer: Actor?) async throws -> ChallengeProgress {
        try await database.read { db in
            let challenge = try Self.load(db, challengeID, viewer: viewer)
            // Deliverables and payments are for those involved: owner, administrators, awardees,
            // assigned experts and supervisors.
            var involved = false
            if let viewer {
                involved =
                    try !Self.parties(db, viewer, challenge).isEmpty
                    || Authorization.allows(viewer, .listingSupervise, on: challenge.accessTarget)
                    || (try viewer.userID.map { try Self.isAssigned(db, challengeID, user: $0) } ?? false)
            }
            return ChallengeProgress(
                challenge: challenge,
                allowedEvents: ChallengeStateMachine.allowedEvents(from: challenge.state).map(\.rawValue),
                milestones: involved ? try ChallengeStore.milestones(db, challenge: challengeID) : [],
                payables: involved ? try ChallengeStore.payables(db, challenge: challengeID) : []
            )
        }
    }

    static func save(_ db: Database, old: Challenge, new: Challenge, now: Date) throws {
        var next = new
        next.version = old.version + 1
        next.updatedAt = now
        try ListingStore.update(db, old: old, new: next)
    }
}

/// A challenge with where it stands: the events possible now, milestones and payable tranches.
public struct ChallengeProgress: Sendable {
    public var challenge: Challenge
    public var allowedEvents: [String]
    public var milestones: [Milestone]
    public var payables: [Payable]
}
