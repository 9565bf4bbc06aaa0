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
                site.page(
                    visit, template: "login", title: visit.text("login.title"),
                    Login(next: Self.safeNext(request.uri.queryParameters["next"].map(String.init))))
            }
        }
        console.post("login") { request, context in
            await site.handle(request, context) { visit in
                let form = try await site.form(request, visit)
                let next = Self.safeNext(form["next"])
                do {
                    let issued = try await site.services.auth.login(
                        username: form["username"] ?? "", password: form["password"] ?? "", requestID: visit.requestID
                    )
                    var response = site.redirect(next)
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
                        Login(next: next, username: form["username"] ?? "", error: visit.language.message(error)),
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
    }

    /// Only paths inside the console: never an open redirect.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/console"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains("\n")
        else { return "/console" }
        return next
    }
}
