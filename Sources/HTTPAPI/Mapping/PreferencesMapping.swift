import Kernel
import Notifications

// Between the wire types of the preference routes (generated from openapi.yaml) and the
// Notifications module's own types. Categories and timings travel by their raw values, which
// the contract's enums and the module's share.

extension Components.Schemas.NotificationPreferences {
    init(_ domain: [NotificationPreference]) {
        self.init(items: domain.map(Components.Schemas.NotificationPreference.init))
    }
}

extension Components.Schemas.NotificationPreference {
    init(_ domain: NotificationPreference) {
        self.init(
            category: Components.Schemas.NotificationCategory(domain.category), email: domain.email,
            inbox: domain.inbox, source: SourcePayload(rawValue: domain.source.rawValue) ?? .platform,
            timing: Components.Schemas.NotificationTiming(domain.timing), webhook: domain.webhook)
    }
}

extension Components.Schemas.NotificationCategory {
    init(_ domain: EventKind.Category) {
        switch domain {
        case .money: self = .money
        case .workflow: self = .workflow
        case .discovery: self = .discovery
        }
    }
}

extension Components.Schemas.NotificationTiming {
    init(_ domain: NotificationTiming) {
        switch domain {
        case .immediate: self = .immediate
        case .dailyDigest: self = .dailyDigest
        }
    }
}

extension PreferenceChoice {
    init(_ wire: Components.Schemas.NotificationPreferenceChoice) {
        let category: EventKind.Category =
            switch wire.category {
            case .money: .money
            case .workflow: .workflow
            case .discovery: .discovery
            }
        self.init(
            category: category, inbox: wire.inbox, email: wire.email, webhook: wire.webhook,
            timing: wire.timing == .dailyDigest ? .dailyDigest : .immediate)
    }
}
