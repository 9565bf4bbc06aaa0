import Foundation
import GRDB
import Kernel

/// Something that happened which other people must hear about, recorded by the write that
/// made it happen, in the same transaction (the transactional outbox). The module that writes
/// resolves the recipients at write time; delivery (inbox, e-mail, webhooks) drains the outbox
/// later and never slows or blocks the write.
public struct OutboxEvent: Sendable, Equatable {
    /// What happened.
    public var kind: EventKind
    public var targetType: String
    public var targetID: String
    /// The users to tell (their preferences decide the channels).
    public var users: [Int64]
    /// The organisations whose webhooks hear of it.
    public var organizations: [Int64]
    /// What a message needs to say without another read (titles, amounts, names).
    public var payload: JSONValue

    public init(
        kind: EventKind, target targetType: String, id targetID: String, users: [Int64], organizations: [Int64] = [],
        payload: JSONValue = .object([:])
    ) {
        self.kind = kind
        self.targetType = targetType
        self.targetID = targetID
        self.users = users
        self.organizations = organizations
        self.payload = payload
    }
}

/// One stored outbox event. `eventID` is stable (`<audit seq>.<index>`): a receiver
/// de-duplicates by it, and it ties the event to the audit entry of the write that made it.
public struct StoredOutboxEvent: Sendable, Equatable {
    public var id: Int64
    public var eventID: String
    public var auditSeq: Int64
    public var kind: String
    public var targetType: String
    public var targetID: String
    public var users: [Int64]
    public var organizations: [Int64]
    public var payload: JSONValue
    public var createdAt: Date
}

enum Outbox {
    /// Appends a write's events; called by the write path after the audit entry.
    static func append(_ db: Database, _ events: [OutboxEvent], auditSeq: Int64, now: Date) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO outbox_events (event_id, audit_seq, kind, target_type, target_id, users, organizations, payload, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (index, event) in events.enumerated() where !(event.users.isEmpty && event.organizations.isEmpty) {
            try statement.execute(arguments: [
                "\(auditSeq).\(index)", auditSeq, event.kind.rawValue, event.targetType, event.targetID,
                JSONValue.array(Array(Set(event.users)).sorted().map { .int($0) }).canonical,
                JSONValue.array(Array(Set(event.organizations)).sorted().map { .int($0) }).canonical,
                event.payload.canonical, Timestamp.millis(now),
            ])
        }
    }
}

extension AppDatabase {
    /// The events after `id` in the order they were written, at most `limit` (for the service
    /// that drains the outbox; it keeps its own position).
    public static func outboxEvents(_ db: Database, after id: Int64, limit: Int) throws -> [StoredOutboxEvent] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM outbox_events WHERE id > ? ORDER BY id LIMIT ?"),
            arguments: [id, limit]
        ).map { row in
            StoredOutboxEvent(
                id: row["id"], eventID: row["event_id"], auditSeq: row["audit_seq"], kind: row["kind"],
                targetType: row["target_type"], targetID: row["target_id"],
                users: try Self.ids(row["users"]), organizations: try Self.ids(row["organizations"]),
                payload: try JSONDecoder().decode(JSONValue.self, from: Data((row["payload"] as String).utf8)),
                createdAt: Timestamp.date(millis: row["created_at"])
            )
        }
    }

    /// One stored event by its outbox id.
    public static func outboxEvent(_ db: Database, id: Int64) throws -> StoredOutboxEvent? {
        try outboxEvents(db, after: id - 1, limit: 1).first.flatMap { $0.id == id ? $0 : nil }
    }

    private static func ids(_ text: String) throws -> [Int64] {
        try JSONDecoder().decode([Int64].self, from: Data(text.utf8))
    }
}
