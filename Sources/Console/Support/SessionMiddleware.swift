import Hummingbird
import Identity
import Platform

/// Fills the request context of every console route from the session cookie: the principal and
/// the session's token (the CSRF token derives from it). A bearer token the API middleware may
/// have accepted is dropped here: console pages act on the session alone.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let verifier: TokenVerifier
    static let enrollmentPaths: Set<String> = [
        "/console/account/security", "/console/account/security/totp/start", "/console/account/security/totp/confirm",
        "/console/logout", "/console/language",
    ]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.principal = nil
        context.sessionToken = nil
        if let token = request.cookies[Site.sessionCookie]?.value, !token.isEmpty,
            let principal = try? await verifier.verify(token)
        {
            context.principal = principal
            context.sessionToken = token
            // A staff session without TOTP may only enrol (and sign out or switch language).
            if principal.enrollOnly, !Self.enrollmentPaths.contains(request.uri.path),
                !request.uri.path.hasPrefix("/console/assets/")
            {
                return Response(status: .seeOther, headers: [.location: "/console/account/security"])
            }
        }
        return try await next(request, context)
    }
}
