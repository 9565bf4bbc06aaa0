import Foundation
import Identity
import Kernel
import Notifications

/// The notifications page (notifications.mustache).
struct NotificationsView: Sendable {
    var notice: String?
    var unread: Int
    var hasUnread: Bool
    var unreadOnly: Bool
    var items: [NotificationRow]
    var next: String?
}

/// One notification: what happened, about what (a link to it where the console has a page),
/// when, and whether it is still unread.
struct NotificationRow: Sendable {
    let id: Int64
    let title: String
    let detail: String?
    let href: String?
    let when: String
    let isNew: Bool

    init(_ item: InboxItem, visit: Visit) {
        id = item.id
        title = visit.text("event.\(item.kind)")
        detail = Self.detail(item.payload)
        href = Self.href(item, visit: visit)
        when = Display.dateTime(item.createdAt)
        isNew = item.readAt == nil
    }

    /// The few facts a payload carries worth a line: a title, the numbers people quote, an amount.
    static func detail(_ payload: JSONValue) -> String? {
        guard case .object(let members) = payload else { return nil }
        var parts: [String] = []
        for key in ["title", "name", "voucherNumber", "contractNumber"] {
            if case .string(let text)? = members[key], !text.isEmpty { parts.append(text) }
        }
        for key in ["amountFen", "voucherFen", "valueFen"] {
            if case .int(let fen)? = members[key] {
                parts.append(Language.yuan(fen))
                break
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// The console page of the event's object, for the viewer's role; nil where there is none.
    static func href(_ item: InboxItem, visit: Visit) -> String? {
        let city = [Role.cityAdmin, .platformAdmin].contains(visit.principal?.role)
        if let path = ConsoleText.targetPath(item.targetType, item.targetId) { return path }
        switch item.targetType {
        case "registration": return city ? "/console/city/verifications" : "/console/registration"
        case "redemption", "voucher_application":
            if city { return "/console/city" }
            return visit.organizationKind == .provider ? "/console/provider" : "/console/vouchers"
        default: return nil
        }
    }
}
