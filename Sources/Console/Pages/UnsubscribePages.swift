import Foundation
import Hummingbird
import Kernel
import Notifications
import Platform

/// The page a notification e-mail's "stop e-mail of this kind" link opens: no sign-in (the
/// link's MAC is the credential), one button, so that a mail scanner fetching the link changes
/// nothing. Mail clients use the API's one-click POST instead.
struct UnsubscribePages {
    let site: Site

    struct Unsubscribe: Sendable {
        var user: String
        var category: String
        var mac: String
        var categoryLabel: String
        var ask: Bool
        var done: Bool
        var error: String?
    }

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("unsubscribe") { request, context in
            await site.handle(request, context) { visit in
                let query = request.uri.queryParameters
                return render(
                    visit, user: query.get("user") ?? "", category: query.get("category") ?? "",
                    mac: query.get("mac") ?? "", done: false, error: nil)
            }
        }
        console.post("unsubscribe") { request, context in
            await site.handle(request, context) { visit in
                let form = try await site.form(request, visit)
                let (user, category, mac) = (form["user"] ?? "", form["category"] ?? "", form["mac"] ?? "")
                do {
                    guard let id = Int64(user), let kind = EventKind.Category(rawValue: category), mac.utf8.count == 32
                    else { throw NotificationsError.unsubscribeLinkInvalid }
                    _ = try await site.services.preferences.unsubscribe(
                        user: id, category: kind, mac: mac, key: site.services.unsubscribeKey,
                        requestID: visit.requestID)
                    return render(visit, user: user, category: category, mac: mac, done: true, error: nil)
                } catch let error as DomainError {
                    return render(
                        visit, user: user, category: category, mac: mac, done: false,
                        error: visit.language.message(error), status: .notFound)
                }
            }
        }
    }

    func render(
        _ visit: Visit, user: String, category: String, mac: String, done: Bool, error: String?,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let known = EventKind.Category(rawValue: category)
        let label = known.map { visit.text("preferences.category.\($0.rawValue)") } ?? ""
        return site.page(
            visit, template: "unsubscribe", title: visit.text("unsubscribe.title"),
            Unsubscribe(
                user: user, category: category, mac: mac, categoryLabel: label,
                ask: !done && error == nil && known != nil,
                done: done, error: error ?? (known == nil && !done ? visit.text("unsubscribe.invalid") : nil)),
            status: status)
    }
}
