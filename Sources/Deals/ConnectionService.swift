import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Connection requests (issue 16): one organisation asks another to connect about a listing, a
/// need, a challenge or a match; the other accepts, declines or blocks; the requester may
/// withdraw while pending. Contacts are shown to both sides only once accepted.
public struct ConnectionService: Sendable {
    let database: AppDatabase
    let limits: ConnectionLimits

    public init(database: AppDatabase, limits: ConnectionLimits = ConnectionLimits()) {
        self.database = database
        self.limits = limits
    }

    public func request(_ input: NewConnection, by actor: Actor) async throws -> Connection {
        let limits = self.limits
        return try await database.write(as: actor, action: "connection.request") { db, context in
            guard context.actor.kind == .user, context.actor.role == .orgAdmin || context.actor.role == .orgMember,
                let requester = context.actor.organizationID
            else { throw DomainError.forbidden }
            try Authorization.requireVerified(context.actor)
            let message = try ConnectionRules.message(input.message, max: limits.messageMax)
            let receiver = try ConnectionRules.receiver(db, of: input.subject, requester: requester)
            guard receiver != requester else { throw DealsError.connectionToSelf }
            let now = ContractService.instant(context.now)
            if let refusal = try ConnectionStore.latestRefusal(
                db, requester: requester, receiver: receiver, subject: input.subject)
            {
                let days = refusal.status == .blocked ? limits.blockCooldownDays : limits.declineCooldownDays
                let until = refusal.at.addingTimeInterval(TimeInterval(days) * 86_400)
                if now < until { throw DealsError.coolingDown(until: Timestamp.format(until)) }
            }
            if try ConnectionStore.pendingExists(db, requester: requester, receiver: receiver, subject: input.subject) {
                throw DealsError.duplicatePending
            }
            let recent = try ConnectionStore.requests(db, by: requester, since: now.addingTimeInterval(-86_400))
            guard recent < limits.dailyRequests else { throw DealsError.dailyLimit(limits.dailyRequests) }
            var connection = Connection(
                id: 0, requesterOrganizationId: requester, receiverOrganizationId: receiver, subject: input.subject,
                status: .pending, message: message, reason: nil, requestedByUserId: context.actor.userID,
                decidedByUserId: nil, createdAt: now, decidedAt: nil)
            try ConnectionStore.insert(db, &connection)
            return Audited(
                connection, target: "connection", id: String(connection.id),
                change: try DealsCoding.json(connection)
            ).notifying(try DealsNotices.connection(db, connection, kind: .connectionRequested, to: receiver))
        }
    }

    /// The receiver accepts, declines or blocks; the requester withdraws.
    public func answer(_ id: Int64, _ answer: ConnectionAnswer, by actor: Actor) async throws -> Connection {
        let (event, reason): (ConnectionMachine.Event, String?) =
            switch answer {
            case .accept: (.accept, nil)
            case .decline(let text): (.decline, text)
            case .block(let text): (.block, text)
            case .withdraw: (.withdraw, nil)
            }
        let name = "\(event)"
        return try await database.write(as: actor, action: "connection.\(name)") { db, context in
            guard var connection = try ConnectionStore.find(db, id: id) else { throw DealsError.connectionNotFound }
            let status = try ConnectionMachine.decide(
                connection.status, event, by: ConnectionMachine.role(of: context.actor, on: connection)
            ).get()
            let checked = try Validate.optionalText(reason, field: "reason", max: 500, multiline: true)
            connection.status = status
            connection.reason = checked
            connection.decidedAt = ContractService.instant(context.now)
            connection.decidedByUserId = context.actor.userID
            try ConnectionStore.update(db, connection)
            let told =
                event == .withdraw ? connection.receiverOrganizationId : connection.requesterOrganizationId
            return Audited(
                connection, target: "connection", id: String(id),
                change: ["step": .string(name), "status": .string(status.rawValue), "reason": .optional(checked)]
            ).notifying(try DealsNotices.connection(db, connection, kind: DealsNotices.kind(of: status), to: told))
        }
    }

    /// A connection, to its two sides, auditors and platform administrators.
    public func get(_ id: Int64, viewer: Actor) async throws -> Connection {
        let connection = try await database.read { db in try ConnectionStore.find(db, id: id) }
        guard let connection, ConnectionMachine.role(of: viewer, on: connection) != .stranger else {
            throw DealsError.connectionNotFound
        }
        return connection
    }

    /// The viewer organisation's connections, both directions, in id order after the cursor.
    public func list(viewer: Actor, page: PageRequest) async throws -> Page<Connection> {
        guard let organization = viewer.organizationID, viewer.role == .orgAdmin || viewer.role == .orgMember else {
            return Page(items: [], nextCursor: nil)
        }
        let limit = page.limit
        let after = page.after ?? 0
        let items = try await database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT document FROM deal_connections WHERE (requester_org_id = ? OR receiver_org_id = ?) AND id > ?
                    ORDER BY id LIMIT ?
                    """,
                arguments: [organization, organization, after, limit + 1]
            ).map { try DealsCoding.decode(Connection.self, $0) }
        }
        return page.page(items, id: \.id)
    }

    /// Both sides' contact person, phone and e-mail: to the two sides only, once accepted.
    public func contacts(for id: Int64, viewer: Actor) async throws -> ConnectionContacts {
        try await database.read { db in
            guard let connection = try ConnectionStore.find(db, id: id) else { throw DealsError.connectionNotFound }
            switch ConnectionMachine.role(of: viewer, on: connection) {
            case .stranger: throw DealsError.connectionNotFound
            case .reader: throw DealsError.notAParty
            case .requester, .receiver: break
            }
            guard connection.status == .accepted else { throw DealsError.contactsHidden }
            return ConnectionContacts(
                requester: try Self.contact(db, connection.requesterOrganizationId),
                receiver: try Self.contact(db, connection.receiverOrganizationId))
        }
    }

    static func contact(_ db: Database, _ id: Int64) throws -> PartyContact {
        guard let organization = try OrganizationDirectory.organization(db, id: id) else {
            throw DealsError.organizationNotFound
        }
        return PartyContact(
            organizationId: id, organizationName: organization.name, city: organization.city,
            contactName: organization.contact.name, phone: organization.contact.phone,
            email: organization.contact.email)
    }
}
