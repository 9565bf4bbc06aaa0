import Foundation
import Hummingbird
import Identity
import Kernel
import Platform

/// Sign in, sign out, and the language switch.
struct SessionPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("login") { request, context in
            await site.handle(request, context) { visit in
                let query = request.uri.queryParameters
                let notice =
                    query["invited"] != nil
                    ? visit.text("login.invited") : query["reset"] != nil ? visit.text("login.reset_done") : nil
                return site.page(
                    visit, template: "login", title: visit.text("login.title"),
                    Login(next: Self.safeNext(query["next"].map(String.init)), notice: notice))
            }
        }
        console.post("login") { request, context in
            await site.handle(request, context) { visit in
                let form = try await site.form(request, visit)
                let next = Self.safeNext(form["next"])
                do {
                    let issued = try await site.services.auth.login(
                        username: form["username"] ?? "", password: form["password"] ?? "",
                        code: form["code"].flatMap { $0.isEmpty ? nil : $0 }, requestID: visit.requestID
                    )
                    // Staff without one-time passwords: the session may only enrol.
                    var response = site.redirect(
                        issued.totpEnrollmentRequired == true ? "/console/account/security" : next)
                    let lifetime = max(60, Int(issued.expiresAt.timeIntervalSinceNow))
                    response.setCookie(site.cookie(Site.sessionCookie, issued.token, maxAge: lifetime))
                    return response
                } catch let error as DomainError
                    where [.unauthenticated, .invalid, .tooManyRequests].contains(error.kind)
                {
                    // Locked after repeated failures (429): the same page, with the wait in the message and Retry-After.
                    let locked = error.kind == .tooManyRequests
                    var page = site.page(
                        visit, template: "login", title: visit.text("login.title"),
                        Login(
                            next: next, username: form["username"] ?? "", error: visit.language.message(error),
                            askCode: ["totp_code_required", "totp_code_wrong"].contains(error.code)),
                        status: locked ? .tooManyRequests : .unauthorized)
                    if locked, case .int(let seconds)? = error.details["retryAfterSeconds"] {
                        page.headers[.retryAfter] = String(seconds)
                    }
                    return page
                }
            }
        }
        console.post("logout") { request, context in
            await site.handle(request, context) { visit in
                _ = try await site.form(request, visit)
                if let principal = visit.principal {
                    try await site.services.auth.logout(principal, requestID: visit.requestID)
                }
                var response = site.redirect("/console")
                response.setCookie(site.cookie(Site.sessionCookie, "", maxAge: 0))
                return response
            }
        }
        console.post("language") { request, context in
            await site.handle(request, context) { visit in
                let form = try await site.form(request, visit)
                let language = form["language"].flatMap(Language.init(rawValue:)) ?? .zh
                if let actor = visit.actor {
                    try await ConsolePreferences.setLanguage(site.services.database, language, by: actor)
                }
                var response = site.redirect(Self.safeNext(form["next"]))
                response.setCookie(site.cookie(Site.languageCookie, language.rawValue, maxAge: 31_536_000))
                return response
            }
        }
    }

    /// The sign-in form (login.mustache): where to go next, and after a refusal what was typed
    /// and why it was refused.
    struct Login: Sendable {
        var next: String
        var username: String?
        var error: String?
        /// The user has one-time passwords on: ask for a code (or a recovery code).
        var askCode = false
        var notice: String?
    }

    /// Only paths inside the console: never an open redirect.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/console"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains("\n")
        else { return "/console" }
        return next
    }
}
