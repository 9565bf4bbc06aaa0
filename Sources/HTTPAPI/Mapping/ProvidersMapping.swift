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
