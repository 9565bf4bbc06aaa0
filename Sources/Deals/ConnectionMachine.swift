import Kernel

/// The connection lifecycle as a pure state machine: pending → accepted | declined | blocked
/// (the receiver) | withdrawn (the requester). Who first (a stranger is told it does not exist;
/// the wrong side gets its own code), then the state.
enum ConnectionMachine {
    enum Role: Hashable, Sendable, CaseIterable {
        case requester
        case receiver
        /// Auditors and platform administrators: read only.
        case reader
        case stranger
    }

    enum Event: Hashable, Sendable, CaseIterable {
        case accept, decline, block, withdraw
    }

    static func decide(
        _ status: ConnectionStatus, _ event: Event, by role: Role
    ) -> Result<
        ConnectionStatus, DomainError
    > {
        do { return .success(try transition(status, event, by: role)) } catch { return .failure(error) }
    }

    private static func transition(
        _ status: ConnectionStatus, _ event: Event, by role: Role
    ) throws(DomainError)
        -> ConnectionStatus
    {
        switch (role, event) {
        case (.stranger, _): throw DealsError.connectionNotFound
        case (.reader, _): throw DealsError.notAParty
        case (.requester, .accept), (.requester, .decline), (.requester, .block): throw DealsError.notTheReceiver
        case (.receiver, .withdraw): throw DealsError.notTheRequester
        default: break
        }
        guard status == .pending else {
            throw DealsError.wrongState(
                "connection", state: status.rawValue, allowed: [ConnectionStatus.pending.rawValue])
        }
        switch event {
        case .accept: return .accepted
        case .decline: return .declined
        case .block: return .blocked
        case .withdraw: return .withdrawn
        }
    }

    static func role(of actor: Actor, on connection: Connection) -> Role {
        guard actor.kind == .user, let role = actor.role else { return .stranger }
        switch role {
        case .orgAdmin, .orgMember:
            if actor.organizationID == connection.requesterOrganizationId { return .requester }
            if actor.organizationID == connection.receiverOrganizationId { return .receiver }
            return .stranger
        case .auditor, .platformAdmin: return .reader
        case .cityAdmin, .expert: return .stranger
        }
    }
}
