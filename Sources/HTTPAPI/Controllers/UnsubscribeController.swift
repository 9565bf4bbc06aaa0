import Hummingbird
import Kernel
import Notifications
import Platform

/// One-click unsubscribe (RFC 8058): the link in every notification e-mail, POSTed by the mail
/// client. No sign-in: the MAC in the link is the credential. Any malformed or altered link is
/// answered alike.
struct UnsubscribeController {
    let services: AppServices

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("unsubscribe", use: unsubscribe)
    }

    @Sendable func unsubscribe(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let user = query.get("user").flatMap({ Int64($0) }), user > 0,
            let category = query.get("category").flatMap({ EventKind.Category(rawValue: $0) }),
            let mac = query.get("mac"), mac.utf8.count == 32
        else {
            throw NotificationsError.unsubscribeLinkInvalid
        }
        _ = try await services.preferences.unsubscribe(
            user: user, category: category, mac: mac, key: services.unsubscribeKey, requestID: context.requestID)
        return Response(status: .noContent)
    }
}
