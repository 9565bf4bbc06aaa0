import Foundation
import GRDB
import Kernel
import Store

/// A user's own inbox: read, count, mark read. Nobody reads another's.
public struct InboxService: Sendable {
    public static let maxIdsPerMark = 500
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// Newest first; `unreadOnly` hides what was read.
    public func page(for viewer: Actor, unreadOnly: Bool = false, page: PageRequest) async throws -> InboxPage {
        let user = try Self.user(viewer)
        return try await database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM notification_inbox WHERE user_id = ? AND id < ?
                    \(unreadOnly ? "AND read_at IS NULL" : "") ORDER BY id DESC LIMIT ?
                    """,
                arguments: [user, page.after ?? Int64.max, page.limit + 1])
            let items = try rows.prefix(page.limit).map(Self.item)
            let next = rows.count > page.limit ? items.last.map { Cursor.encode($0.id) } : nil
            return InboxPage(items: items, nextCursor: next, unread: try Self.unread(db, user: user))
        }
    }

    public func unreadCount(for viewer: Actor) async throws -> Int {
        let user = try Self.user(viewer)
        return try await database.read { db in try Self.unread(db, user: user) }
    }

    /// Marks the given items (or, with nil, every item) of the viewer's inbox read. Ids of
    /// other users' items change nothing and are not revealed.
    public func markRead(_ ids: [Int64]?, by viewer: Actor) async throws -> InboxMarked {
        let user = try Self.user(viewer)
        if let ids, ids.count > Self.maxIdsPerMark { throw NotificationsError.tooManyIds(max: Self.maxIdsPerMark) }
        return try await database.write(as: viewer, action: "notification.read") { db, context in
            var sql = "UPDATE notification_inbox SET read_at = ? WHERE user_id = ? AND read_at IS NULL"
            var arguments: StatementArguments = [Timestamp.millis(context.now), user]
            if let ids {
                sql += " AND id IN (\(ids.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(ids)
            }
            try db.execute(sql: ids?.isEmpty == true ? sql + " AND 0" : sql, arguments: arguments)
            let marked = db.changesCount
            let result = InboxMarked(marked: marked, unread: try Self.unread(db, user: user))
            guard marked > 0 else { return .unchanged(result) }
            return Audited(
                result, target: "inbox", id: String(user),
                change: ["marked": .int(Int64(marked)), "all": .bool(ids == nil)])
        }
    }

    static func user(_ viewer: Actor) throws -> Int64 {
        guard let user = viewer.userID else { throw NotificationsError.noInbox }
        return user
    }

    static func unread(_ db: Database, user: Int64) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT count(*) FROM notification_inbox WHERE user_id = ? AND read_at IS NULL"),
            arguments: [user]) ?? 0
    }

    static func item(_ row: Row) throws -> InboxItem {
        InboxItem(
            id: row["id"], eventId: row["event_id"], kind: row["kind"], targetType: row["target_type"],
            targetId: row["target_id"],
            payload: try JSONDecoder().decode(JSONValue.self, from: Data((row["payload"] as String).utf8)),
            createdAt: Timestamp.date(millis: row["created_at"]),
            readAt: (row["read_at"] as Int64?).map { Timestamp.date(millis: $0) })
    }
}
