import Logging
import ServiceLifecycle

/// Work the server does on a timer (the voucher sweep, the audit checkpoint), as a service of
/// the application's `ServiceGroup`, so that shutdown waits for it instead of abandoning it.
///
/// The job runs at once, then every `interval`. On graceful shutdown (SIGTERM, SIGINT) or
/// cancellation the *wait* between runs ends at once, but a run in progress is never cancelled:
/// a sweep inside its write transaction is waited for, then the service returns. A run that
/// throws is logged and the next one comes at the usual time; the service itself never fails.
public struct PeriodicJob: Service {
    public let name: String
    public let interval: Duration
    let logger: Logger
    let job: @Sendable () async throws -> Void

    public init(
        name: String, every interval: Duration, logger: Logger, job: @escaping @Sendable () async throws -> Void
    ) {
        self.name = name
        self.interval = interval
        self.logger = logger
        self.job = job
    }

    public func run() async {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await runOnce()
            do {
                // Graceful shutdown cancels the sleep, and only the sleep.
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch {
                break
            }
        }
        logger.debug("\(name) stopped", metadata: ["job": "\(name)"])
    }

    /// One run, shielded from cancellation: it runs in a task of its own, and awaiting that
    /// task's value waits for it to finish even when this task is cancelled.
    func runOnce() async {
        let run = Task { [job] in try await job() }
        do {
            try await run.value
        } catch {
            logger.error("\(name) failed", metadata: ["job": "\(name)", "error": "\(error)"])
        }
    }
}
