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

extension Components.Schemas.IssuedToken {
    /// A replay of the same `Idempotency-Key` arrives here already without its secret.
    init(_ domain: IssuedToken) {
        self.init(
            alreadyShown: domain.alreadyShown, expiresAt: domain.expiresAt, id: domain.id,
            role: domain.role.map(Components.Schemas.Role.init), token: domain.token,
            tokenType: TokenTypePayload(domain.tokenType), totpEnrollmentRequired: domain.totpEnrollmentRequired,
            user: .init(domain.user))
    }
}

extension Components.Schemas.IssuedToken.TokenTypePayload {
    init(_ domain: IssuedToken.TokenType) {
        switch domain {
        case .bearer: self = .bearer
        }
    }
}

extension Components.Schemas.APIToken {
    init(_ domain: APIToken) {
        self.init(
            city: .init(domain.city), createdAt: domain.createdAt, expiresAt: domain.expiresAt, id: domain.id,
            kind: KindPayload(domain.kind), name: domain.name, organizationId: domain.organizationId,
            revokedAt: domain.revokedAt, role: domain.role.map(Components.Schemas.Role.init), userId: domain.userId)
    }
}

extension Components.Schemas.APIToken.KindPayload {
    init(_ domain: APIToken.Kind) {
        switch domain {
        case .session: self = .session
        case .api: self = .api
        case .service: self = .service
        }
    }
}

extension Components.Schemas.APITokenPage {
    init(_ domain: Page<APIToken>) {
        self.init(items: domain.items.map(Components.Schemas.APIToken.init), nextCursor: domain.nextCursor)
    }
}

extension PageBody<Components.Schemas.APITokenPage> {
    init(_ page: Components.Schemas.APITokenPage) { self.init(page: page, nextCursor: page.nextCursor) }
}

extension Components.Schemas.SignInAlert {
    init(_ domain: SignInAlert) {
        self.init(
            address: domain.address, at: domain.at, id: domain.id, lockedSeconds: domain.lockedSeconds,
            userId: domain.userId, username: domain.username)
    }
}

extension Components.Schemas.SignInAlertList {
    init(_ domain: [SignInAlert]) {
        self.init(items: domain.map(Components.Schemas.SignInAlert.init))
    }
}
