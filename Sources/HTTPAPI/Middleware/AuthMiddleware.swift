import Hummingbird
import Identity
import Kernel
import Platform

/// Verifies a bearer token when one is present; routes that need one call `requirePrincipal`.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let verifier: TokenVerifier
    static let enrollmentPaths: Set<String> = [
        "/v1/me", "/v1/me/totp", "/v1/me/totp/start", "/v1/me/totp/confirm", "/v1/auth/logout",
    ]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard header.count > 7, header.prefix(7).lowercased() == "bearer " else { throw DomainError.unauthenticated }
        var context = context
        let principal = try await verifier.verify(String(header.dropFirst(7)))
        // A staff session without TOTP may only read who it is, enrol and sign out.
        if principal.enrollOnly, !Self.enrollmentPaths.contains(request.uri.path) {
            throw AccountSecuritySettings.totpRequired
        }
        context.principal = principal
        var response = try await next(request, context)
        // Answers to signed-in requests are for that user only.
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
