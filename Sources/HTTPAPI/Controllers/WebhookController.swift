import Hummingbird
import Identity
import Kernel
import Notifications
import Platform

/// An organisation's webhook endpoints (issue 17), for its administrators: register one (the
/// signing secret is in the 201 answer and nowhere else), list, rotate the secret, disable, read
/// an endpoint's delivery log and put a failed delivery back in the queue.
struct WebhookController {
    let services: AppServices
    let body: RequestBody

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("organizations/:id/webhooks", use: list)
        group.post("organizations/:id/webhooks", use: create)
        group.post("webhooks/:id/rotate", use: rotate)
        group.post("webhooks/:id/disable", use: disable)
        group.get("webhooks/:id/deliveries", use: deliveries)
        group.post("webhooks/:id/deliveries/:deliveryId/redeliver", use: redeliver)
    }

    /// A secret is never kept by a cache on the way back.
    static let noStore: HTTPFields = [.cacheControl: "no-store"]

    func viewer(_ context: AppRequestContext) throws -> Actor {
        try context.requirePrincipal().actor(requestID: context.requestID)
    }

    /// A step without a body: the actor carries the request's idempotency claim.
    func actor(_ request: Request, _ context: AppRequestContext) throws -> Actor {
        try context.requirePrincipal().actor(
            requestID: context.requestID, idempotency: try IdempotencyHeader.claim(request, body: nil))
    }

    func webhookID(_ context: AppRequestContext) throws -> Int64 {
        try context.id(resource: "webhook", zh: "回调地址")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let organization = try context.id(resource: "organization", zh: "机构")
        let page = try await services.webhooks.list(
            organization: organization, by: try viewer(context), page: try Query(request).page())
        return try JSON.response(PageBody(Components.Schemas.WebhookEndpointPage(page)))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let organization = try context.id(resource: "organization", zh: "机构")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewWebhookEndpoint.self, from: request, context: context)
        let created = try await services.webhooks.create(organization: organization, url: wire.url, by: actor)
        return try JSON.response(Components.Schemas.WebhookSecret(created), status: .created, headers: Self.noStore)
    }

    @Sendable func rotate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rotated = try await services.webhooks.rotate(try webhookID(context), by: try actor(request, context))
        return try JSON.response(Components.Schemas.WebhookSecret(rotated), headers: Self.noStore)
    }

    @Sendable func disable(_ request: Request, context: AppRequestContext) async throws -> Response {
        let disabled = try await services.webhooks.disable(try webhookID(context), by: try actor(request, context))
        return try JSON.response(Components.Schemas.WebhookEndpoint(disabled))
    }

    @Sendable func deliveries(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        let page = try await services.webhooks.deliveries(
            try webhookID(context), status: try query.choice("status", as: WebhookDelivery.Status.self),
            by: try viewer(context), page: try query.page())
        return try JSON.response(PageBody(Components.Schemas.WebhookDeliveryPage(page)))
    }

    @Sendable func redeliver(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try webhookID(context)
        let delivery = try context.id("deliveryId", resource: "webhook_delivery", zh: "回调投递记录")
        let queued = try await services.webhooks.redeliver(delivery, endpoint: id, by: try actor(request, context))
        return try JSON.response(Components.Schemas.WebhookDelivery(queued))
    }
}
