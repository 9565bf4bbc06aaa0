import Identity
import Kernel
import Listings
import Matching

// Between the wire types of the matching routes (generated from openapi.yaml) and Matching's
// own types, both directions with every member.

extension CandidateKind {
    init(_ wire: Components.Schemas.CandidateKind) {
        switch wire {
        case .patent: self = .patent
        case .achievement: self = .achievement
        case .need: self = .need
        case .organisation: self = .organisation
        }
    }
}

extension Components.Schemas.CandidateKind {
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
    init(_ wire: Components.Schemas.FeedbackAction) {
        switch wire {
        case .viewed: self = .viewed
        case .contacted: self = .contacted
        case .dismissed: self = .dismissed
        case .deal: self = .deal
        }
    }
}

extension Components.Schemas.FeedbackAction {
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
            budget: domain.budget.map { Components.Schemas.PriceRange($0) },
            city: domain.city.map { Components.Schemas.CityCode($0) },
            cooperationMode: domain.cooperationMode.map { Components.Schemas.CooperationMode($0) },
            fields: domain.fields?.map { Components.Schemas.FieldCode($0) },
            kind: domain.kind.map { Components.Schemas.CandidateKind($0) },
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
            action: .init(domain.action), candidateId: domain.candidateId,
            candidateKind: .init(domain.candidateKind), subjectId: domain.subjectId,
            subjectKind: .init(domain.subjectKind)
        )
    }
}

extension Components.Schemas.Feedback {
    init(_ domain: Feedback) {
        self.init(
            action: .init(domain.action), candidateId: domain.candidateId,
            candidateKind: .init(domain.candidateKind), createdAt: domain.createdAt, id: domain.id,
            organizationId: domain.organizationId, subjectId: domain.subjectId,
            subjectKind: .init(domain.subjectKind)
        )
    }
}

// Answers: ranked matches with their explanations.

extension Components.Schemas.MatchList {
    init(_ domain: MatchList) throws {
        self.init(
            items: try domain.items.map(ItemsPayloadPayload.init), queryTerms: domain.queryTerms,
            subject: SubjectPayload(id: domain.subject.id, kind: domain.subject.kind))
    }
}

extension Components.Schemas.MatchList.ItemsPayloadPayload {
    init(_ domain: Match) throws {
        self.init(
            city: .init(domain.city), explanation: try ExplanationPayload(domain.explanation),
            fields: domain.fields.map(Components.Schemas.FieldCode.init), id: domain.id, kind: .init(domain.kind),
            organization: domain.organization.map {
                OrganizationPayload(city: .init($0.city), id: $0.id, kind: .init($0.kind), name: $0.name)
            },
            rank: Int64(domain.rank), score: domain.score, title: domain.title)
    }
}

extension Components.Schemas.MatchList.ItemsPayloadPayload.ExplanationPayload {
    init(_ domain: Explanation) throws {
        self.init(
            dismissed: domain.dismissed,
            evidence: domain.evidence?.map {
                EvidencePayloadPayload(id: $0.id, kind: .init($0.kind), score: $0.score, title: $0.title)
            },
            highlights: domain.highlights.map(Components.Schemas.Highlights.init), matchedTerms: domain.matchedTerms,
            parts: try domain.parts.map {
                PartsPayloadPayload(
                    contribution: $0.contribution, facts: try .init($0.facts), signal: $0.signal, value: $0.value,
                    weight: $0.weight)
            })
    }
}
