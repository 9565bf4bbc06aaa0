import Foundation
import Kernel

/// When a category of events reaches someone: at once, or gathered in a daily digest.
public enum NotificationTiming: String, Codable, Sendable, CaseIterable {
    case immediate
    case dailyDigest = "daily_digest"
}

/// How one category of events (money, workflow, discovery) reaches a person: by which
/// channels, and when. A person's own choice wins over their organisation's default, which
/// wins over the platform's.
public struct NotificationPreference: Codable, Sendable, Equatable {
    /// Where the preference in force comes from.
    public enum Source: String, Codable, Sendable {
        case user, organization, platform
    }

    public var category: EventKind.Category
    public var inbox: Bool
    public var email: Bool
    public var webhook: Bool
    public var timing: NotificationTiming
    public var source: Source

    public init(
        category: EventKind.Category, inbox: Bool, email: Bool, webhook: Bool, timing: NotificationTiming,
        source: Source
    ) {
        self.category = category
        self.inbox = inbox
        self.email = email
        self.webhook = webhook
        self.timing = timing
        self.source = source
    }

    /// The platform's defaults (issue 17): money steps at once by inbox and e-mail; steps
    /// someone waits for at once in the inbox; discoveries in the daily digest.
    public static func platform(_ category: EventKind.Category) -> NotificationPreference {
        switch category {
        case .money:
            NotificationPreference(
                category: .money, inbox: true, email: true, webhook: false, timing: .immediate, source: .platform)
        case .workflow:
            NotificationPreference(
                category: .workflow, inbox: true, email: false, webhook: false, timing: .immediate, source: .platform)
        case .discovery:
            NotificationPreference(
                category: .discovery, inbox: true, email: true, webhook: false, timing: .dailyDigest,
                source: .platform)
        }
    }
}

/// A choice for one category, as a person or an administrator sets it.
public struct PreferenceChoice: Codable, Sendable, Equatable {
    public var category: EventKind.Category
    public var inbox: Bool
    public var email: Bool
    public var webhook: Bool
    public var timing: NotificationTiming

    public init(category: EventKind.Category, inbox: Bool, email: Bool, webhook: Bool, timing: NotificationTiming) {
        self.category = category
        self.inbox = inbox
        self.email = email
        self.webhook = webhook
        self.timing = timing
    }
}
