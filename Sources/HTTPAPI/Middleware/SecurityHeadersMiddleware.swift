import HTTPTypes
import Hummingbird
import Platform

/// Headers on every response of the router (the API and the console): no MIME sniffing; HSTS when
/// the server speaks TLS; `Cache-Control: no-store` on every answer to a request that carried a
/// bearer token, errors included (the console sets its own cache rules for cookie sessions).
/// Added first, so it wraps every other middleware and the 429s of the rate limit.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// True when the server speaks TLS.
    let strictTransportSecurity: Bool

    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let hsts = "max-age=31536000"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(
            to: &response.headers, tls: strictTransportSecurity, authenticated: request.headers[.authorization] != nil)
        return response
    }

    static func apply(to headers: inout HTTPFields, tls: Bool, authenticated: Bool) {
        headers[contentTypeOptions] = "nosniff"
        if tls { headers[.strictTransportSecurity] = hsts }
        if authenticated { headers[.cacheControl] = "no-store" }
    }
}
