import Foundation
import GRDB
import Kernel
import Store

/// A password change: the current password, then the new one.
public struct PasswordChange: Sendable, Equatable {
    public var currentPassword: String
    public var newPassword: String

    public init(currentPassword: String, newPassword: String) {
        self.currentPassword = currentPassword
        self.newPassword = newPassword
    }
}

/// An account locked after repeated failed sign-ins from one address.
public struct SignInAlert: Sendable, Equatable {
    public var id: Int64
    public var userId: Int64
    public var username: String
    public var address: String?
    public var lockedSeconds: Int64
    public var at: Date
}

/// What a password change or a disabled account did.
public struct SessionsRevoked: Codable, Sendable {
    public var userId: Int64
    public var revokedTokens: Int
}

extension AuthService {
    /// A user changes their own password (knowing the current one); every other session and
    /// token of theirs is revoked at once, in this process's cache too.
    public func changePassword(
        _ principal: Principal, _ input: PasswordChange, requestID: String
    ) async throws -> SessionsRevoked {
        let username = principal.username
        let organizationName = try await database.read { db in
            try OrganizationStore.find(db, id: principal.organizationID)?.name
        }
        try Passwords.validate(
            input.newPassword, field: "newPassword", username: username, organizationName: organizationName)
        let address = LoginThrottle.clientAddress
        try throttle.check(username: username, address: address)
        let stored = try await database.read { db in try UserStore.credentials(db, username: username)?.1 }
        guard input.currentPassword.utf8.count <= Passwords.maximumBytes, let stored,
            await passwords.verify(input.currentPassword, hash: stored)
        else {
            throttle.failed(username: username, address: address)
            throw IdentityError.currentPasswordWrong
        }
        let hash = await passwords.hash(input.newPassword)
        let actor = principal.actor(requestID: requestID)
        let result = try await database.write(as: actor, action: "user.password.change") { db, context in
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [hash, principal.userID])
            let revoked = try TokenStore.revokeAll(
                db, userID: principal.userID, keeping: principal.tokenID, now: context.now)
            let result = SessionsRevoked(userId: principal.userID, revokedTokens: revoked)
            return Audited(
                result, target: "user", id: String(principal.userID), change: ["revokedTokens": .int(Int64(revoked))])
        }
        verifier.forget(userID: principal.userID)
        return result
    }

    /// An organisation's administrator (or the platform's) disables a user: every session and
    /// token revoked at once, sign-in refused. Nobody disables someone above them, or themselves.
    public func disable(userID: Int64, by actor: Actor) async throws -> SessionsRevoked {
        let result = try await database.write(as: actor, action: "user.disable") { db, context in
            guard let user = try UserStore.find(db, id: userID),
                let organization = try OrganizationStore.find(db, id: user.organizationId)
            else {
                throw IdentityError.userNotFound
            }
            guard Authorization.allows(actor, .userDisable, on: organization.accessTarget) else {
                throw Authorization.allows(actor, .userList, on: organization.accessTarget)
                    ? DomainError.forbidden : IdentityError.userNotFound
            }
            guard user.id != actor.userID else {
                throw IdentityError.cannotDisableSelf
            }
            if actor.kind == .user, actor.role != .platformAdmin,
                !(actor.role?.grantableRoles.contains(user.role) ?? false)
            {
                throw IdentityError.roleAboveYours
            }
            try db.execute(
                sql: "UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE id = ?",
                arguments: [Timestamp.millis(context.now), userID])
            let revoked = try TokenStore.revokeAll(db, userID: userID, now: context.now)
            let result = SessionsRevoked(userId: userID, revokedTokens: revoked)
            return Audited(
                result, target: "user", id: String(userID),
                change: ["disabled": true, "revokedTokens": .int(Int64(revoked))])
        }
        verifier.forget(userID: userID)
        return result
    }

    /// Reports a lockout to the account's organisation: an alert its administrator reads (and an
    /// audited event naming the address).
    func reportLockout(username: String, address: String?, seconds: TimeInterval) async {
        guard let user = try? await database.read({ db in try UserStore.credentials(db, username: username)?.0 }) else {
            return
        }
        _ = try? await database.write(
            as: .system("login-throttle", requestID: "lockout-\(user.id)"), action: "auth.lockout"
        ) { db, context in
            try db.execute(
                sql:
                    "INSERT INTO sign_in_alerts (organization_id, user_id, address, locked_seconds, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [user.organizationId, user.id, address, Int64(seconds), Timestamp.millis(context.now)]
            )
            return Audited(
                true, target: "user", id: String(user.id),
                change: [
                    "address": .optional(address), "lockedSeconds": .int(Int64(seconds)),
                    "organizationId": .int(user.organizationId),
                ])
        }
    }

    /// The organisation's latest sign-in alerts (accounts locked after repeated failures), for
    /// its administrators, its city and auditors.
    public func signInAlerts(organizationID: Int64, by actor: Actor) async throws -> [SignInAlert] {
        try await database.read { db in
            guard let organization = try OrganizationStore.find(db, id: organizationID) else {
                throw IdentityError.organizationNotFound
            }
            try Authorization.check(actor, .userList, on: organization.accessTarget)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.user_id, u.username, a.address, a.locked_seconds, a.created_at FROM sign_in_alerts a
                    JOIN users u ON u.id = a.user_id WHERE a.organization_id = ? ORDER BY a.id DESC LIMIT 100
                    """,
                arguments: [organizationID]
            ).map {
                SignInAlert(
                    id: $0["id"], userId: $0["user_id"], username: $0["username"], address: $0["address"],
                    lockedSeconds: $0["locked_seconds"], at: Timestamp.date(millis: $0["created_at"])
                )
            }
        }
    }
}
