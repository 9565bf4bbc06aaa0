import CorridorCrypto
import Foundation
import GRDB
import Identity
import Kernel
import Store

/// An organisation's webhook endpoints: register, list, rotate the secret, disable; and their
/// deliveries: list, redeliver the failed. Only the organisation's administrators (and the
/// platform's) manage them.
public struct WebhookService: Sendable {
    let database: AppDatabase
    let settings: WebhookSettings

    public init(database: AppDatabase, settings: WebhookSettings) {
        self.database = database
        self.settings = settings
    }

    /// Registers an endpoint; the answer carries the signing secret, shown this once.
    public func create(organization: Int64, url: String, by actor: Actor) async throws -> WebhookEndpointWithSecret {
        try Self.authorize(actor, organization)
        let target = try WebhookTarget.check(url, allowPrivate: settings.allowPrivateTargets)
        let settings = self.settings
        return try await database.write(as: actor, action: "webhook.create") { db, context in
            let active =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM webhook_endpoints WHERE organization_id = ? AND disabled_at IS NULL",
                    arguments: [organization]) ?? 0
            guard active < settings.maxEndpointsPerOrganization else {
                throw NotificationsError.webhookLimit(settings.maxEndpointsPerOrganization)
            }
            let salt = SecureRandom.bytes(16)
            try db.execute(
                sql: "INSERT INTO webhook_endpoints (organization_id, url, salt, created_at) VALUES (?, ?, ?, ?)",
                arguments: [organization, target.absoluteString, Data(salt), Timestamp.millis(context.now)])
            let endpoint = WebhookEndpoint(
                id: db.lastInsertedRowID, organizationId: organization, url: target.absoluteString,
                createdAt: context.now)
            let secret = WebhookKeys.signingKey(master: settings.masterKey, endpoint: endpoint.id, salt: salt)
            return Audited(
                WebhookEndpointWithSecret(endpoint: endpoint, secret: secret.hexString, secretShown: false),
                target: "webhook", id: String(endpoint.id),
                change: ["organization": .int(organization), "url": .string(endpoint.url)])
        }
    }

    /// A new secret for the endpoint (the old one stops verifying at once).
    public func rotate(_ id: Int64, by actor: Actor) async throws -> WebhookEndpointWithSecret {
        let settings = self.settings
        return try await database.write(as: actor, action: "webhook.rotate") { db, context in
            var endpoint = try Self.endpoint(db, id: id, for: actor)
            guard endpoint.disabledAt == nil else { throw NotificationsError.webhookDisabled }
            let salt = SecureRandom.bytes(16)
            try db.execute(
                sql: "UPDATE webhook_endpoints SET salt = ?, rotated_at = ? WHERE id = ?",
                arguments: [Data(salt), Timestamp.millis(context.now), id])
            endpoint.rotatedAt = context.now
            let secret = WebhookKeys.signingKey(master: settings.masterKey, endpoint: id, salt: salt)
            return Audited(
                WebhookEndpointWithSecret(endpoint: endpoint, secret: secret.hexString, secretShown: false),
                target: "webhook", id: String(id), change: ["rotated": true])
        }
    }

    /// Stops deliveries to the endpoint (pending ones are marked failed).
    public func disable(_ id: Int64, by actor: Actor) async throws -> WebhookEndpoint {
        try await database.write(as: actor, action: "webhook.disable") { db, context in
            var endpoint = try Self.endpoint(db, id: id, for: actor)
            guard endpoint.disabledAt == nil else { return .unchanged(endpoint) }
            try db.execute(
                sql: "UPDATE webhook_endpoints SET disabled_at = ? WHERE id = ?",
                arguments: [Timestamp.millis(context.now), id])
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET status = 'failed', last_error = 'endpoint disabled'
                    WHERE endpoint_id = ? AND status = 'pending'
                    """, arguments: [id])
            endpoint.disabledAt = context.now
            return Audited(endpoint, target: "webhook", id: String(id), change: ["disabled": true])
        }
    }

    public func list(organization: Int64, by actor: Actor) async throws -> [WebhookEndpoint] {
        try Self.authorize(actor, organization)
        return try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM webhook_endpoints WHERE organization_id = ? ORDER BY id",
                arguments: [organization]
            ).map(Self.endpoint)
        }
    }

    /// The endpoint's deliveries, newest first (`status` filters).
    public func deliveries(
        _ id: Int64, status: WebhookDelivery.Status? = nil, by actor: Actor, page: PageRequest
    ) async throws -> Page<WebhookDelivery> {
        try await database.read { db in
            _ = try Self.endpoint(db, id: id, for: actor)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM webhook_deliveries WHERE endpoint_id = ? AND id < ?
                    \(status == nil ? "" : "AND status = ?") ORDER BY id DESC LIMIT ?
                    """,
                arguments: StatementArguments([id, page.after ?? Int64.max] + (status.map { [$0.rawValue] } ?? []))
                    + [page.limit + 1])
            let items = rows.prefix(page.limit).map(WebhookDeliveries.delivery)
            return Page(
                items: items, nextCursor: rows.count > page.limit ? items.last.map { Cursor.encode($0.id) } : nil)
        }
    }

    /// Puts the endpoint's failed deliveries back in the queue, due now; returns how many.
    public func redeliverFailed(_ id: Int64, by actor: Actor) async throws -> Int {
        try await database.write(as: actor, action: "webhook.redeliver") { db, context in
            let endpoint = try Self.endpoint(db, id: id, for: actor)
            guard endpoint.disabledAt == nil else { throw NotificationsError.webhookDisabled }
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, created_at = ?
                    WHERE endpoint_id = ? AND status = 'failed'
                    """, arguments: [Timestamp.millis(context.now), Timestamp.millis(context.now), id])
            let count = db.changesCount
            guard count > 0 else { return .unchanged(0) }
            return Audited(count, target: "webhook", id: String(id), change: ["redelivered": .int(Int64(count))])
        }
    }

    static func authorize(_ actor: Actor, _ organization: Int64) throws {
        try Authorization.check(actor, .webhookManage, on: AccessTarget(organizationID: organization, city: nil))
    }

    /// The endpoint if the actor may manage it; otherwise not found (its existence is not revealed).
    static func endpoint(_ db: Database, id: Int64, for actor: Actor) throws -> WebhookEndpoint {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM webhook_endpoints WHERE id = ?", arguments: [id]),
            Authorization.allows(
                actor, .webhookManage, on: AccessTarget(organizationID: row["organization_id"], city: nil))
        else { throw NotificationsError.webhookNotFound }
        return endpoint(row)
    }

    static func endpoint(_ row: Row) -> WebhookEndpoint {
        WebhookEndpoint(
            id: row["id"], organizationId: row["organization_id"], url: row["url"],
            createdAt: Timestamp.date(millis: row["created_at"]),
            rotatedAt: (row["rotated_at"] as Int64?).map { Timestamp.date(millis: $0) },
            disabledAt: (row["disabled_at"] as Int64?).map { Timestamp.date(millis: $0) })
    }
}

/// Signing keys derived from the server's webhook key, so none is stored.
public enum WebhookKeys {
    public static func signingKey(master: [UInt8], endpoint: Int64, salt: [UInt8]) -> [UInt8] {
        HMAC.sha256(key: master, message: Array("corridor-webhook-v1:\(endpoint):".utf8) + salt)
    }
}
