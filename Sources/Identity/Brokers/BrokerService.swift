import Foundation
import GRDB
import Kernel
import Store

/// Broker organisations and their brokers (issue 18): a city's administrator (or the
/// platform's) registers an organisation of its city as a technology-transfer agency or a
/// sub-market; that organisation's administrator registers its people as brokers.
public struct BrokerService: Sendable {
    let database: AppDatabase
    static let listLimit = 500

    public init(database: AppDatabase) {
        self.database = database
    }

    public func registerAgency(
        organizationID: Int64, kind: BrokerAgency.Kind, by actor: Actor
    ) async throws
        -> BrokerAgency
    {
        try await database.write(as: actor, action: "broker_agency.register") { db, context in
            guard let organization = try OrganizationStore.find(db, id: organizationID) else {
                throw IdentityError.organizationNotFound
            }
            let mayRegister =
                actor.kind == .system || actor.role == .platformAdmin
                || (actor.role == .cityAdmin && actor.city == organization.city)
            guard actor.broker == nil, mayRegister else { throw DomainError.forbidden }
            guard organization.kind != .government, organization.kind != .platform else {
                throw BrokerError.agencyKindRefused
            }
            guard try DelegationStore.agency(db, organization: organizationID) == nil else {
                throw BrokerError.agencyExists
            }
            try db.execute(
                sql: """
                    INSERT INTO broker_agencies (organization_id, kind, registered_by, registered_at)
                    VALUES (?, ?, ?, ?)
                    """,
                arguments: [organizationID, kind.rawValue, actor.userID, Timestamp.millis(context.now)])
            let agency = try DelegationStore.agency(db, id: db.lastInsertedRowID)!
            return Audited(
                agency, target: "broker_agency", id: String(agency.id),
                change: ["organization": .int(organizationID), "kind": .string(kind.rawValue)])
        }
    }

    /// Every broker organisation (clients choose among them), oldest first.
    public func agencies() async throws -> [BrokerAgency] {
        try await database.read { db in try DelegationStore.agencies(db, limit: Self.listLimit) }
    }

    /// The broker organisation the caller's organisation is, if any.
    public func agency(ofOrganization organizationID: Int64) async throws -> BrokerAgency? {
        try await database.read { db in try DelegationStore.agency(db, organization: organizationID) }
    }

    /// The broker organisation's administrator (or its city's, or the platform's) registers one
    /// of its users as a broker, with an optional broker certificate number.
    public func addBroker(agencyID: Int64, _ input: NewBroker, by actor: Actor) async throws -> Broker {
        try await database.write(as: actor, action: "broker.register") { db, context in
            guard let agency = try DelegationStore.agency(db, id: agencyID) else { throw BrokerError.agencyNotFound }
            guard Self.manages(actor, agency) else { throw DomainError.forbidden }
            let certificate = try Validate.optionalText(input.certificateNumber, field: "certificateNumber", max: 64)
            guard let user = try UserStore.find(db, id: input.userId), user.organizationId == agency.organizationId,
                user.role == .orgAdmin || user.role == .orgMember, user.disabledAt == nil
            else { throw BrokerError.brokerNotInAgency }
            guard try Int64.fetchOne(db, sql: "SELECT id FROM brokers WHERE user_id = ?", arguments: [user.id]) == nil
            else { throw BrokerError.brokerExists }
            try db.execute(
                sql: """
                    INSERT INTO brokers (agency_id, user_id, certificate_number, registered_by, registered_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [agencyID, user.id, certificate, actor.userID, Timestamp.millis(context.now)])
            let id = db.lastInsertedRowID
            let broker = try DelegationStore.brokers(db, agency: agencyID, limit: Self.listLimit).first { $0.id == id }!
            return Audited(
                broker, target: "broker", id: String(id),
                change: ["agency": .int(agencyID), "user": .int(user.id), "certificate": .optional(certificate)])
        }
    }

    /// The brokers of an organisation: for itself, its city's administrator and the platform.
    public func brokers(agencyID: Int64, viewer: Actor) async throws -> [Broker] {
        try await database.read { db in
            guard let agency = try DelegationStore.agency(db, id: agencyID) else { throw BrokerError.agencyNotFound }
            guard Self.manages(viewer, agency) || viewer.organizationID == agency.organizationId else {
                throw DomainError.forbidden
            }
            return try DelegationStore.brokers(db, agency: agencyID, limit: Self.listLimit)
        }
    }

    static func manages(_ actor: Actor, _ agency: BrokerAgency) -> Bool {
        guard actor.broker == nil else { return false }
        if actor.kind == .system { return true }
        switch actor.role {
        case .platformAdmin: return true
        case .cityAdmin: return actor.city == agency.city
        case .orgAdmin: return actor.organizationID == agency.organizationId
        default: return false
        }
    }
}
