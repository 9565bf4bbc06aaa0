import Foundation
import Identity
import Kernel

// Between the wire types of the broker and delegation routes (generated from openapi.yaml) and
// Identity's types (issue 18).

extension BrokerAgency.Kind {
    init(_ wire: Components.Schemas.BrokerAgencyKind) {
        self = wire == .subMarket ? .subMarket : .agency
    }
}

extension DelegationScope {
    init(_ wire: Components.Schemas.DelegationScope) {
        self =
            switch wire {
            case .needs: .needs
            case .connections: .connections
            case .contracts: .contracts
            case .money: .money
            }
    }
}

extension Components.Schemas.DelegationScope {
    init(_ domain: DelegationScope) {
        self =
            switch domain {
            case .needs: .needs
            case .connections: .connections
            case .contracts: .contracts
            case .money: .money
            }
    }
}

extension Components.Schemas.BrokerAgency {
    init(_ domain: BrokerAgency) {
        self.init(
            city: .init(domain.city), id: domain.id, kind: domain.kind == .subMarket ? .subMarket : .agency,
            organizationId: domain.organizationId, organizationName: domain.organizationName,
            registeredAt: domain.registeredAt)
    }
}

extension Components.Schemas.Broker {
    init(_ domain: Broker) {
        self.init(
            agencyId: domain.agencyId, certificateNumber: domain.certificateNumber, displayName: domain.displayName,
            id: domain.id, registeredAt: domain.registeredAt, userId: domain.userId)
    }
}

extension Components.Schemas.Delegation {
    init(_ domain: Delegation, now: Date) {
        let status: StatusPayload =
            switch domain.status(at: now) {
            case .pending: .pending
            case .active: .active
            case .expired: .expired
            case .revoked: .revoked
            }
        self.init(
            agencyId: domain.agencyId, agencyName: domain.agencyName, agencyOrganizationId: domain.agencyOrganizationId,
            clientName: domain.clientName, clientOrganizationId: domain.clientOrganizationId, endsAt: domain.endsAt,
            grantedAt: domain.grantedAt, grantedBy: domain.grantedBy, id: domain.id, revokedAt: domain.revokedAt,
            revokedBy: domain.revokedBy, scope: domain.scope.map(Components.Schemas.DelegationScope.init),
            startsAt: domain.startsAt, status: status)
    }
}

extension Components.Schemas.DelegationConfirmation {
    init(_ domain: DelegationConfirmation) {
        self.init(
            action: domain.action, confirmedAt: domain.confirmedAt, confirmedBy: domain.confirmedBy,
            delegationId: domain.delegationId, id: domain.id, targetId: domain.targetId, targetType: domain.targetType)
    }
}

extension NewDelegation {
    init(_ wire: Components.Schemas.NewDelegation) {
        self.init(
            clientOrganizationId: wire.clientOrganizationId, agencyId: wire.agencyId,
            scope: wire.scope.map(DelegationScope.init), startsAt: wire.startsAt, endsAt: wire.endsAt)
    }
}
