import Kernel
import Listings
import Matching

// Between the wire types of the matching routes (generated from openapi.yaml) and Matching's
// own types, both directions with every member.

extension CandidateKind {
    init(_ wire: Components.Schemas.MatchQuery.KindPayload) {
        switch wire {
        case .patent: self = .patent
        case .achievement: self = .achievement
        case .need: self = .need
        case .organisation: self = .organisation
        }
    }
}

extension Components.Schemas.MatchQuery.KindPayload {
    init(_ domain: CandidateKind) {
        switch domain {
        case .patent: self = .patent
        case .achievement: self = .achievement
        case .need: self = .need
        case .organisation: self = .organisation
        }
    }
}

extension CandidateKind {
    init(_ wire: Components.Schemas.NewFeedback.SubjectKindPayload) {
        switch wire {
        case .patent: self = .patent
        case .achievement: self = .achievement
        case .need: self = .need
        case .organisation: self = .organisation
        }
    }
}

extension Components.Schemas.NewFeedback.SubjectKindPayload {
    init(_ domain: CandidateKind) {
        switch domain {
        case .patent: self = .patent
        case .achievement: self = .achievement
        case .need: self = .need
        case .organisation: self = .organisation
        }
    }
}

extension CandidateKind {
    init(_ wire: Components.Schemas.NewFeedback.CandidateKindPayload) {
        switch wire {
        case .patent: self = .patent
        case .achievement: self = .achievement
        case .need: self = .need
        case .organisation: self = .organisation
        }
    }
}

extension Components.Schemas.NewFeedback.CandidateKindPayload {
    init(_ domain: CandidateKind) {
        switch domain {
        case .patent: self = .patent
        case .achievement: self = .achievement
        case .need: self = .need
        case .organisation: self = .organisation
        }
    }
}

extension FeedbackAction {
    init(_ wire: Components.Schemas.NewFeedback.ActionPayload) {
        switch wire {
        case .viewed: self = .viewed
        case .contacted: self = .contacted
        case .dismissed: self = .dismissed
        case .deal: self = .deal
        }
    }
}

extension Components.Schemas.NewFeedback.ActionPayload {
    init(_ domain: FeedbackAction) {
        switch domain {
        case .viewed: self = .viewed
        case .contacted: self = .contacted
        case .dismissed: self = .dismissed
        case .deal: self = .deal
        }
    }
}

extension MatchQuery {
    init(_ wire: Components.Schemas.MatchQuery) {
        self.init(
            text: wire.text, fields: wire.fields?.map { Field($0) }, city: wire.city.map { CityCode($0) },
            cooperationMode: wire.cooperationMode.map { CooperationMode($0) },
            budget: wire.budget.map { PriceRange($0) }, kind: wire.kind.map { CandidateKind($0) },
            limit: wire.limit.map { Int($0) }
        )
    }
}

extension Components.Schemas.MatchQuery {
    init(_ domain: MatchQuery) {
        self.init(
            budget: domain.budget.map { BudgetPayload($0) }, city: domain.city.map { Components.Schemas.CityCode($0) },
            cooperationMode: domain.cooperationMode.map { Components.Schemas.CooperationMode($0) },
            fields: domain.fields?.map { Components.Schemas.FieldCode($0) }, kind: domain.kind.map { KindPayload($0) },
            limit: domain.limit.map { Int64($0) }, text: domain.text
        )
    }
}

extension NewFeedback {
    init(_ wire: Components.Schemas.NewFeedback) {
        self.init(
            subjectKind: CandidateKind(wire.subjectKind), subjectId: wire.subjectId,
            candidateKind: CandidateKind(wire.candidateKind), candidateId: wire.candidateId,
            action: FeedbackAction(wire.action)
        )
    }
}

extension Components.Schemas.NewFeedback {
    init(_ domain: NewFeedback) {
        self.init(
            action: ActionPayload(domain.action), candidateId: domain.candidateId,
            candidateKind: CandidateKindPayload(domain.candidateKind), subjectId: domain.subjectId,
            subjectKind: SubjectKindPayload(domain.subjectKind)
        )
    }
}

extension CandidateKind {
    init(_ wire: Components.Schemas.Feedback.SubjectKindPayload) {
        switch wire {
        case .patent: self = .patent
        case .achievement: self = .achievement
        case .need: self = .need
        case .organisation: self = .organisation
        }
    }
}

extension Components.Schemas.Feedback.SubjectKindPayload {
    init(_ domain: CandidateKind) {
        switch domain {
        case .patent: self = .patent
        case .achievement: self = .achievement
        case .need: self = .need
        case .organisation: self = .organisation
        }
    }
}

extension CandidateKind {
    init(_ wire: Components.Schemas.Feedback.CandidateKindPayload) {
        switch wire {
        case .patent: self = .patent
        case .achievement: self = .achievement
        case .need: self = .need
        case .organisation: self = .organisation
        }
    }
}

extension Components.Schemas.Feedback.CandidateKindPayload {
    init(_ domain: CandidateKind) {
        switch domain {
        case .patent: self = .patent
        case .achievement: self = .achievement
        case .need: self = .need
        case .organisation: self = .organisation
        }
    }
}

extension FeedbackAction {
    init(_ wire: Components.Schemas.Feedback.ActionPayload) {
        switch wire {
        case .viewed: self = .viewed
        case .contacted: self = .contacted
        case .dismissed: self = .dismissed
        case .deal: self = .deal
        }
    }
}

extension Components.Schemas.Feedback.ActionPayload {
    init(_ domain: FeedbackAction) {
        switch domain {
        case .viewed: self = .viewed
        case .contacted: self = .contacted
        case .dismissed: self = .dismissed
        case .deal: self = .deal
        }
    }
}

extension Components.Schemas.Feedback {
    init(_ domain: Feedback) {
        self.init(
            action: ActionPayload(domain.action), candidateId: domain.candidateId,
            candidateKind: CandidateKindPayload(domain.candidateKind), createdAt: domain.createdAt, id: domain.id,
            organizationId: domain.organizationId, subjectId: domain.subjectId,
            subjectKind: SubjectKindPayload(domain.subjectKind)
        )
    }
}
