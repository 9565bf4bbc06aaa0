import Identity
import Kernel
import Platform

// Between the wire types of invitations, resets and one's own tokens (generated from
// openapi.yaml) and Identity's own types.

extension NewInvitation {
    init(_ wire: Components.Schemas.NewInvitation) {
        self.init(email: wire.email, displayName: wire.displayName, role: Role(wire.role))
    }
}

extension Components.Schemas.Invitation {
    init(_ domain: Invitation) {
        self.init(
            createdAt: domain.createdAt, displayName: domain.displayName, email: domain.email,
            expiresAt: domain.expiresAt, id: domain.id, invitedBy: domain.invitedBy,
            organizationId: domain.organizationId, role: .init(domain.role), status: StatusPayload(domain.status),
            userId: domain.userId)
    }
}

extension Components.Schemas.Invitation.StatusPayload {
    init(_ domain: Invitation.Status) {
        switch domain {
        case .pending: self = .pending
        case .accepted: self = .accepted
        case .revoked: self = .revoked
        case .expired: self = .expired
        }
    }
}

extension Components.Schemas.IssuedInvitation {
    /// The token is shown only when it was not mailed (no relay configured), and never in a replay.
    init(_ domain: IssuedInvitation, mailed: Bool) {
        let shown = mailed ? "" : domain.token
        self.init(
            acceptPath: shown.isEmpty ? nil : AccountMailer.invitationPath(shown), alreadyShown: domain.alreadyShown,
            invitation: .init(domain.invitation), mailed: mailed, token: shown)
    }
}

extension Components.Schemas.InvitationPreview {
    init(_ domain: InvitationPreview) {
        self.init(
            displayName: domain.displayName, email: domain.email, expiresAt: domain.expiresAt,
            organizationName: domain.organizationName, role: .init(domain.role))
    }
}

extension Components.Schemas.OwnToken {
    init(_ domain: OwnToken) {
        self.init(
            createdAt: domain.createdAt, current: domain.current, expiresAt: domain.expiresAt, id: domain.id,
            kind: KindPayload(domain.kind), name: domain.name)
    }
}

extension Components.Schemas.OwnToken.KindPayload {
    init(_ domain: APIToken.Kind) {
        switch domain {
        case .session: self = .session
        case .api: self = .api
        case .service: self = .service
        }
    }
}
