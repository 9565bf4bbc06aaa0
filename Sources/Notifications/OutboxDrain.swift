import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Files the outbox's events into the recipients' inboxes, in order, from where it stopped —
/// except for a person with an e-mail address whose preference takes that category by e-mail
/// only (without an address, the inbox is the only way to reach them, so it files anyway).
///
/// Each batch is one transaction: the inbox rows and the new position commit together, so a
/// crash re-files nothing that was filed and loses nothing that was not; and an event reaches
/// a user's inbox at most once even if the position were lost (the inbox is unique per user
/// and event id). Runs in the background: it never holds up the write that made the event.
public struct OutboxDrain: Sendable {
    public static let consumer = "inbox"
    let database: AppDatabase
    let batch: Int

    public init(database: AppDatabase, batch: Int = 500) {
        self.database = database
        self.batch = batch
    }

    /// Files one batch; returns how many events it read (0 when the outbox is drained).
    @discardableResult
    public func drainOnce() async throws -> Int {
        let batch = self.batch
        // Most runs find nothing: ask a reader first, so an idle drain never takes the writer.
        let waiting = try await database.read { db in
            try !AppDatabase.outboxEvents(db, after: try Self.position(db), limit: 1).isEmpty
        }
        guard waiting else { return 0 }
        return try await database.deliveryWrite { db in
            let position = try Self.position(db)
            let events = try AppDatabase.outboxEvents(db, after: position, limit: batch)
            guard let last = events.last else { return 0 }
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO notification_inbox (user_id, event_id, kind, target_type, target_id, payload, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, event_id) DO NOTHING
                    """)
            // A person with an address of their own may take a category by e-mail only.
            let recipients = try UserDirectory.mailRecipients(db, ids: events.flatMap(\.users))
            var preferences = PreferenceCache()
            for event in events {
                let category = EventKind(rawValue: event.kind)?.category
                for user in event.users {
                    if let category, let recipient = recipients[user],
                        try !preferences.get(db, recipient, category).inbox
                    {
                        continue
                    }
                    try insert.execute(arguments: [
                        user, event.eventID, event.kind, event.targetType, event.targetID, event.payload.canonical,
                        Timestamp.millis(event.createdAt),
                    ])
                }
            }
            try OutboxPosition.set(db, consumer: Self.consumer, to: last.id)
            return events.count
        }
    }

    /// Files everything waiting; returns how many events it read.
    @discardableResult
    public func drain() async throws -> Int {
        var total = 0
        while case let filed = try await drainOnce(), filed > 0 { total += filed }
        return total
    }

    static func position(_ db: Database) throws -> Int64 {
        try OutboxPosition.get(db, consumer: consumer)
    }
}
