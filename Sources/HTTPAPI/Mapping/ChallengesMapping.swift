import Foundation
import Identity
import Kernel
import Listings

// Between the wire types of the challenge routes (generated from openapi.yaml) and Listings'
// own types, both directions with every member. The enums shared with other resources
// (organisation kinds, cities) are mapped here file-privately, as this file's schemas spell them.

extension ChallengeTransition.Name {
    init(_ wire: Components.Schemas.ChallengeTransition.EventPayload) {
        switch wire {
        case .submit: self = .submit
        case .approve: self = .approve
        case .rejectApproval: self = .rejectApproval
        case .closeApplications: self = .closeApplications
        case .extend: self = .extend
        case .startReview: self = .startReview
        case .award: self = .award
        case .begin: self = .begin
        case .close: self = .close
        case .cancel: self = .cancel
        case .terminate: self = .terminate
        }
    }
}

extension Components.Schemas.ChallengeTransition.EventPayload {
    init(_ domain: ChallengeTransition.Name) {
        switch domain {
        case .submit: self = .submit
        case .approve: self = .approve
        case .rejectApproval: self = .rejectApproval
        case .closeApplications: self = .closeApplications
        case .extend: self = .extend
        case .startReview: self = .startReview
        case .award: self = .award
        case .begin: self = .begin
        case .close: self = .close
        case .cancel: self = .cancel
        case .terminate: self = .terminate
        }
    }
}

extension Challenge.ReviewMode {
    init(_ wire: Components.Schemas.ReviewMode) {
        switch wire {
        case .expert: self = .expert
        case .race: self = .race
        }
    }
}

extension Components.Schemas.ReviewMode {
    init(_ domain: Challenge.ReviewMode) {
        switch domain {
        case .expert: self = .expert
        case .race: self = .race
        }
    }
}

extension ChallengeTransition {
    init(_ wire: Components.Schemas.ChallengeTransition) {
        self.init(
            event: Name(wire.event), reason: wire.reason, deadline: wire.deadline, applicationIds: wire.applicationIds)
    }
}

extension Components.Schemas.ChallengeTransition {
    init(_ domain: ChallengeTransition) {
        self.init(
            applicationIds: domain.applicationIds, deadline: domain.deadline, event: EventPayload(domain.event),
            reason: domain.reason)
    }
}

extension NewChallenge {
    init(_ wire: Components.Schemas.NewChallenge) {
        self.init(
            year: Int(wire.year), title: wire.title, description: wire.description, goals: wire.goals,
            indicators: wire.indicators, fields: wire.fields.map { Field($0) }, keywords: wire.keywords,
            rewardFen: wire.rewardFen,
            tranches: wire.tranches.map(Challenge.Tranche.init),
            deadline: wire.deadline,
            eligibility: wire.eligibility.map(Challenge.Eligibility.init),
            reviewMode: Challenge.ReviewMode(wire.reviewMode), raceSlots: wire.raceSlots.map { Int($0) },
            criteria: wire.criteria?.map(ScoringCriterion.init),
            externalRef: wire.externalRef, ownerOrganizationId: wire.ownerOrganizationId
        )
    }
}

extension Components.Schemas.NewChallenge {
    init(_ domain: NewChallenge) {
        self.init(
            criteria: domain.criteria?.map(Components.Schemas.ScoringCriterion.init),
            deadline: domain.deadline, description: domain.description,
            eligibility: domain.eligibility.map(Components.Schemas.ChallengeEligibility.init),
            externalRef: domain.externalRef, fields: domain.fields.map { Components.Schemas.FieldCode($0) },
            goals: domain.goals, indicators: domain.indicators, keywords: domain.keywords,
            ownerOrganizationId: domain.ownerOrganizationId, raceSlots: domain.raceSlots.map { Int64($0) },
            reviewMode: Components.Schemas.ReviewMode(domain.reviewMode), rewardFen: domain.rewardFen,
            title: domain.title,
            tranches: domain.tranches.map(Components.Schemas.Tranche.init),
            year: Int64(domain.year)
        )
    }
}

extension Challenge.Tranche {
    init(_ wire: Components.Schemas.Tranche) {
        self.init(name: wire.name, amountFen: wire.amountFen)
    }
}

extension Components.Schemas.Tranche {
    init(_ domain: Challenge.Tranche) {
        self.init(amountFen: domain.amountFen, name: domain.name)
    }
}

extension Challenge.Eligibility {
    init(_ wire: Components.Schemas.ChallengeEligibility) {
        self.init(
            organizationKinds: wire.organizationKinds.map(OrganizationKind.init), cities: wire.cities.map(CityCode.init)
        )
    }
}

extension Components.Schemas.ChallengeEligibility {
    init(_ domain: Challenge.Eligibility) {
        self.init(
            cities: domain.cities.map(Components.Schemas.CityCode.init),
            organizationKinds: domain.organizationKinds.map(Components.Schemas.OrganizationKind.init))
    }
}

extension ScoringCriterion {
    init(_ wire: Components.Schemas.ScoringCriterion) {
        self.init(name: wire.name, weight: Int(wire.weight))
    }
}

extension Components.Schemas.ScoringCriterion {
    init(_ domain: ScoringCriterion) {
        self.init(name: domain.name, weight: Int64(domain.weight))
    }
}

extension ChallengeApplication.TeamMember {
    init(_ wire: Components.Schemas.TeamMember) {
        self.init(name: wire.name, role: wire.role, title: wire.title)
    }
}

extension Components.Schemas.TeamMember {
    init(_ domain: ChallengeApplication.TeamMember) {
        self.init(name: domain.name, role: domain.role, title: domain.title)
    }
}

extension NewChallengeApplication {
    init(_ wire: Components.Schemas.NewChallengeApplication) {
        self.init(
            partnerOrganizationIds: wire.partnerOrganizationIds, plan: wire.plan, budgetFen: wire.budgetFen,
            team: wire.team.map { ChallengeApplication.TeamMember($0) }, leadOrganizationId: wire.leadOrganizationId
        )
    }
}

extension Components.Schemas.NewChallengeApplication {
    init(_ domain: NewChallengeApplication) {
        self.init(
            budgetFen: domain.budgetFen, leadOrganizationId: domain.leadOrganizationId,
            partnerOrganizationIds: domain.partnerOrganizationIds, plan: domain.plan,
            team: domain.team.map { Components.Schemas.TeamMember($0) }
        )
    }
}

extension ScoreSheet {
    init(_ wire: Components.Schemas.ScoreSheet) {
        self.init(
            scores: wire.scores.map { Score(criterion: $0.criterion, score: Int($0.score), comment: $0.comment) },
            declaresNoConflict: wire.declaresNoConflict)
    }
}

extension Components.Schemas.ScoreSheet {
    init(_ domain: ScoreSheet) {
        self.init(
            declaresNoConflict: domain.declaresNoConflict,
            scores: domain.scores.map {
                ScoresPayloadPayload(comment: $0.comment, criterion: $0.criterion, score: Int64($0.score))
            })
    }
}

extension MilestoneDecision {
    init(_ wire: Components.Schemas.MilestoneDecision) {
        self.init(accept: wire.accept, reason: wire.reason)
    }
}

extension Components.Schemas.MilestoneDecision {
    init(_ domain: MilestoneDecision) {
        self.init(accept: domain.accept, reason: domain.reason)
    }
}

extension ChallengeStateMachine.State {
    init(_ wire: Components.Schemas.Challenge.StatePayload) {
        switch wire {
        case .draft: self = .draft
        case .pendingApproval: self = .pendingApproval
        case .published: self = .published
        case .applicationsClosed: self = .applicationsClosed
        case .underReview: self = .underReview
        case .awarded: self = .awarded
        case .inProgress: self = .inProgress
        case .milestoneUnderReview: self = .milestoneUnderReview
        case .accepted: self = .accepted
        case .closed: self = .closed
        case .cancelled: self = .cancelled
        case .terminated: self = .terminated
        }
    }
}

extension Components.Schemas.Challenge.StatePayload {
    init(_ domain: ChallengeStateMachine.State) {
        switch domain {
        case .draft: self = .draft
        case .pendingApproval: self = .pendingApproval
        case .published: self = .published
        case .applicationsClosed: self = .applicationsClosed
        case .underReview: self = .underReview
        case .awarded: self = .awarded
        case .inProgress: self = .inProgress
        case .milestoneUnderReview: self = .milestoneUnderReview
        case .accepted: self = .accepted
        case .closed: self = .closed
        case .cancelled: self = .cancelled
        case .terminated: self = .terminated
        }
    }
}

extension ChallengeApplication.Status {
    init(_ wire: Components.Schemas.ChallengeApplication.StatusPayload) {
        switch wire {
        case .submitted: self = .submitted
        case .withdrawn: self = .withdrawn
        case .awarded: self = .awarded
        case .notAwarded: self = .notAwarded
        }
    }
}

extension Components.Schemas.ChallengeApplication.StatusPayload {
    init(_ domain: ChallengeApplication.Status) {
        switch domain {
        case .submitted: self = .submitted
        case .withdrawn: self = .withdrawn
        case .awarded: self = .awarded
        case .notAwarded: self = .notAwarded
        }
    }
}

extension Milestone.Status {
    init(_ wire: Components.Schemas.Milestone.StatusPayload) {
        switch wire {
        case .submitted: self = .submitted
        case .accepted: self = .accepted
        case .rejected: self = .rejected
        }
    }
}

extension Components.Schemas.Milestone.StatusPayload {
    init(_ domain: Milestone.Status) {
        switch domain {
        case .submitted: self = .submitted
        case .accepted: self = .accepted
        case .rejected: self = .rejected
        }
    }
}

extension Components.Schemas.Challenge.ModerationPayload: WireModeration {}

extension Components.Schemas.Challenge {
    init(_ domain: Challenge) {
        self.init(
            city: Components.Schemas.CityCode(domain.city), createdAt: domain.createdAt,
            criteria: domain.criteria?.map(Components.Schemas.ScoringCriterion.init),
            deadline: domain.deadline, description: domain.description,
            eligibility: Components.Schemas.ChallengeEligibility(domain.eligibility),
            extended: domain.extended, externalRef: domain.externalRef,
            fields: domain.fields.map { Components.Schemas.FieldCode($0) }, goals: domain.goals, id: domain.id,
            indicators: domain.indicators, keywords: domain.keywords,
            moderation: domain.moderation.map { ModerationPayload($0) },
            ownerOrganizationId: domain.ownerOrganizationId, raceSlots: domain.raceSlots.map { Int64($0) },
            reasons: ReasonsPayload(additionalProperties: domain.reasons),
            reviewMode: Components.Schemas.ReviewMode(domain.reviewMode),
            reward: Components.Schemas.Money(domain.reward),
            state: StatePayload(domain.state), title: domain.title,
            tranches: domain.tranches.map(Components.Schemas.Tranche.init),
            updatedAt: domain.updatedAt, version: domain.version, year: Int64(domain.year)
        )
    }
}

extension Components.Schemas.ChallengeApplication {
    init(_ domain: ChallengeApplication) {
        self.init(
            averageScore: domain.averageScore, budgetFen: domain.budgetFen, challengeId: domain.challengeId,
            createdAt: domain.createdAt, id: domain.id, leadOrganizationId: domain.leadOrganizationId,
            partnerOrganizationIds: domain.partnerOrganizationIds, plan: domain.plan,
            status: StatusPayload(domain.status), team: domain.team.map { Components.Schemas.TeamMember($0) },
            updatedAt: domain.updatedAt
        )
    }
}

extension Components.Schemas.Milestone {
    init(_ domain: Milestone) {
        self.init(
            applicationId: domain.applicationId, decidedAt: domain.decidedAt, deliverable: domain.deliverable,
            id: domain.id, reason: domain.reason, status: StatusPayload(domain.status),
            submittedAt: domain.submittedAt, trancheIndex: Int64(domain.trancheIndex)
        )
    }
}

extension Components.Schemas.Payable {
    init(_ domain: Payable) {
        self.init(
            amount: Components.Schemas.Money(domain.amount),
            applicationId: domain.applicationId, recordedAt: domain.recordedAt,
            trancheIndex: Int64(domain.trancheIndex)
        )
    }
}

extension Components.Schemas.ChallengeProgress {
    init(_ domain: ChallengeProgress) {
        self.init(
            allowedEvents: domain.allowedEvents, challenge: Components.Schemas.Challenge(domain.challenge),
            milestones: domain.milestones.map { Components.Schemas.Milestone($0) },
            payables: domain.payables.map { Components.Schemas.Payable($0) }
        )
    }
}

extension Components.Schemas.ChallengeExpert {
    init(_ domain: ChallengeExpert) {
        self.init(challengeId: domain.challengeId, organizationId: domain.organizationId, userId: domain.userId)
    }
}

extension Components.Schemas.ConflictDeclaration {
    init(_ domain: ConflictDeclaration) {
        self.init(
            applicationId: domain.applicationId, conflict: domain.conflict, declaredAt: domain.declaredAt,
            expertUserId: domain.expertUserId, note: domain.note)
    }
}
