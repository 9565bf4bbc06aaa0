import Metrics
import Synchronization

/// Where the audited write path reports how long each write took (swift-metrics `Timer`
/// `corridor_db_write_duration_seconds`, one series per action). Nothing is recorded until a
/// factory is given: the server gives its Prometheus registry's, tests and tools give none.
public final class WriteMetrics: Sendable {
    /// The timer's label: waiting for the one writer, the module's checks and writes, the audit
    /// append and the commit (with `synchronous = FULL`, the fsync) together.
    public static let label = "corridor_db_write_duration_seconds"

    private let factory = Mutex<(any MetricsFactory)?>(nil)
    private let timers = Mutex<[String: Metrics.Timer]>([:])

    init() {}

    /// Reports every later write to `factory` (the last one given wins).
    public func report(to factory: any MetricsFactory) {
        self.factory.withLock { $0 = factory }
        timers.withLock { $0 = [:] }
    }

    /// Times `body` when a factory was given, as one write of `action`, failed or not.
    func timed<T>(_ action: String, _ body: () async throws -> T) async rethrows -> T {
        guard let timer = timer(for: action) else { return try await body() }
        let start = ContinuousClock.now
        defer { timer.record(duration: ContinuousClock.now - start) }
        return try await body()
    }

    func timedSync<T>(_ action: String, _ body: () throws -> T) rethrows -> T {
        guard let timer = timer(for: action) else { return try body() }
        let start = ContinuousClock.now
        defer { timer.record(duration: ContinuousClock.now - start) }
        return try body()
    }

    private func timer(for action: String) -> Metrics.Timer? {
        guard let factory = factory.withLock({ $0 }) else { return nil }
        return timers.withLock { timers in
            if let timer = timers[action] { return timer }
            let timer = Metrics.Timer(label: Self.label, dimensions: [("action", action)], factory: factory)
            timers[action] = timer
            return timer
        }
    }
}
