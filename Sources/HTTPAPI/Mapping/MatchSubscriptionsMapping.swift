import Notifications

// Between the match-subscription routes' wire types (generated from openapi.yaml) and
// Notifications' own. Enums by exhaustive switches.

extension NewMatchSubscription {
    init(_ wire: Components.Schemas.NewMatchSubscription) {
        self.init(
            subject: MatchSubscription.Subject(wire.subject), needId: wire.needId,
            minScore: wire.minScore.map { Int(clamping: $0) } ?? 300)
    }
}

extension MatchSubscription.Subject {
    init(_ wire: Components.Schemas.MatchSubscriptionSubject) {
        self =
            switch wire {
            case .portfolio: .portfolio
            case .need: .need
            }
    }
}

extension Components.Schemas.MatchSubscriptionSubject {
    init(_ domain: MatchSubscription.Subject) {
        self =
            switch domain {
            case .portfolio: .portfolio
            case .need: .need
            }
    }
}

extension Components.Schemas.MatchSubscription {
    init(_ domain: MatchSubscription) {
        self.init(
            createdAt: domain.createdAt, id: domain.id, minScore: Int64(domain.minScore), needId: domain.needId,
            subject: Components.Schemas.MatchSubscriptionSubject(domain.subject))
    }
}
