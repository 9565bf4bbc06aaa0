import Hummingbird
import Identity
import Platform

/// Fills the request context of every console route from the session cookie: the principal and
/// the session's token (the CSRF token derives from it). A bearer token the API middleware may
/// have accepted is dropped here: console pages act on the session alone.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let verifier: TokenVerifier

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
        }
        return try await next(request, context)
    }
}
