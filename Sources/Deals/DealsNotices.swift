import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Who hears of a deal's step (issue 16 on the outbox of the notifications issue): the people
/// of the other side, both sides, or the clerks of the seller's city. Resolved inside the write
/// through Identity's read interface and appended to the outbox with the audit entry.
enum DealsNotices {
    static let partyRoles: Set<Role> = [.orgAdmin, .orgMember]

    static func members(_ db: Database, _ organizations: [Int64]) throws -> [Int64] {
        try organizations.flatMap { try UserDirectory.members(db, organization: $0, roles: partyRoles) }
    }

    static func connection(
        _ db: Database, _ connection: Connection, kind: EventKind, to organization: Int64
    ) throws
        -> [OutboxEvent]
    {
        [
            OutboxEvent(
                kind: kind, target: "connection", id: String(connection.id),
                users: try members(db, [organization]), organizations: [organization],
                payload: [
                    "connectionId": .int(connection.id), "status": .string(connection.status.rawValue),
                    "subject": .string(connection.subject.kind.rawValue),
                ])
        ]
    }

    /// A contract's step: signature, registration, its return, completion and termination reach
    /// both parties; an application for registration the clerks of the seller's city; any other
    /// step the other party.
    static func contract(
        _ db: Database, _ contract: Contract, kind: EventKind, by party: ContractParty?
    ) throws
        -> [OutboxEvent]
    {
        let both = [contract.buyerOrganizationId, contract.sellerOrganizationId]
        let users: [Int64]
        let organizations: [Int64]
        if kind == .contractRegistrationApplied {
            // The clerks, and the webhooks of the city's bureau, whose registration office it is.
            users = try UserDirectory.staff(db, city: contract.sellerCity, roles: [ContractAccess.clerkRole])
            organizations = try OrganizationDirectory.summaries(db, kinds: [.government])
                .filter { $0.city == contract.sellerCity }.map(\.id)
        } else if [.contractSigned, .contractRegistered, .contractRegistrationReturned].contains(kind)
            || [.completed, .terminated].contains(contract.status)
        {
            (users, organizations) = (try members(db, both), both)
        } else {
            let other = party.map { [contract.organization(of: $0.other)] } ?? both
            (users, organizations) = (try members(db, other), other)
        }
        return [
            OutboxEvent(
                kind: kind, target: "contract", id: String(contract.id), users: users,
                organizations: organizations,
                payload: [
                    "contractId": .int(contract.id), "title": .string(contract.terms.title),
                    "status": .string(contract.status.rawValue), "valueFen": .int(contract.terms.valueFen),
                    "registrationNumber": .optional(contract.registration.number),
                ])
        ]
    }

    /// The event a contract step makes: a confirmation that completes the signature is `signed`.
    static func kind(of event: ContractMachine.Event, _ contract: Contract) -> EventKind {
        switch event {
        case .amend: .contractAmended
        case .confirm: contract.status == .signed ? .contractSigned : .contractConfirmed
        case .cancel: .contractCancelled
        case .applyRegistration: .contractRegistrationApplied
        case .register: .contractRegistered
        case .returnRegistration: .contractRegistrationReturned
        case .recordPayment: .contractPaymentRecorded
        case .complete: .contractCompleted
        case .terminate: .contractTerminated
        case .proposeAmendment: .contractAmendmentProposed
        case .confirmAmendment: .contractAmendmentConfirmed
        }
    }

    static func kind(of status: ConnectionStatus) -> EventKind {
        switch status {
        case .pending: .connectionRequested
        case .accepted: .connectionAccepted
        case .declined: .connectionDeclined
        case .blocked: .connectionBlocked
        case .withdrawn: .connectionWithdrawn
        }
    }
}
