import Kernel
import Notifications

/// The notification preferences page (notification-preferences.mustache): the person's own,
/// and for an organisation's administrator, the defaults its people start from.
struct PreferencesView: Sendable {
    var notice: String?
    var formError: String?
    var own: [PreferenceRow]
    /// The organisation's defaults, for its administrators only.
    var showDefaults: Bool
    var defaults: [PreferenceRow]
}

/// One category's channels and timing, as a form row.
struct PreferenceRow: Sendable {
    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let category: String
    let label: String
    let inbox: Bool
    let email: Bool
    let webhook: Bool
    let timings: [Option]
    let source: String

    init(_ preference: NotificationPreference, visit: Visit) {
        category = preference.category.rawValue
        label = visit.text("preferences.category.\(preference.category.rawValue)")
        inbox = preference.inbox
        email = preference.email
        webhook = preference.webhook
        timings = NotificationTiming.allCases.map {
            Option(
                value: $0.rawValue, label: visit.text("preferences.timing.\($0.rawValue)"),
                selected: $0 == preference.timing)
        }
        source = visit.text("preferences.source.\(preference.source.rawValue)")
    }

    /// The choices a submitted form makes, one per category (an unticked box is absent).
    static func choices(_ form: Form) -> [PreferenceChoice] {
        EventKind.Category.allCases.map { category in
            let name = category.rawValue
            return PreferenceChoice(
                category: category, inbox: form["\(name).inbox"] == "1", email: form["\(name).email"] == "1",
                webhook: form["\(name).webhook"] == "1",
                timing: NotificationTiming(rawValue: form["\(name).timing"] ?? "") ?? .immediate)
        }
    }
}
