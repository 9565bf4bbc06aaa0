import Identity
import Kernel

// Between the wire types of the account routes (generated from openapi.yaml) and Identity's
// own types. Both directions are spelled out with every member, so a member added to the
// document and not mapped fails to compile (a required one) or the round-trip test (any).

extension PasswordChange {
    init(_ wire: Components.Schemas.PasswordChange) {
        self.init(currentPassword: wire.currentPassword, newPassword: wire.newPassword)
    }
}

extension Components.Schemas.PasswordChange {
    init(_ domain: PasswordChange) {
        self.init(currentPassword: domain.currentPassword, newPassword: domain.newPassword)
    }
}

extension NewAPIToken {
    init(_ wire: Components.Schemas.NewAPIToken) {
        self.init(
            name: wire.name, userId: wire.userId, expiresInDays: wire.expiresInDays.map { Int($0) },
            role: wire.role.map(Role.init))
    }
}

extension Components.Schemas.NewAPIToken {
    init(_ domain: NewAPIToken) {
        self.init(
            expiresInDays: domain.expiresInDays.map { Int64($0) }, name: domain.name,
            role: domain.role.map(Components.Schemas.Role.init), userId: domain.userId)
    }
}

extension Components.Schemas.Me {
    init(_ domain: Me) {
        self.init(
            organization: .init(domain.organization), tokenExpiresAt: domain.tokenExpiresAt, user: .init(domain.user))
    }
}

extension Components.Schemas.SessionsRevoked {
    init(_ domain: SessionsRevoked) {
        self.init(revokedTokens: Int64(domain.revokedTokens), userId: domain.userId)
    }
}
