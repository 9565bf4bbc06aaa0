import Hummingbird
import Identity
import Kernel
import Notifications
import Platform

/// The signed-in user's own inbox (issue 17): read it, newest first, and mark items read.
struct NotificationController {
    let services: AppServices
    let body: RequestBody

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("notifications", use: list)
        group.post("notifications/read", use: markRead)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        let unreadOnly = try query.string("unread", max: 5)
        guard unreadOnly == nil || unreadOnly == "true" || unreadOnly == "false" else {
            throw DomainError.invalid(
                "invalid_value", field: "unread", zh: "unread 须为 true 或 false", en: "unread is true or false")
        }
        let page = try await services.inbox.page(
            for: try context.requirePrincipal().actor(requestID: context.requestID), unreadOnly: unreadOnly == "true",
            page: try query.page())
        return try JSON.response(PageBody(try Components.Schemas.NotificationPage(page)))
    }

    @Sendable func markRead(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NotificationsRead.self, from: request, context: context)
        return try JSON.response(
            Components.Schemas.NotificationsMarked(try await services.inbox.markRead(wire.ids, by: actor)))
    }
}
