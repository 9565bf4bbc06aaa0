import Foundation
import GRDB
import Kernel
import Store

/// Delegations (issue 18): a client enterprise or university's administrator grants a broker
/// organisation a scope for a period, and may revoke it at any time (at once: the write path
/// checks the delegation inside each broker write's transaction).
public struct DelegationService: Sendable {
    let database: AppDatabase
    static let listLimit = 500
    static let longest: TimeInterval = 3 * 366 * 86_400

    public init(database: AppDatabase) {
        self.database = database
    }

    public func grant(_ input: NewDelegation, by actor: Actor) async throws -> Delegation {
        try await database.write(as: actor, action: "delegation.grant") { db, context in
            guard actor.kind == .user, actor.broker == nil, actor.role == .orgAdmin,
                actor.organizationID == input.clientOrganizationId
            else { throw BrokerError.onlyClientAdmin }
            guard let client = try OrganizationStore.find(db, id: input.clientOrganizationId) else {
                throw IdentityError.organizationNotFound
            }
            guard client.kind == .enterprise || client.kind == .university else { throw BrokerError.clientKindRefused }
            guard let agency = try DelegationStore.agency(db, id: input.agencyId) else {
                throw BrokerError.agencyNotFound
            }
            guard agency.organizationId != client.id else { throw BrokerError.selfDelegation }
            guard !input.scope.isEmpty else { throw BrokerError.scopeEmpty }
            let starts = input.startsAt ?? context.now
            guard input.endsAt > starts, input.endsAt > context.now,
                input.endsAt.timeIntervalSince(context.now) <= Self.longest,
                starts.timeIntervalSince(context.now) <= Self.longest
            else { throw BrokerError.periodInvalid }
            try db.execute(
                sql: """
                    INSERT INTO delegations (client_org_id, agency_id, scope, starts_at, ends_at, granted_by, granted_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    client.id, agency.id, DelegationStore.scopeText(input.scope), Timestamp.millis(starts),
                    Timestamp.millis(input.endsAt), actor.userID, Timestamp.millis(context.now),
                ])
            let delegation = try DelegationStore.delegation(db, id: db.lastInsertedRowID)!
            return Audited(
                delegation, target: "delegation", id: String(delegation.id),
                change: DelegationStore.audit(delegation))
        }
    }

    /// The client's administrator revokes; effective for every broker write that commits after.
    public func revoke(_ id: Int64, by actor: Actor) async throws -> Delegation {
        try await database.write(as: actor, action: "delegation.revoke") { db, context in
            guard let delegation = try DelegationStore.delegation(db, id: id) else {
                throw BrokerError.delegationNotFound
            }
            guard Self.administers(actor, client: delegation.clientOrganizationId) else {
                throw Self.sees(actor, delegation) ? BrokerError.onlyClientAdmin : BrokerError.delegationNotFound
            }
            guard delegation.revokedAt == nil else { throw BrokerError.alreadyRevoked }
            try db.execute(
                sql: "UPDATE delegations SET revoked_at = ?, revoked_by = ? WHERE id = ?",
                arguments: [Timestamp.millis(context.now), actor.userID, id])
            let revoked = try DelegationStore.delegation(db, id: id)!
            var change = DelegationStore.audit(revoked)
            if case .object(var fields) = change {
                fields["revoked"] = true
                change = .object(fields)
            }
            return Audited(revoked, target: "delegation", id: String(id), change: change)
        }
    }

    /// The client's administrator confirms one money step (a contract payment) its broker may
    /// then record once, under a delegation that includes `money`.
    public func confirmPayment(_ id: Int64, contractID: Int64, by actor: Actor) async throws -> DelegationConfirmation {
        try await database.write(as: actor, action: "delegation.confirm_money") { db, context in
            guard let delegation = try DelegationStore.delegation(db, id: id) else {
                throw BrokerError.delegationNotFound
            }
            guard Self.administers(actor, client: delegation.clientOrganizationId) else {
                throw Self.sees(actor, delegation) ? BrokerError.onlyClientAdmin : BrokerError.delegationNotFound
            }
            guard delegation.scope.contains(.money) else { throw BrokerError.confirmationNotMoney }
            guard delegation.status(at: context.now) == .active else { throw BrokerError.revoked }
            let now = Timestamp.millis(context.now)
            try db.execute(
                sql: """
                    INSERT INTO delegation_confirmations (delegation_id, action, target_type, target_id,
                        confirmed_by, confirmed_at) VALUES (?, 'contract.record_payment', 'contract', ?, ?, ?)
                    """, arguments: [id, String(contractID), actor.userID, now])
            let confirmation = DelegationConfirmation(
                id: db.lastInsertedRowID, delegationId: id, action: "contract.record_payment", targetType: "contract",
                targetId: String(contractID), confirmedBy: actor.userID ?? 0, confirmedAt: context.now, usedAt: nil)
            return Audited(
                confirmation, target: "delegation", id: String(id),
                change: ["confirmed": "contract.record_payment", "contract": .int(contractID)])
        }
    }

    /// The delegations the caller's organisation granted (`asBroker` false) or received as a
    /// broker organisation (true), newest first.
    public func list(asBroker: Bool, viewer: Actor) async throws -> [Delegation] {
        guard viewer.kind == .user, viewer.broker == nil, let organization = viewer.organizationID else {
            throw DomainError.forbidden
        }
        return try await database.read { db in
            if asBroker {
                guard let agency = try DelegationStore.agency(db, organization: organization) else { return [] }
                return try DelegationStore.delegations(db, agency: agency.id, limit: Self.listLimit)
            }
            return try DelegationStore.delegations(db, client: organization, limit: Self.listLimit)
        }
    }

    /// The clients a broker user may act for now (active delegations to its organisation), for the
    /// broker's page; empty unless the user is a registered broker.
    public func activeClients(of actor: Actor) async throws -> [Delegation] {
        guard let user = actor.userID, let organization = actor.organizationID, actor.broker == nil else { return [] }
        let now = database.clock.now()
        return try await database.read { db in
            guard let agency = try DelegationStore.agency(db, organization: organization),
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM brokers WHERE user_id = ? AND agency_id = ?", arguments: [user, agency.id])
                    != nil
            else { return [] }
            return try DelegationStore.delegations(db, agency: agency.id, limit: Self.listLimit)
                .filter { $0.status(at: now) == .active }
        }
    }

    static func administers(_ actor: Actor, client: Int64) -> Bool {
        actor.kind == .user && actor.broker == nil && actor.role == .orgAdmin && actor.organizationID == client
    }

    static func sees(_ actor: Actor, _ delegation: Delegation) -> Bool {
        actor.organizationID == delegation.clientOrganizationId
            || actor.organizationID == delegation.agencyOrganizationId
    }
}
