import GRDB

/// How far each consumer of the outbox (the inbox, webhooks) has read it; moved in the same
/// transaction as what the consumer did with the events.
enum OutboxPosition {
    static func get(_ db: Database, consumer: String) throws -> Int64 {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT outbox_id FROM notification_positions WHERE consumer = ?"),
            arguments: [consumer]) ?? 0
    }

    static func set(_ db: Database, consumer: String, to id: Int64) throws {
        try db.execute(
            sql: """
                INSERT INTO notification_positions (consumer, outbox_id) VALUES (?, ?)
                ON CONFLICT (consumer) DO UPDATE SET outbox_id = excluded.outbox_id
                """,
            arguments: [consumer, id])
    }
}
