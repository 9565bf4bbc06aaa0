import Foundation
import Hummingbird
import Kernel
import Notifications
import Platform

/// The signed-in person's inbox (issue 17): newest first in cursor pages, optionally unread
/// only, each item linking to its object; mark one or all read (POST forms with the CSRF
/// token). The bell in every page's frame counts what is unread.
struct NotificationPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("notifications") { request, context in
            await site.handle(request, context) { visit in
                let query = request.uri.queryParameters
                return try await page(
                    visit, unreadOnly: query["unread"] == "1", cursor: query["cursor"].map(String.init),
                    notice: query["done"] != nil ? visit.text("notifications.marked") : nil)
            }
        }
        console.post("notifications/read") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try visit.signedIn()
                let form = try await site.form(request, visit)
                // One item by its id, or (without one) every item.
                let ids = try form["id"].map { text -> [Int64] in
                    guard let id = Int64(text), id > 0 else { throw Self.notFound }
                    return [id]
                }
                _ = try await site.services.inbox.markRead(ids, by: actor)
                return site.redirect("/console/notifications?done=1" + (form["unread"] == "1" ? "&unread=1" : ""))
            }
        }
    }

    static var notFound: DomainError { .notFound("notification", zh: "通知") }

    func page(_ visit: Visit, unreadOnly: Bool, cursor: String?, notice: String?) async throws -> Response {
        let (_, actor) = try visit.signedIn()
        let inbox = try await site.services.inbox.page(
            for: actor, unreadOnly: unreadOnly, page: PageRequest(limit: 20, after: try cursor.map(Cursor.decode)))
        let view = NotificationsView(
            notice: notice, unread: inbox.unread, hasUnread: inbox.unread > 0, unreadOnly: unreadOnly,
            items: inbox.items.map { NotificationRow($0, visit: visit) },
            next: inbox.nextCursor.map { "/console/notifications?cursor=\($0)" + (unreadOnly ? "&unread=1" : "") })
        return site.page(visit, template: "notifications", title: visit.text("notifications.title"), view)
    }
}
