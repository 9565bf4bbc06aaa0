import Kernel
import Notifications

// Between the wire types of the webhook routes (generated from openapi.yaml) and the
// Notifications module's own types.

extension Components.Schemas.WebhookEndpoint {
    init(_ domain: WebhookEndpoint) {
        self.init(
            active: domain.disabledAt == nil, createdAt: domain.createdAt, disabledAt: domain.disabledAt,
            id: domain.id, organizationId: domain.organizationId, rotatedAt: domain.rotatedAt, url: domain.url)
    }
}

extension Components.Schemas.WebhookEndpointPage {
    init(_ domain: Page<WebhookEndpoint>) {
        self.init(items: domain.items.map(Components.Schemas.WebhookEndpoint.init), nextCursor: domain.nextCursor)
    }
}

extension PageBody<Components.Schemas.WebhookEndpointPage> {
    init(_ page: Components.Schemas.WebhookEndpointPage) { self.init(page: page, nextCursor: page.nextCursor) }
}

extension Components.Schemas.WebhookSecret {
    init(_ domain: WebhookEndpointWithSecret) {
        self.init(
            alreadyShown: domain.secretShown, endpoint: Components.Schemas.WebhookEndpoint(domain.endpoint),
            secret: domain.secret)
    }
}

extension Components.Schemas.WebhookDelivery {
    init(_ domain: WebhookDelivery) {
        self.init(
            attempts: Int64(domain.attempts), createdAt: domain.createdAt, deliveredAt: domain.deliveredAt,
            endpointId: domain.endpointId, eventId: domain.eventId, id: domain.id,
            lastError: domain.lastError, lastStatus: domain.lastStatus.map(Int64.init),
            nextAttemptAt: domain.nextAttemptAt, status: Components.Schemas.WebhookDeliveryStatus(domain.status))
    }
}

extension Components.Schemas.WebhookDeliveryStatus {
    init(_ domain: WebhookDelivery.Status) {
        switch domain {
        case .pending: self = .pending
        case .delivered: self = .delivered
        case .failed: self = .failed
        }
    }
}

extension Components.Schemas.WebhookDeliveryPage {
    init(_ domain: Page<WebhookDelivery>) {
        self.init(items: domain.items.map(Components.Schemas.WebhookDelivery.init), nextCursor: domain.nextCursor)
    }
}

extension PageBody<Components.Schemas.WebhookDeliveryPage> {
    init(_ page: Components.Schemas.WebhookDeliveryPage) { self.init(page: page, nextCursor: page.nextCursor) }
}
