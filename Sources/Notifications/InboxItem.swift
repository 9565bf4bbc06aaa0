import Foundation
import Kernel

/// One notification in a user's inbox.
public struct InboxItem: Codable, Sendable, Equatable {
    public var id: Int64
    /// The outbox event's stable id (the same in e-mail and webhooks).
    public var eventId: String
    public var kind: String
    public var targetType: String
    public var targetId: String
    public var payload: JSONValue
    public var createdAt: Date
    public var readAt: Date?
}

/// A page of a user's inbox with the number still unread.
public struct InboxPage: Codable, Sendable {
    public var items: [InboxItem]
    public var nextCursor: String?
    public var unread: Int
}

/// What marking as read changed.
public struct InboxMarked: Codable, Sendable, Equatable {
    public var marked: Int
    public var unread: Int

    public init(marked: Int, unread: Int) {
        self.marked = marked
        self.unread = unread
    }
}
