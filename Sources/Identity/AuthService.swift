import Foundation
import GRDB
import Kernel
import Store

/// Sign-in, sign-out and API tokens for systems.
public struct AuthService: Sendable {
    let database: AppDatabase
    let passwords: Passwords
    let verifier: TokenVerifier
    /// Lifetime of a session token from `login`.
    let sessionLifetime: TimeInterval
    /// Lockouts after repeated failed sign-ins (per username and per address).
    public let throttle: LoginThrottle
    /// Password-reset requests per identifier and per address (each request counts).
    let resetThrottle: LoginThrottle
    /// The TOTP sealing key and whether staff must use TOTP.
    let security: AccountSecuritySettings

    /// `throttle`: nil locks with `LoginThrottle.Policy.standard` on the database's clock.
    public init(
        database: AppDatabase, passwords: Passwords, verifier: TokenVerifier, sessionLifetime: TimeInterval,
        throttle: LoginThrottle? = nil, security: AccountSecuritySettings = AccountSecuritySettings()
    ) {
        self.database = database
        self.passwords = passwords
        self.verifier = verifier
        self.sessionLifetime = sessionLifetime
        self.throttle = throttle ?? LoginThrottle(policy: .standard, clock: database.clock)
        self.resetThrottle = LoginThrottle(
            policy: LoginThrottle.Policy(failuresPerUsername: 5, failuresPerAddress: 30, window: 3_600, lockout: 900),
            clock: database.clock)
        self.security = security
        self.decoyHash = passwords.hashSync(UserService.generatePassword())
    }

    /// A real hash of a password nobody knows, checked for unknown users so that they cost as
    /// much time as a wrong password and usernames cannot be probed by timing.
    private let decoyHash: String

    /// The one sign-in path (the API and the console). `address` is the client's, for the lockout
    /// per address; by default the one the HTTP layer set for this request.
    /// `code`: a TOTP code or a recovery code, required when the user has TOTP on.
    public func login(
        username rawUsername: String, password: String, code: String? = nil, requestID: String,
        address: String? = LoginThrottle.clientAddress
    ) async throws -> IssuedToken {
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        let throttled = username.count <= 64 ? username : nil
        try throttle.check(username: throttled, address: address)
        // Over bcrypt's 72 bytes no password can match (none that long is ever set).
        guard username.count <= 64, password.utf8.count <= Passwords.maximumBytes else {
            if let locked = throttle.failed(username: throttled, address: address), let throttled {
                await reportLockout(username: throttled, address: address, seconds: locked)
            }
            throw IdentityError.invalidCredentials
        }
        let found = try await database.read { db in try UserStore.credentials(db, username: username) }
        let matches = await passwords.verify(password, hash: found?.1 ?? decoyHash)
        guard let (user, _) = found, matches else {
            if let locked = throttle.failed(username: username, address: address) {
                await reportLockout(username: username, address: address, seconds: locked)
            }
            throw IdentityError.invalidCredentials
        }
        let (actor, hasTOTP) = try await database.read { db in
            (try Self.actor(db, user: user, requestID: requestID), try TOTPStore.confirmed(db, userID: user.id))
        }
        if hasTOTP, (code ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw IdentityError.totpCodeRequired
        }
        let enrollOnly = !hasTOTP && security.requireTOTPForStaff && AccountSecuritySettings.mustUseTOTP(user.role)
        let token = TokenStore.generate()
        let lifetime = sessionLifetime
        let key = security.sealingKey
        let issued = try await database.write(as: actor, action: "auth.login") { db, context -> Audited<IssuedToken?> in
            if hasTOTP, try !TOTPStore.consume(db, userID: user.id, code: code ?? "", key: key, now: context.now) {
                return .unchanged(nil)
            }
            let expiresAt = context.now.addingTimeInterval(lifetime)
            let id = try TokenStore.insert(
                db, token: token, userID: user.id, kind: .session, name: nil, now: context.now, expiresAt: expiresAt,
                enrollOnly: enrollOnly
            )
            let issued = IssuedToken(
                id: id, token: token, tokenType: .bearer, expiresAt: expiresAt, user: user,
                totpEnrollmentRequired: enrollOnly ? true : nil)
            return Audited(
                issued, target: "token", id: String(id),
                change: ["kind": "session", "userId": .int(user.id), "enrollOnly": .bool(enrollOnly)])
        }
        guard let issued else {
            if let locked = throttle.failed(username: username, address: address) {
                await reportLockout(username: username, address: address, seconds: locked)
            }
            throw IdentityError.totpCodeWrong
        }
        throttle.succeeded(username: username, address: address)
        return issued
    }

    public func logout(_ principal: Principal, requestID: String) async throws {
        let actor = principal.actor(requestID: requestID)
        let hash = try await database.write(as: actor, action: "auth.logout") { db, context in
            try TokenStore.revoke(db, id: principal.tokenID, now: context.now)
            let hash = try TokenStore.tokenHash(db, id: principal.tokenID) ?? Data()
            return Audited(hash, target: "token", id: String(principal.tokenID), change: ["revoked": true])
        }
        verifier.forget(hash: hash)
    }

    public func issueAPIToken(_ input: NewAPIToken, by actor: Actor) async throws -> IssuedToken {
        let name = try Validate.text(input.name, field: "name", max: Limits.shortText)
        let days = input.expiresInDays ?? 90
        guard (1...365).contains(days) else {
            throw IdentityError.expiryOutOfRange
        }
        guard let userID = actor.userID, let ownRole = actor.role else { throw DomainError.forbidden }
        // A token is issued only to its own user: minting one for another user would let the
        // caller act, and appear in the audit log, as them.
        if let other = input.userId, other != userID {
            throw IdentityError.tokenForAnotherUser
        }
        if let role = input.role, role != ownRole, !ownRole.grantableRoles.contains(role) {
            throw IdentityError.serviceTokenRoleNotGrantable
        }
        let serviceRole = input.role
        let token = TokenStore.generate()
        return try await database.write(as: actor, action: "token.create") { db, context in
            guard let user = try UserStore.find(db, id: userID),
                let organization = try OrganizationStore.find(db, id: user.organizationId)
            else { throw IdentityError.userNotFound }
            try Authorization.check(actor, .tokenCreate, on: organization.accessTarget)
            let expiresAt = context.now.addingTimeInterval(TimeInterval(days) * 86_400)
            let kind: APIToken.Kind = serviceRole == nil ? .api : .service
            // Stored as an API token with a role (the table's kinds are session and api).
            let id = try TokenStore.insert(
                db, token: token, userID: user.id, kind: .api, name: name, now: context.now, expiresAt: expiresAt,
                role: serviceRole
            )
            let issued = IssuedToken(
                id: id, token: token, tokenType: .bearer, expiresAt: expiresAt, user: user, role: serviceRole)
            return Audited(
                issued, target: "token", id: String(id),
                change: [
                    "kind": .string(kind.rawValue), "name": .string(name), "userId": .int(user.id),
                    "expiresInDays": .int(Int64(days)),
                    "role": .optional(serviceRole?.rawValue),
                ]
            )
        }
    }

    public func listAPITokens(organizationID: Int64, page: PageRequest, by actor: Actor) async throws -> Page<APIToken>
    {
        let rows = try await database.read { db -> [APIToken] in
            guard let organization = try OrganizationStore.find(db, id: organizationID) else {
                throw IdentityError.organizationNotFound
            }
            try Authorization.check(actor, .tokenList, on: organization.accessTarget)
            return try TokenStore.listAPI(db, organizationID: organizationID, page: page)
        }
        return page.page(rows, id: \.id)
    }

    public func revokeAPIToken(_ id: Int64, by actor: Actor) async throws {
        let hash = try await database.write(as: actor, action: "token.revoke") { db, context in
            // API and service tokens by their organisation's admins; any session by the platform.
            guard let token = try TokenStore.find(db, id: id),
                token.kind == .api || token.kind == .service || (token.kind == .session && actor.role == .platformAdmin)
            else {
                throw IdentityError.tokenNotFound
            }
            try Authorization.check(actor, .tokenRevoke, on: token.accessTarget)
            if token.revokedAt != nil {
                throw IdentityError.tokenAlreadyRevoked
            }
            try TokenStore.revoke(db, id: id, now: context.now)
            let hash = try TokenStore.tokenHash(db, id: id) ?? Data()
            return Audited(hash, target: "token", id: String(id), change: ["revoked": true])
        }
        verifier.forget(hash: hash)
    }

    /// The signed-in user with their organisation.
    public func me(_ principal: Principal) async throws -> Me {
        try await database.read { db in
            guard let user = try UserStore.find(db, id: principal.userID),
                let organization = try OrganizationStore.find(db, id: principal.organizationID)
            else { throw DomainError.unauthenticated }
            return Me(user: user, organization: organization, tokenExpiresAt: principal.tokenExpiresAt)
        }
    }

    static func actor(_ db: Database, user: User, requestID: String) throws -> Actor {
        guard let organization = try OrganizationStore.find(db, id: user.organizationId) else {
            throw IdentityError.invalidCredentials
        }
        return Actor(
            userID: user.id, organizationID: organization.id, city: organization.city, role: user.role,
            requestID: requestID
        )
    }
}

/// A bearer token, shown once when it is issued. A replay of the same `Idempotency-Key` answers
/// with the token empty and `alreadyShown` true: only its hash is ever stored.
public struct IssuedToken: Codable, Sendable, SecretBearing {
    public enum TokenType: String, Codable, CaseIterable, Sendable {
        case bearer = "Bearer"
    }

    public var id: Int64
    public var token: String
    public var tokenType: TokenType
    public var expiresAt: Date
    public var user: User
    /// The role a service token acts with (nil: its user's own).
    public var role: Role?
    public var alreadyShown: Bool?
    /// A staff session without TOTP: it may only enrol until a code confirms it.
    public var totpEnrollmentRequired: Bool?

    public func withoutSecret() -> IssuedToken {
        var copy = self
        copy.token = ""
        copy.alreadyShown = true
        return copy
    }
}

/// The body of `POST /v1/tokens`.
public struct NewAPIToken: Sendable, Equatable {
    public var name: String
    /// Only the caller's own id: a token is issued to its own user.
    public var userId: Int64?
    public var expiresInDays: Int?
    /// A service token (for a machine) acts with this role, no higher than its owner's.
    public var role: Role?

    public init(name: String, userId: Int64? = nil, expiresInDays: Int? = nil, role: Role? = nil) {
        self.name = name
        self.userId = userId
        self.expiresInDays = expiresInDays
        self.role = role
    }
}

/// `GET /v1/me`.
public struct Me: Sendable {
    public var user: User
    public var organization: Organization
    public var tokenExpiresAt: Date
}
