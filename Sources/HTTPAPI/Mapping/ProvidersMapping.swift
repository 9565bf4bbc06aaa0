import Kernel
import Vouchers

// Between the wire types of the provider-registry routes (generated from openapi.yaml) and the
// Vouchers module's own types; every member and case spelled out (see VoucherPoliciesMapping).

extension NewProvider {
    init(_ wire: Components.Schemas.NewProvider) {
        self.init(categories: wire.categories.map(ServiceCategory.init))
    }
}

extension Components.Schemas.NewProvider {
    init(_ domain: NewProvider) {
        self.init(categories: domain.categories.map(Components.Schemas.VoucherCategory.init))
    }
}

extension ProviderAction {
    init(_ wire: Components.Schemas.ProviderAction) {
        self.init(action: Kind(wire.action), reason: wire.reason)
    }
}

extension Components.Schemas.ProviderAction {
    init(_ domain: ProviderAction) {
        self.init(action: ActionPayload(domain.action), reason: domain.reason)
    }
}

extension ProviderAction.Kind {
    init(_ wire: Components.Schemas.ProviderAction.ActionPayload) {
        switch wire {
        case .approve: self = .approve
        case .reject: self = .reject
        case .overrule: self = .overrule
        case .suspend: self = .suspend
        case .reinstate: self = .reinstate
        case .delist: self = .delist
        }
    }
}

extension Components.Schemas.ProviderAction.ActionPayload {
    init(_ domain: ProviderAction.Kind) {
        switch domain {
        case .approve: self = .approve
        case .reject: self = .reject
        case .overrule: self = .overrule
        case .suspend: self = .suspend
        case .reinstate: self = .reinstate
        case .delist: self = .delist
        }
    }
}

extension NewObjection {
    init(_ wire: Components.Schemas.NewObjection) {
        self.init(reason: wire.reason)
    }
}

extension Components.Schemas.NewObjection {
    init(_ domain: NewObjection) {
        self.init(reason: domain.reason)
    }
}

// Responses.

extension Components.Schemas.Provider {
    init(_ domain: Provider) {
        self.init(
            categories: domain.categories.map(Components.Schemas.VoucherCategory.init),
            city: Components.Schemas.CityCode(domain.city),
            createdAt: domain.createdAt, history: domain.history.map(HistoryPayloadPayload.init), id: domain.id,
            noticeEndsAt: domain.noticeEndsAt, objections: domain.objections.map(ObjectionsPayloadPayload.init),
            organizationId: domain.organizationId, status: Components.Schemas.ProviderStatus(domain.status),
            updatedAt: domain.updatedAt)
    }
}

extension Components.Schemas.Provider.HistoryPayloadPayload {
    init(_ domain: Provider.Event) {
        self.init(at: domain.at, reason: domain.reason, status: Components.Schemas.ProviderStatus(domain.status))
    }
}

extension Components.Schemas.Provider.ObjectionsPayloadPayload {
    init(_ domain: Provider.Objection) {
        self.init(
            at: domain.at, organizationId: domain.organizationId, reason: domain.reason, resolution: domain.resolution)
    }
}

extension Components.Schemas.ProviderStatus {
    init(_ domain: Provider.Status) {
        switch domain {
        case .applied: self = .applied
        case .inNotice: self = .inNotice
        case .listed: self = .listed
        case .rejected: self = .rejected
        case .suspended: self = .suspended
        case .delisted: self = .delisted
        }
    }
}

extension Components.Schemas.ProviderPage {
    init(_ domain: Page<Provider>) {
        self.init(items: domain.items.map(Components.Schemas.Provider.init), nextCursor: domain.nextCursor)
    }
}

extension PageBody<Components.Schemas.ProviderPage> {
    init(_ page: Components.Schemas.ProviderPage) { self.init(page: page, nextCursor: page.nextCursor) }
}
