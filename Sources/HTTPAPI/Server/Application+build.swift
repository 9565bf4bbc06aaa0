import Deals
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import Platform
import ServiceLifecycle
import Synchronization

/// One place builds the app, so the command line, the tests and the benchmarks start it alike.
public enum CorridorServer {
    /// The router with every route and middleware, and its route table.
    /// `extraRoutes` adds routes outside the API (the console) to the same router. `metrics`
    /// collects the `/metrics` series (a fresh registry unless the caller keeps one).
    public static func buildRouter(
        services: AppServices, configuration: Platform.ServerConfiguration,
        metrics: CorridorMetrics = CorridorMetrics(),
        extraRoutes: (Router<AppRequestContext>) -> Void = { _ in }
    ) -> (Router<AppRequestContext>, RouteTable) {
        let router = Router(context: AppRequestContext.self)
        let table = RouteTableBox()
        router.add(middleware: SecurityHeadersMiddleware(strictTransportSecurity: !configuration.http.plaintext))
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: RateLimitMiddleware(limits: configuration.limits, clock: services.clock))
        router.add(
            middleware: ProblemMiddleware(
                routes: table, codes: ProblemCodeCheck(strict: configuration.http.checkProblemCodes)))
        // Before AuthMiddleware: the metrics token is not a user's token.
        metrics.observe(services.database)
        MetricsController(services: services, metrics: metrics, token: configuration.metrics.token).register(on: router)
        router.add(middleware: AuthMiddleware(verifier: services.verifier))
        router.add(middleware: OnBehalfOfMiddleware(database: services.database))
        let body = RequestBody(limit: configuration.http.bodyLimitBytes)
        let v1 = router.group("v1")
        OrganizationController(services: services, body: body).register(on: v1)
        AuthController(services: services, body: body).register(on: v1)
        AccountController(services: services, body: body).register(on: v1)
        SystemController(services: services, document: APIContract.builtIn.buffer).register(on: router, v1: v1)
        AuditController(services: services, body: body).register(on: v1)
        ImportController(importer: services.patentImport, limit: configuration.http.importLimitBytes).register(on: v1)
        ListingController(path: "patents", resource: "patent", zh: "专利", catalog: services.patents, body: body)
            .register(on: v1)
        ListingController(
            path: "achievements", resource: "achievement", zh: "科技成果", catalog: services.achievements, body: body
        )
        .register(on: v1)
        ListingController(path: "needs", resource: "need", zh: "技术需求", catalog: services.needs, body: body).register(
            on: v1)
        ChallengeController(challenges: services.challenges, body: body).register(on: v1)
        SearchController(search: services.search).register(on: v1)
        MatchController(matches: services.matches, feedback: services.feedback, body: body).register(on: v1)
        VoucherController(services: services, body: body).register(on: v1)
        CertificationController(services: services, body: body).register(on: v1)
        RegistrationController(services: services, body: body).register(on: v1)
        ConnectionController(services: services, body: body, attachmentLimit: services.threads.attachmentLimit)
            .register(on: v1)
        ContractController(services: services, body: body).register(on: v1)
        NotificationController(services: services, body: body).register(on: v1)
        WebhookController(services: services, body: body).register(on: v1)
        PreferenceController(services: services, body: body).register(on: v1)
        SavedSearchController(services: services, body: body).register(on: v1)
        UnsubscribeController(services: services).register(on: v1)
        MatchSubscriptionController(services: services, body: body).register(on: v1)
        OpenDataController(services: services, store: OpenDataStore(configuration: configuration)).register(on: v1)
        BrokerController(services: services, body: body).register(on: v1)
        extraRoutes(router)
        let routes = RouteTable(router.routes.map { (path: $0.path.description, method: $0.method) })
        table.set(routes)
        return (router, routes)
    }

    /// The application: HTTPS with HTTP/2 (ALPN h2) and HTTP/1.1, or plain HTTP/1.1 when asked.
    /// `backgroundJobs` run in the application's service group beside the server
    /// (`BackgroundJobs.all`): on graceful shutdown the server stops and finishes its requests
    /// first, then each job is shut down and waited for, last first.
    public static func buildApplication(
        services: AppServices,
        configuration: Platform.ServerConfiguration,
        tls: TLSConfiguration?,
        logger: Logger,
        metrics: CorridorMetrics = CorridorMetrics(),
        extraRoutes: (Router<AppRequestContext>) -> Void = { _ in },
        backgroundJobs: [any Service] = [],
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let (router, _) = buildRouter(
            services: services, configuration: configuration, metrics: metrics, extraRoutes: extraRoutes)
        // HTTPS with HTTP/2 or plain HTTP/1.1, with the connection limits (ConnectionLimits.swift).
        let server = serverBuilder(configuration: configuration, tls: tls, logger: logger)
        return Application(
            router: router,
            server: server,
            configuration: .init(
                address: .hostname(configuration.http.host, port: configuration.http.port),
                serverName: "Corridor",
                availableConnectionsDelegate: ConnectionCap(
                    maximum: configuration.limits.maxConnections, logger: logger)
            ),
            services: backgroundJobs,
            onServerRunning: onServerRunning,
            logger: logger
        )
    }
}

/// Lets the problem middleware, added before the routes, see the finished route table.
final class RouteTableBox: Sendable {
    private let table = Mutex(RouteTable())

    func set(_ routes: RouteTable) { table.withLock { $0 = routes } }
    func allowedMethods(path: String) -> Set<HTTPRequest.Method>? { table.withLock { $0.allowedMethods(path: path) } }
}
