import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Turns outbox events into e-mail to people, as each person's preferences say (issue 17):
/// for every recipient with an address whose preference for the event's category includes
/// e-mail, one row in `notification_mail`, due at once or at the next daily digest. Each batch
/// and the consumer's position commit together, and a person gets a given event at most once.
public struct MailFanOut: Sendable {
    public static let consumer = "email"
    /// The hour (China Standard Time) the daily digest goes out.
    public static let digestHour = 8
    let database: AppDatabase
    /// False when the server has no mail relay: the position still moves, so that configuring
    /// one later does not mail the whole history, but nothing is queued.
    let queues: Bool

    public init(database: AppDatabase, queues: Bool = true) {
        self.database = database
        self.queues = queues
    }

    /// Queues the next batch of events; returns how many events it read.
    @discardableResult
    public func fanOut(batch: Int = 500) async throws -> Int {
        // Most runs find nothing: ask a reader first, so an idle run never takes the writer.
        let waiting = try await database.read { db in
            try !AppDatabase.outboxEvents(db, after: try OutboxPosition.get(db, consumer: Self.consumer), limit: 1)
                .isEmpty
        }
        guard waiting else { return 0 }
        return try await database.deliveryWrite { db in
            let position = try OutboxPosition.get(db, consumer: Self.consumer)
            let events = try AppDatabase.outboxEvents(db, after: position, limit: batch)
            guard let last = events.last else { return 0 }
            let recipients = queues ? try UserDirectory.mailRecipients(db, ids: events.flatMap(\.users)) : [:]
            var preferences = PreferenceCache()
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO notification_mail (user_id, outbox_id, event_id, category, digest, status, due_at, created_at)
                    VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (user_id, event_id) DO NOTHING
                    """)
            for event in events {
                guard let kind = EventKind(rawValue: event.kind) else { continue }
                for user in event.users {
                    guard let recipient = recipients[user] else { continue }
                    let preference = try preferences.get(db, recipient, kind.category)
                    guard preference.email else { continue }
                    let digest = preference.timing == .dailyDigest
                    let due = digest ? Self.nextDigest(after: event.createdAt) : event.createdAt
                    try insert.execute(arguments: [
                        user, event.id, event.eventID, kind.category.rawValue, digest, Timestamp.millis(due),
                        Timestamp.millis(event.createdAt),
                    ])
                }
            }
            try OutboxPosition.set(db, consumer: Self.consumer, to: last.id)
            return events.count
        }
    }

    /// Queues everything waiting; returns how many events it read.
    @discardableResult
    public func fanOutAll() async throws -> Int {
        var total = 0
        while case let read = try await fanOut(), read > 0 { total += read }
        return total
    }

    /// The first digest hour (08:00 China Standard Time) strictly after `date`.
    public static func nextDigest(after date: Date) -> Date {
        let calendar = ChinaDay.calendar
        var parts = calendar.dateComponents([.year, .month, .day], from: date)
        parts.hour = digestHour
        let today = calendar.date(from: parts) ?? date
        return today > date ? today : calendar.date(byAdding: .day, value: 1, to: today) ?? date
    }
}

/// The preferences in force for people, read once per person and category within a batch.
struct PreferenceCache {
    private var resolved: [Int64: [NotificationPreference]] = [:]

    mutating func get(
        _ db: Database, _ recipient: MailRecipient, _ category: EventKind.Category
    ) throws -> NotificationPreference {
        let all: [NotificationPreference]
        if let known = resolved[recipient.id] {
            all = known
        } else {
            all = try PreferenceService.resolve(db, user: recipient.id, organization: recipient.organizationId)
            resolved[recipient.id] = all
        }
        return all.first { $0.category == category } ?? .platform(category)
    }
}
