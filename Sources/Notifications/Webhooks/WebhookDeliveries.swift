import AsyncHTTPClient
import Foundation
import GRDB
import Kernel
import NIOCore
import NIOHTTP1
import Store

/// Delivers outbox events to organisations' webhook endpoints: `fanOut` turns each event into a
/// pending delivery per active endpoint of its organisations; `deliverDue` POSTs what is due,
/// signed, and records the outcome — delivered on 2xx, otherwise retried with exponential
/// back-off and jitter until `giveUpAfter`, then failed (an administrator may redeliver).
/// At least once: a receiver de-duplicates by the body's `id`.
public struct WebhookDeliveries: Sendable {
    public static let consumer = "webhooks"
    let database: AppDatabase
    let settings: WebhookSettings
    let client: HTTPClient
    let resolver: WebhookResolver

    public init(
        database: AppDatabase, settings: WebhookSettings, client: HTTPClient = WebhookClient.shared,
        resolver: WebhookResolver = .system
    ) {
        self.database = database
        self.settings = settings
        self.client = client
        self.resolver = resolver
    }

    /// Turns the next batch of outbox events into deliveries; returns how many events it read.
    @discardableResult
    public func fanOut(batch: Int = 500) async throws -> Int {
        // Most runs find nothing: ask a reader first, so an idle run never takes the writer.
        let waiting = try await database.read { db in
            try !AppDatabase.outboxEvents(
                db, after: try OutboxPosition.get(db, consumer: Self.consumer), limit: 1
            ).isEmpty
        }
        guard waiting else { return 0 }
        return try await database.deliveryWrite { db in
            let position = try OutboxPosition.get(db, consumer: Self.consumer)
            let events = try AppDatabase.outboxEvents(db, after: position, limit: batch)
            guard let last = events.last else { return 0 }
            for event in events where !event.organizations.isEmpty {
                let placeholders = event.organizations.map { _ in "?" }.joined(separator: ",")
                try db.execute(
                    sql: """
                        INSERT INTO webhook_deliveries (endpoint_id, outbox_id, event_id, status, next_attempt_at, created_at)
                        SELECT id, ?, ?, 'pending', ?, ? FROM webhook_endpoints
                        WHERE disabled_at IS NULL AND organization_id IN (\(placeholders))
                        ON CONFLICT (endpoint_id, event_id) DO NOTHING
                        """,
                    arguments: [
                        event.id, event.eventID, Timestamp.millis(event.createdAt), Timestamp.millis(event.createdAt),
                    ]
                        + StatementArguments(event.organizations))
            }
            try OutboxPosition.set(db, consumer: Self.consumer, to: last.id)
            return events.count
        }
    }

    /// Fans out everything waiting; returns how many events it read.
    @discardableResult
    public func fanOutAll() async throws -> Int {
        var total = 0
        while case let read = try await fanOut(), read > 0 { total += read }
        return total
    }

    struct Due: Sendable {
        var delivery: WebhookDelivery
        var url: String
        var key: [UInt8]
        var body: [UInt8]
        var eventCreatedAt: Date
    }

    /// Attempts due deliveries batch after batch until a batch is short (at most `batches`, so
    /// that a shutdown waits for a bounded run); returns how many it attempted. A failed attempt
    /// is due again only later, so it is not retried within the run.
    @discardableResult
    public func deliverAllDue(limit: Int = 100, parallel: Int = 8, batches: Int = 10) async throws -> Int {
        var attempted = 0
        for _ in 0..<max(1, batches) {
            let count = try await deliverDue(limit: limit, parallel: parallel)
            attempted += count
            if count < limit { break }
        }
        return attempted
    }

    /// Attempts every delivery due now (at most `limit`, `parallel` at a time); returns how many
    /// it attempted.
    @discardableResult
    public func deliverDue(limit: Int = 100, parallel: Int = 8) async throws -> Int {
        let now = database.clock.now()
        let settings = self.settings
        let due: [Due] = try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.*, e.url, e.salt FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                    WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?
                    """, arguments: [Timestamp.millis(now), limit]
            ).compactMap { row in
                let delivery = Self.delivery(row)
                guard let event = try AppDatabase.outboxEvent(db, id: row["outbox_id"]) else { return nil }
                let salt: Data = row["salt"]
                return Due(
                    delivery: delivery, url: row["url"],
                    key: WebhookKeys.signingKey(
                        master: settings.masterKey, endpoint: delivery.endpointId, salt: Array(salt)),
                    body: Self.body(event), eventCreatedAt: event.createdAt)
            }
        }
        // The outcomes of a batch are recorded in one write (one commit, not one per POST): a
        // crash before it sends the batch again, which receivers de-duplicate by event id.
        let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
            var running = 0
            var outcomes: [Outcome] = []
            for item in due {
                if running == parallel, let outcome = try await group.next() {
                    outcomes.append(outcome)
                    running -= 1
                }
                group.addTask { await self.attempt(item) }
                running += 1
            }
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        try await record(outcomes)
        return due.count
    }

    /// What one attempt came to.
    struct Outcome: Sendable {
        var id: Int64
        var status: String
        var attempts: Int
        var nextAttempt: Date
        var lastStatus: Int?
        var error: String?
        var deliveredAt: Date?
    }

    func attempt(_ item: Due) async -> Outcome {
        let sentAt = database.clock.now()
        var request = HTTPClientRequest(url: item.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Corridor-Webhooks/1")
        request.headers.add(name: "Corridor-Event-Id", value: item.delivery.eventId)
        request.headers.add(
            name: WebhookSignature.header, value: WebhookSignature.sign(body: item.body, key: item.key, at: sentAt))
        request.body = .bytes(ByteBuffer(bytes: item.body))
        var status: Int?
        var failure = await refusal(item.url)
        if failure == nil {
            do {
                let response = try await client.execute(
                    request, timeout: .milliseconds(Int64(settings.timeout * 1_000)))
                status = Int(response.status.code)
                _ = try? await response.body.collect(upTo: 64 * 1_024)
            } catch {
                failure = String(String(describing: error).prefix(300))
            }
        }
        let ok = status.map { (200..<300).contains($0) } ?? false
        let attempts = item.delivery.attempts + 1
        let now = database.clock.now()
        let givenUp = !ok && now.timeIntervalSince(item.delivery.createdAt) >= settings.giveUpAfter
        return Outcome(
            id: item.delivery.id, status: ok ? "delivered" : givenUp ? "failed" : "pending", attempts: attempts,
            nextAttempt: now.addingTimeInterval(Self.backoff(attempt: attempts, settings: settings)),
            lastStatus: status, error: ok ? nil : failure ?? status.map { "HTTP \($0)" }, deliveredAt: ok ? now : nil)
    }

    func record(_ outcomes: [Outcome]) async throws {
        guard !outcomes.isEmpty else { return }
        try await database.deliveryWrite { db in
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_status = ?,
                        last_error = ?, delivered_at = ? WHERE id = ? AND status = 'pending'
                    """)
            for outcome in outcomes {
                try statement.execute(arguments: [
                    outcome.status, outcome.attempts, Timestamp.millis(outcome.nextAttempt), outcome.lastStatus,
                    outcome.error, outcome.deliveredAt.map(Timestamp.millis), outcome.id,
                ])
            }
        }
    }

    /// Why nothing may be sent to this URL now: its host resolves inside the network (checked
    /// at every attempt, not only at registration), unless private targets are allowed (tests).
    func refusal(_ url: String) async -> String? {
        guard !settings.allowPrivateTargets else { return nil }
        guard let host = URL(string: url)?.host else { return "the URL has no host" }
        return await resolver.refusal(host: host)
    }

    /// first × 2^(attempt−1), at most max, ±20 %.
    static func backoff(attempt: Int, settings: WebhookSettings) -> TimeInterval {
        let base = min(settings.maxDelay, settings.firstDelay * pow(2, Double(min(attempt - 1, 30))))
        return base * Double.random(in: 0.8...1.2)
    }

    /// The JSON a receiver gets: the event id to de-duplicate by, what happened and its data.
    static func body(_ event: StoredOutboxEvent) -> [UInt8] {
        let json: JSONValue = [
            "id": .string(event.eventID), "kind": .string(event.kind),
            "target": ["type": .string(event.targetType), "id": .string(event.targetID)],
            "createdAt": .string(Timestamp.format(event.createdAt)), "data": event.payload,
        ]
        return Array(json.canonical.utf8)
    }

    static func delivery(_ row: Row) -> WebhookDelivery {
        WebhookDelivery(
            id: row["id"], endpointId: row["endpoint_id"], eventId: row["event_id"],
            status: WebhookDelivery.Status(rawValue: row["status"]) ?? .pending, attempts: row["attempts"],
            nextAttemptAt: Timestamp.date(millis: row["next_attempt_at"]), lastStatus: row["last_status"],
            lastError: row["last_error"], createdAt: Timestamp.date(millis: row["created_at"]),
            deliveredAt: (row["delivered_at"] as Int64?).map { Timestamp.date(millis: $0) })
    }
}
