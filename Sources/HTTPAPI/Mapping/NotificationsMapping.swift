import Kernel
import Notifications
import OpenAPIRuntime

// Between the wire types of the inbox routes (generated from openapi.yaml) and the Notifications
// module's own types. Event kinds travel by their raw value; a test checks that the contract's
// enum and Kernel's `EventKind` hold the same values.

extension Components.Schemas.Notification {
    /// Nil for a kind the contract does not know (never, while the enums agree).
    init?(_ domain: InboxItem) throws {
        guard let kind = Components.Schemas.EventKind(rawValue: domain.kind) else { return nil }
        self.init(
            createdAt: domain.createdAt, eventId: domain.eventId, id: domain.id, kind: kind,
            payload: try OpenAPIObjectContainer(domain.payload), readAt: domain.readAt, targetId: domain.targetId,
            targetType: domain.targetType)
    }
}

extension Components.Schemas.NotificationPage {
    init(_ domain: InboxPage) throws {
        self.init(
            items: try domain.items.compactMap(Components.Schemas.Notification.init), nextCursor: domain.nextCursor,
            unread: Int64(domain.unread))
    }
}

extension PageBody<Components.Schemas.NotificationPage> {
    init(_ page: Components.Schemas.NotificationPage) { self.init(page: page, nextCursor: page.nextCursor) }
}

extension Components.Schemas.NotificationsMarked {
    init(_ domain: InboxMarked) {
        self.init(marked: Int64(domain.marked), unread: Int64(domain.unread))
    }
}
