import Hummingbird
import Kernel
import Logging
import Platform

/// Counts and times every answered request by route template and status, and logs it at
/// debug level (with the request id the logger carries). Sits inside `RequestIDMiddleware` and
/// outside `ProblemMiddleware`, so it sees the status the client gets, problems included.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: CorridorMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status.code, since: start)
            return response
        } catch {
            record(request, context, status: Self.status(of: error), since: start)
            throw error
        }
    }

    /// The status an error escaping the inner middleware will be answered with.
    static func status(of error: any Error) -> Int {
        if let error = error as? any HTTPResponseError { return error.status.code }
        if let domain = ErrorTranslation.domainError(for: error) { return domain.kind.status.code }
        return 500
    }

    private func record(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        let duration = ContinuousClock.now - start
        metrics.request(method: request.method, endpoint: context.endpointPath, status: status, duration: duration)
        // The route template only: a raw path or query string may carry personal data.
        context.logger.debug(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "route": .string(metrics.route(for: context.endpointPath)),
                "status": .stringConvertible(status),
                "duration_us": .stringConvertible(
                    duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000),
            ])
    }
}
