import Foundation
import GRDB
import Kernel
import Store

/// A reset token for the account behind a request, to be mailed to that account's address (it
/// is never shown to whoever asked).
public struct PasswordResetIssued: Codable, Sendable {
    public var userId: Int64
    public var username: String
    public var displayName: String
    public var email: String
    public var token: String
    public var expiresAt: Date
}

extension AuthService {
    /// How long a reset token stays usable.
    public static let resetLifetime: TimeInterval = 3_600

    /// Someone asks to reset the password of a username or e-mail address. The caller answers
    /// the same whatever this returns (nil: no such account, or no address to mail); the
    /// requests are throttled per identifier and per client address.
    public func requestPasswordReset(identifier raw: String, requestID: String) async throws -> PasswordResetIssued? {
        let identifier = String(raw.trimmingCharacters(in: .whitespaces).lowercased().prefix(254))
        let address = LoginThrottle.clientAddress
        do {
            try resetThrottle.check(username: identifier, address: address)
        } catch let error as DomainError where error.code == "login_locked" {
            var seconds = 60
            if case .int(let wait) = error.details["retryAfterSeconds"] { seconds = Int(wait) }
            throw IdentityError.resetThrottled(seconds: seconds)
        }
        _ = resetThrottle.failed(username: identifier, address: address)
        guard !identifier.isEmpty else { return nil }
        let folded = try? NewUser.validEmail(identifier)
        let found = try await database.read { db -> (User, String)? in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM users WHERE (username = ? OR email = ?) AND disabled_at IS NULL LIMIT 1",
                    arguments: [identifier, folded ?? identifier])
            else { return nil }
            let user = UserStore.decode(row)
            guard let email = user.email else { return nil }
            return (user, email)
        }
        guard let (user, email) = found else { return nil }
        let token = OneTimeToken.generate(prefix: OneTimeToken.resetPrefix)
        guard let hash = OneTimeToken.hash(token, prefix: OneTimeToken.resetPrefix) else { return nil }
        return try await database.write(
            as: .system("password-reset", requestID: requestID), action: "password.reset.request"
        ) { db, context in
            let expiresAt = context.now.addingTimeInterval(Self.resetLifetime)
            try db.execute(
                sql: "INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [user.id, hash, Timestamp.millis(context.now), Timestamp.millis(expiresAt)])
            let issued = PasswordResetIssued(
                userId: user.id, username: user.username, displayName: user.displayName, email: email, token: token,
                expiresAt: expiresAt)
            return Audited(issued, target: "user", id: String(user.id), change: ["resetRequested": true])
        }
    }

    /// Sets a new password with a reset token (once); every session and API token of the user is
    /// revoked, in this process's cache too.
    public func completePasswordReset(
        token: String, newPassword: String, requestID: String
    ) async throws
        -> SessionsRevoked
    {
        guard let hash = OneTimeToken.hash(token, prefix: OneTimeToken.resetPrefix) else {
            throw IdentityError.resetTokenInvalid
        }
        let now = database.clock.now()
        let found = try await database.read { db -> (User, String?)? in
            guard
                let userID = try Int64.fetchOne(
                    db,
                    sql:
                        "SELECT user_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                    arguments: [hash, Timestamp.millis(now)]),
                let user = try UserStore.find(db, id: userID)
            else { return nil }
            return (user, try OrganizationStore.find(db, id: user.organizationId)?.name)
        }
        guard let (user, organizationName) = found, user.disabledAt == nil else {
            throw IdentityError.resetTokenInvalid
        }
        try Passwords.validate(
            newPassword, field: "newPassword", username: user.username, organizationName: organizationName)
        let passwordHash = await passwords.hash(newPassword)
        let result = try await database.write(
            as: .system("password-reset", requestID: requestID), action: "password.reset.complete"
        ) { db, context in
            try db.execute(
                sql:
                    "UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                arguments: [Timestamp.millis(context.now), hash, Timestamp.millis(context.now)])
            guard db.changesCount == 1 else { throw IdentityError.resetTokenInvalid }
            // Any other reset link of this user dies with this one.
            try db.execute(
                sql: "UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                arguments: [Timestamp.millis(context.now), user.id])
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [passwordHash, user.id])
            let revoked = try TokenStore.revokeAll(db, userID: user.id, now: context.now)
            return Audited(
                SessionsRevoked(userId: user.id, revokedTokens: revoked), target: "user", id: String(user.id),
                change: ["passwordReset": true, "revokedTokens": .int(Int64(revoked))])
        }
        verifier.forget(userID: user.id)
        throttle.succeeded(username: user.username)
        return result
    }
}
