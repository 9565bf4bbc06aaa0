import HTTPTypes
import Hummingbird
import Identity
import Kernel
import Platform
import Store

/// `Corridor-On-Behalf-Of: <client organisation id>` (issue 18): a broker acting for a client.
/// Accepted only on the operations listed (each declares the header in openapi.yaml); anywhere
/// else it is refused, so no read or other write runs as the client. The delegation itself is
/// checked inside the write's transaction (Identity's `DelegationGuard`).
struct OnBehalfOfMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let database: AppDatabase

    /// (method, path pattern) with `*` for one id segment.
    static let operations: [(HTTPRequest.Method, [String])] = [
        (.post, ["v1", "needs"]), (.patch, ["v1", "needs", "*"]),
        (.post, ["v1", "connections"]),
        (.post, ["v1", "contracts"]), (.put, ["v1", "contracts", "*", "terms"]),
        (.post, ["v1", "contracts", "*", "payments"]),
    ]

    static func accepts(_ method: HTTPRequest.Method, _ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return operations.contains { allowed, pattern in
            allowed == method && pattern.count == segments.count
                && zip(pattern, segments).allSatisfy { $0 == "*" ? Int64($1) != nil : $0 == $1 }
        }
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.onBehalfOf] else { return try await next(request, context) }
        guard Self.accepts(request.method, request.uri.path) else { throw BrokerError.notApplicable }
        guard header.utf8.count <= 19, let client = Int64(header), client > 0 else {
            throw DomainError.invalid(
                "invalid_value", field: "Corridor-On-Behalf-Of", zh: "Corridor-On-Behalf-Of 须为机构编号",
                en: "Corridor-On-Behalf-Of must be an organisation id")
        }
        guard context.principal != nil else { throw DomainError.unauthenticated }
        var context = context
        context.actingFor = try await ActingFor.resolve(client, database: database)
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let onBehalfOf = HTTPField.Name("Corridor-On-Behalf-Of")!
}

extension Actor {
    /// This actor, or acting as a broker for the client the request names.
    func acting(_ actingFor: ActingFor?) throws -> Actor {
        guard let actingFor else { return self }
        return try acting(for: actingFor)
    }
}
