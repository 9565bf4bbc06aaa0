import Foundation
import Hummingbird
import Identity
import Kernel
import Platform

/// Brokers (技术经理人) and delegations (issue 18): broker organisations and their brokers, the
/// delegations clients grant them, revocation, and the client's confirmation of a money step.
/// Acting for a client is the `Corridor-On-Behalf-Of` header (OnBehalfOfMiddleware).
struct BrokerController {
    let services: AppServices
    let body: RequestBody

    var brokers: BrokerService { BrokerService(database: services.database) }
    var delegations: DelegationService { DelegationService(database: services.database) }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("broker-agencies", use: registerAgency)
        group.get("broker-agencies", use: agencies)
        group.post("broker-agencies/:id/brokers", use: addBroker)
        group.get("broker-agencies/:id/brokers", use: listBrokers)
        group.post("delegations", use: grant)
        group.get("delegations", use: list)
        group.post("delegations/:id/revocation", use: revoke)
        group.post("delegations/:id/confirmations", use: confirm)
    }

    /// A step without a body: the actor carries the request's idempotency claim.
    func actor(_ request: Request, _ context: AppRequestContext) throws -> Actor {
        try context.requirePrincipal().actor(
            requestID: context.requestID, idempotency: try IdempotencyHeader.claim(request, body: nil))
    }

    @Sendable func registerAgency(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewBrokerAgency.self, from: request, context: context)
        let agency = try await brokers.registerAgency(
            organizationID: wire.organizationId, kind: BrokerAgency.Kind(wire.kind), by: actor)
        return try JSON.response(Components.Schemas.BrokerAgency(agency), status: .created)
    }

    @Sendable func agencies(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let items = try await brokers.agencies().map(Components.Schemas.BrokerAgency.init)
        return try JSON.response(Components.Schemas.BrokerAgencyList(items: items))
    }

    @Sendable func addBroker(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "broker_agency", zh: "技术转移机构")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewBroker.self, from: request, context: context)
        let broker = try await brokers.addBroker(
            agencyID: id, NewBroker(userId: wire.userId, certificateNumber: wire.certificateNumber), by: actor)
        return try JSON.response(Components.Schemas.Broker(broker), status: .created)
    }

    @Sendable func listBrokers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "broker_agency", zh: "技术转移机构")
        let viewer = try context.requirePrincipal().actor(requestID: context.requestID)
        let items = try await brokers.brokers(agencyID: id, viewer: viewer).map(Components.Schemas.Broker.init)
        return try JSON.response(Components.Schemas.BrokerList(items: items))
    }

    @Sendable func grant(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewDelegation.self, from: request, context: context)
        let delegation = try await delegations.grant(NewDelegation(wire), by: actor)
        return try JSON.response(
            Components.Schemas.Delegation(delegation, now: services.clock.now()), status: .created)
    }

    enum Side: String, CaseIterable {
        case client
        case broker
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.requirePrincipal().actor(requestID: context.requestID)
        let side = try Query(request).choice("side", as: Side.self) ?? .client
        let now = services.clock.now()
        let items = try await delegations.list(asBroker: side == .broker, viewer: viewer)
        return try JSON.response(
            Components.Schemas.DelegationList(items: items.map { Components.Schemas.Delegation($0, now: now) }))
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "delegation", zh: "委托")
        let revoked = try await delegations.revoke(id, by: try actor(request, context))
        return try JSON.response(Components.Schemas.Delegation(revoked, now: services.clock.now()))
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "delegation", zh: "委托")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewDelegationConfirmation.self, from: request, context: context)
        let confirmation = try await delegations.confirmPayment(id, contractID: wire.contractId, by: actor)
        return try JSON.response(Components.Schemas.DelegationConfirmation(confirmation), status: .created)
    }
}
