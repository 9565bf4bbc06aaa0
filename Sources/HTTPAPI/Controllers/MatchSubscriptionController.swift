import Hummingbird
import Identity
import Kernel
import Notifications
import Platform

/// Match subscriptions (issue 17): the signed-in user's own.
struct MatchSubscriptionController {
    let services: AppServices
    let body: RequestBody

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("match-subscriptions", use: list)
        group.post("match-subscriptions", use: create)
        group.delete("match-subscriptions/:id", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.requirePrincipal().actor(requestID: context.requestID)
        let items = try await services.matchSubscriptions.list(viewer: viewer)
        return try JSON.response(
            Components.Schemas.MatchSubscriptionList(items: items.map(Components.Schemas.MatchSubscription.init)))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewMatchSubscription.self, from: request, context: context)
        let created = try await services.matchSubscriptions.create(NewMatchSubscription(wire), by: actor)
        return try JSON.response(Components.Schemas.MatchSubscription(created), status: .created)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "subscription", zh: "匹配订阅")
        let actor = try context.requirePrincipal().actor(requestID: context.requestID)
        return try JSON.response(
            Components.Schemas.MatchSubscription(try await services.matchSubscriptions.delete(id, by: actor)))
    }
}
