import AuditLog
import Logging
import Notifications
import Platform
import ServiceLifecycle
import Vouchers

/// The server's background jobs, for `CorridorServer.buildApplication(backgroundJobs:)`: each a
/// `PeriodicJob`, so that shutdown waits for a sweep or a checkpoint in progress.
public enum BackgroundJobs {
    /// `eventTitle`: the words of each kind of event in notification e-mail (the console's).
    public static func all(
        services: AppServices, configuration: Platform.ServerConfiguration, logger: Logger,
        eventTitle: @escaping @Sendable (String) -> (zh: String, en: String) = { ($0, $0) },
        eventLink: @escaping @Sendable (String, String) -> String? = { _, _ in nil }
    ) -> [any Service] {
        let always: [any Service] = [
            // Expired vouchers return their balance to the city budget; overdue holds are
            // released; deliveries the buyer left unanswered are accepted.
            PeriodicJob(name: "voucher sweep", every: .seconds(configuration.vouchers.sweepSeconds), logger: logger) {
                try await services.vouchers.expireDue()
                try await services.redemptions.releaseExpiredHolds()
                try await services.redemptions.acceptSilentDeliveries()
            },
            // A signed checkpoint of the audit log whenever it grew.
            PeriodicJob(
                name: "audit checkpoint", every: .seconds(configuration.audit.checkpointSeconds), logger: logger
            ) {
                try await services.checkpoints.checkpoint()
            },
            // The open-data snapshot of the public listings, once a day (China date).
            PeriodicJob(name: "open data snapshot", every: .seconds(3_600), logger: logger) {
                try await OpenDataStore(configuration: configuration).publishIfDue(services)
            },
        ]
        guard configuration.notifications.enabled else { return always }
        let mail = services.notificationMail(title: eventTitle, link: eventLink)
        let notifications: [any Service] = [
            // Events recorded by writes are filed into the recipients' inboxes.
            PeriodicJob(name: "inbox delivery", every: .seconds(2), logger: logger) {
                try await services.outboxDrain.drain()
            },
            // The same events become one delivery per active endpoint of their organisations…
            PeriodicJob(name: "webhook fan-out", every: .seconds(2), logger: logger) {
                try await services.webhookDeliveries.fanOutAll()
            },
            // …POSTed, signed, when due (retries back off; given up after webhooks.giveUpSeconds).
            PeriodicJob(
                name: "webhook delivery", every: .seconds(configuration.webhooks.deliverySeconds), logger: logger
            ) {
                try await services.webhookDeliveries.deliverAllDue()
            },
            // …and one e-mail per person who asked for it (at once or the 08:00 digest); without
            // a relay the position still moves and nothing is queued.
            PeriodicJob(name: "mail fan-out", every: .seconds(5), logger: logger) {
                try await services.mailFanOut.fanOutAll()
            },
            // Queued e-mail is sent when due (retried with back-off on a relay's 4xx).
            PeriodicJob(
                name: "mail delivery", every: .seconds(configuration.mail.deliverySeconds), logger: logger
            ) {
                try await mail?.sendAllDue()
            },
            // New listings are matched against saved searches; their owners are told.
            PeriodicJob(name: "saved searches", every: .seconds(60), logger: logger) {
                try await services.savedSearchEvaluation.run()
            },
            // New listings are ranked once for the match subscriptions; their subscribers are told.
            PeriodicJob(name: "match subscriptions", every: .seconds(30), logger: logger) {
                try await services.matchSubscriptionEvaluation.run()
            },
        ]
        return always + notifications
    }
}
