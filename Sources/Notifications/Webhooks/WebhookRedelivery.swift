import GRDB
import Kernel
import Store

extension WebhookService {
    /// Puts one failed delivery of the endpoint back in the queue, due now (its give-up clock
    /// starts again). A delivery of another endpoint, or of an endpoint the actor may not
    /// manage, is not found: its existence is not revealed.
    public func redeliver(_ deliveryID: Int64, endpoint id: Int64, by actor: Actor) async throws -> WebhookDelivery {
        try await database.write(as: actor, action: "webhook.redeliver") { db, context in
            let endpoint = try Self.endpoint(db, id: id, for: actor)
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM webhook_deliveries WHERE id = ? AND endpoint_id = ?",
                    arguments: [deliveryID, id])
            else { throw NotificationsError.webhookDeliveryNotFound }
            guard endpoint.disabledAt == nil else { throw NotificationsError.webhookDisabled }
            var delivery = WebhookDeliveries.delivery(row)
            guard delivery.status == .failed else { throw NotificationsError.webhookDeliveryNotFailed }
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, created_at = ?
                    WHERE id = ? AND status = 'failed'
                    """, arguments: [Timestamp.millis(context.now), Timestamp.millis(context.now), deliveryID])
            delivery.status = .pending
            delivery.nextAttemptAt = context.now
            delivery.createdAt = context.now
            return Audited(
                delivery, target: "webhook", id: String(id), change: ["redelivered": .int(deliveryID)])
        }
    }
}
