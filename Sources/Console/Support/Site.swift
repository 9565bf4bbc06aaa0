import CorridorCrypto
import Foundation
import Hummingbird
import Identity
import Kernel
import Logging
import Notifications
import Platform

/// What every console page shares: the services, the templates, the session and the page frame.
public struct Site: Sendable {
    let services: AppServices
    let renderer: Renderer
    /// `Secure` on cookies: true behind HTTPS (always in production).
    let secureCookies: Bool
    let logger = Logger(label: "corridor.console")

    static let sessionCookie = "corridor_session"
    static let csrfCookie = "corridor_csrf"
    static let languageCookie = "corridor_lang"

    /// Who is asking, in which language: the request context carries the id and the principal
    /// (`SessionMiddleware` verified the session cookie); the page adds the language and names.
    func visit(_ request: Request, _ context: AppRequestContext) async -> Visit {
        let cookies = request.cookies
        var language = cookies[Self.languageCookie].flatMap { Language(rawValue: $0.value) } ?? .zh
        var visit = Visit(
            principal: nil, language: language, csrf: cookies[Self.csrfCookie]?.value ?? "",
            requestID: context.requestID, path: request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        )
        if let principal = context.principal, let token = context.sessionToken {
            visit.principal = principal
            visit.csrf = Visit.csrf(forSession: token)
            if let saved = try? await ConsolePreferences.language(services.database, userID: principal.userID) {
                language = saved
            }
            visit.language = language
            if let organization = try? await services.organizations.get(
                principal.organizationID, by: principal.actor(requestID: context.requestID))
            {
                visit.organizationName = organization.name
                visit.organizationKind = organization.kind
            }
            visit.displayName = principal.username
            // The bell: one COUNT on the inbox's partial index of unread items.
            visit.unread = try? await services.inbox.unreadCount(for: principal.actor(requestID: context.requestID))
        }
        return visit
    }

    /// Runs a page: errors become the right answer (a redirect to sign in, a 403/404 page, or
    /// the error page with the message in the visitor's language) — never a stack trace.
    func handle(
        _ request: Request, _ context: AppRequestContext, _ body: (Visit) async throws -> Response
    ) async -> Response {
        var visit = await visit(request, context)
        if visit.principal == nil, visit.csrf.isEmpty { visit.csrf = SecureRandom.bytes(24).hexString }
        var response: Response
        do {
            response = try await body(visit)
        } catch ConsoleRedirect.login(let next) {
            response = redirect(
                "/console/login?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
        } catch ConsoleRedirect.to(let location) {
            response = redirect(location)
        } catch let error as DomainError {
            let status = error.kind.status
            response = page(
                visit, template: "error", title: visit.text("error.title"),
                ErrorView(message: visit.language.message(error), code: error.code), status: status)
        } catch {
            logger.error(
                "console page failed",
                metadata: ["path": "\(visit.path)", "error": "\(error)", "requestId": "\(visit.requestID)"])
            response = page(
                visit, template: "error", title: visit.text("error.title"),
                ErrorView(message: visit.text("error.unexpected"), code: "internal"), status: .internalServerError)
        }
        if visit.principal == nil, request.cookies[Self.csrfCookie]?.value != visit.csrf {
            response.setCookie(cookie(Self.csrfCookie, visit.csrf, maxAge: 7_200))
        }
        return response
    }

    /// The form of a POST, after checking its CSRF token (403 otherwise).
    func form(_ request: Request, _ visit: Visit) async throws -> Form {
        let form = try await Form(request)
        try checkCSRF(form["_csrf"], visit)
        return form
    }

    /// Refuses (403) a form whose `_csrf` is not the visit's token.
    func checkCSRF(_ sent: String?, _ visit: Visit) throws {
        guard !visit.csrf.isEmpty, let sent, constantTimeEqual(sent, visit.csrf) else {
            throw DomainError(
                .forbidden, code: "csrf", zh: "表单已过期或来源不明，请刷新页面后重试",
                en: "The form expired or did not come from this site; reload the page and try again")
        }
    }

    func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    func cookie(_ name: String, _ value: String, maxAge: Int?) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/console", secure: secureCookies, httpOnly: true,
            sameSite: .strict)
    }

    func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// A whole page: the template rendered into the frame (header, navigation for the role,
    /// language switch), with the security headers every console page carries.
    func page<Page: Sendable>(
        _ visit: Visit, template: String, title: String, _ page: Page, status: HTTPResponse.Status = .ok
    ) -> Response {
        let labels = Labels(language: visit.language)
        let body = renderer.render(
            template, PageScope(page: page, t: labels, csrf: visit.csrf, lang: visit.language.rawValue))
        let frame = Frame(
            title: title, body: body, t: labels, csrf: visit.csrf,
            user: visit.principal.map {
                Frame.User(
                    name: visit.displayName ?? $0.username, organization: visit.organizationName ?? "",
                    role: visit.text("role.\($0.role.rawValue)"))
            },
            bell: visit.unread.map { Frame.Bell(unread: $0, hasUnread: $0 > 0) },
            nav: Navigation.items(for: visit), path: visit.path,
            htmlLang: visit.language == .zh ? "zh-Hans" : "en", otherLanguage: visit.language == .zh ? "en" : "zh",
            otherLanguageName: visit.language == .zh ? "English" : "中文")
        let html = renderer.render("layout", frame)
        var headers = Self.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// The error page's values.
    struct ErrorView: Sendable {
        let message: String
        let code: String
    }

    /// Nothing is loaded from elsewhere; no inline script; forms post only here.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static let securityHeaders: HTTPFields = [
        .init("Content-Security-Policy")!: contentSecurityPolicy,
        .init("X-Content-Type-Options")!: "nosniff",
        .init("Referrer-Policy")!: "same-origin",
        .init("X-Frame-Options")!: "DENY",
        .cacheControl: "no-store",
    ]
}
