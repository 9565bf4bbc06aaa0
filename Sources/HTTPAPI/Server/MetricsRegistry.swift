import Hummingbird
import Kernel
import Metrics
import Prometheus
import Store
import Synchronization
import Vouchers

/// The server's Prometheus series, served at `/metrics`:
///
/// - `corridor_http_requests_total{method, route, status, status_class}`: requests answered;
/// - `corridor_http_request_duration_seconds{method, route, status_class}`: histogram of the
///   time from the request's head to its response's head;
/// - `corridor_db_write_duration_seconds{action}`: histogram of audited writes (swift-metrics
///   `Timer` from Store's write path);
/// - `corridor_audit_log_entries`: entries in the audit log (its Merkle tree's size), read at scrape;
/// - `corridor_voucher_amount_fen{city, state}`: fen held by pending redemptions, captured and
///   owed to payees, and settled, per issuing city, read from the ledger at scrape.
///
/// `route` is the matched route template (`/v1/organizations/{id}`), never the raw path, or
/// `unmatched` for a path no route has, so the number of series stays bounded.
public final class CorridorMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics face of `registry`, with this server's histogram buckets.
    public let factory: PrometheusMetricsFactory

    static let requestBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .microseconds(2_500), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .microseconds(2_500_000), .seconds(5), .seconds(10),
    ]
    static let writeBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .microseconds(2_500), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .microseconds(2_500_000), .seconds(5),
    ]

    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "corridor", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests answered, by method, route template and status."
        )
    }

    static var requestDuration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "corridor", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "Time from a request's head to its response's head, by method, route template and status class."
        )
    }

    static var auditEntries: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "corridor", subsystem: "audit", metricName: "log", unitName: "entries",
            helpText: "Entries in the audit log (the size of its Merkle tree)."
        )
    }

    static var voucherAmount: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "corridor", subsystem: "voucher", metricName: "amount", unitName: "fen",
            helpText:
                "Voucher money per issuing city: held by pending redemptions, captured and owed to payees, settled."
        )
    }

    private struct RequestKey: Hashable {
        var method: HTTPRequest.Method
        var route: String
        var status: Int
    }

    private struct RequestSeries {
        var count: Prometheus.Counter
        var duration: DurationHistogram
    }

    private let series = Mutex<[RequestKey: RequestSeries]>([:])
    private let routes = Mutex<[String: String]>([:])

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [WriteMetrics.label: Self.writeBuckets]
        factory.defaultDurationHistogramBuckets = Self.requestBuckets
        self.factory = factory
    }

    /// Makes this registry the process's swift-metrics backend, so libraries' metrics land in
    /// it too. Once per process (`corridor serve`); tests keep to their own instances.
    public func bootstrapProcess() {
        MetricsSystem.bootstrap(factory)
    }

    /// Starts timing the database's audited writes into this registry.
    public func observe(_ database: AppDatabase) {
        database.writeMetrics.report(to: factory)
    }

    // MARK: requests

    /// Counts one answered request and records how long it took.
    func request(method: HTTPRequest.Method, endpoint: String?, status: Int, duration: Duration) {
        let key = RequestKey(method: method, route: route(for: endpoint), status: status)
        let entry = series.withLock { series in
            if let entry = series[key] { return entry }
            let statusClass = "\(status / 100)xx"
            let entry = RequestSeries(
                count: registry.makeCounter(
                    descriptor: Self.requests,
                    labels: [
                        ("method", method.rawValue), ("route", key.route), ("status", String(status)),
                        ("status_class", statusClass),
                    ]
                ),
                duration: registry.makeDurationHistogram(
                    descriptor: Self.requestDuration,
                    labels: [("method", method.rawValue), ("route", key.route), ("status_class", statusClass)],
                    buckets: Self.requestBuckets
                )
            )
            series[key] = entry
            return entry
        }
        entry.count.increment()
        entry.duration.record(duration)
    }

    /// The route template in OpenAPI style (`/v1/organizations/:id` → `/v1/organizations/{id}`),
    /// or `unmatched` when no route matched (Hummingbird's `NotFound`).
    func route(for endpoint: String?) -> String {
        guard let endpoint, endpoint != "NotFound" else { return "unmatched" }
        if let known = routes.withLock({ $0[endpoint] }) { return known }
        let segments = endpoint.split(separator: "/").map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }
        let route = "/" + segments.joined(separator: "/")
        routes.withLock { $0[endpoint] = route }
        return route
    }

    // MARK: scrape

    /// Sets the gauges read at scrape time.
    func refresh(auditEntries: Int64, ledger: [LedgerTotals]) {
        registry.makeGauge(descriptor: Self.auditEntries, labels: []).set(Double(auditEntries))
        for totals in ledger {
            let city = totals.city.rawValue
            for (state, fen) in [
                ("held", totals.heldFen), ("captured", totals.capturedFen), ("settled", totals.settledFen),
            ] {
                registry.makeGauge(descriptor: Self.voucherAmount, labels: [("city", city), ("state", state)]).set(
                    Double(fen))
            }
        }
    }

    /// The Prometheus text exposition of every series.
    func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
