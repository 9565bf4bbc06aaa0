import CorridorCrypto
import Foundation
import GRDB
import Kernel
import Store

/// A new TOTP secret, shown once: base32 (in groups of four on the page) and the otpauth URI.
public struct TOTPEnrollment: Codable, Sendable {
    public var secret: String
    public var uri: String
}

/// Recovery codes, shown once; each signs in once instead of a code.
public struct RecoveryCodes: Codable, Sendable {
    public var codes: [String]
}

/// Whether a user has one-time passwords on, and whether they must.
public struct TOTPStatus: Codable, Sendable, Equatable {
    public var enabled: Bool
    public var required: Bool
    public var recoveryCodesLeft: Int
    /// This session may only enrol (staff without TOTP).
    public var enrollOnly: Bool
}

enum TOTPStore {
    struct Credential {
        var secret: [UInt8]
        var confirmed: Bool
        var lastStep: Int64
    }

    static func context(_ userID: Int64) -> [UInt8] { Array("totp:user:\(userID)".utf8) }

    static func find(_ db: Database, userID: Int64, key: [UInt8]) throws -> Credential? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM totp_credentials WHERE user_id = ?", arguments: [userID]),
            let secret = AESGCM.open(
                [UInt8](row["sealed_secret"] as Data), key: key, context: context(userID))
        else { return nil }
        return Credential(secret: secret, confirmed: row["confirmed_at"] as Int64? != nil, lastStep: row["last_step"])
    }

    static func confirmed(_ db: Database, userID: Int64) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT 1 FROM totp_credentials WHERE user_id = ? AND confirmed_at IS NOT NULL",
            arguments: [userID]) ?? false
    }

    static func recoveryHash(_ code: String) -> Data {
        let normalised = code.lowercased().filter { $0.isLetter || $0.isNumber }
        return Data(Digest.sha256(Array("corridor-recovery:\(normalised)".utf8)))
    }

    /// Uses a TOTP code (a step later than the last one used) or an unused recovery code; false
    /// when neither. Run inside the write that depends on it, so one code wins a race.
    static func consume(_ db: Database, userID: Int64, code: String, key: [UInt8], now: Date) throws -> Bool {
        guard let credential = try find(db, userID: userID, key: key), credential.confirmed else { return false }
        if let step = TOTP.matchingStep(code, secret: credential.secret, now: now, after: credential.lastStep) {
            try db.execute(
                sql: "UPDATE totp_credentials SET last_step = ? WHERE user_id = ? AND last_step < ?",
                arguments: [step, userID, step])
            return db.changesCount == 1
        }
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 32, trimmed.count >= 8 else { return false }
        try db.execute(
            sql: "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
            arguments: [Timestamp.millis(now), userID, recoveryHash(trimmed)])
        return db.changesCount == 1
    }

    /// Ten codes like `k7qm-x3pa-9t`, from an alphabet without look-alikes (about 50 bits each).
    static func generateRecoveryCodes() -> [String] {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        return (0..<10).map { _ in
            let characters = SecureRandom.bytes(10).map { alphabet[Int($0) % alphabet.count] }
            return String(characters[0..<4]) + "-" + String(characters[4..<8]) + "-" + String(characters[8..<10])
        }
    }
}

extension AuthService {
    public func totpStatus(_ principal: Principal) async throws -> TOTPStatus {
        let required = security.requireTOTPForStaff && AccountSecuritySettings.mustUseTOTP(principal.role)
        return try await database.read { db in
            let enabled = try TOTPStore.confirmed(db, userID: principal.userID)
            let left =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL",
                    arguments: [principal.userID]) ?? 0
            return TOTPStatus(
                enabled: enabled, required: required, recoveryCodesLeft: enabled ? left : 0,
                enrollOnly: principal.enrollOnly)
        }
    }

    /// Starts turning TOTP on: a new secret (replacing an unconfirmed one), shown once.
    public func startTOTP(_ principal: Principal, requestID: String) async throws -> TOTPEnrollment {
        let secret = SecureRandom.bytes(TOTP.secretLength)
        let sealed = AESGCM.seal(secret, key: security.sealingKey, context: TOTPStore.context(principal.userID))
        let encoded = TOTP.base32(secret)
        let enrollment = TOTPEnrollment(secret: encoded, uri: TOTP.uri(secret: encoded, account: principal.username))
        return try await database.write(as: principal.actor(requestID: requestID), action: "totp.start") {
            db, context in
            if try TOTPStore.confirmed(db, userID: principal.userID) { throw IdentityError.totpAlreadyOn }
            try db.execute(
                sql: """
                    INSERT INTO totp_credentials (user_id, sealed_secret, created_at) VALUES (?, ?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET sealed_secret = excluded.sealed_secret,
                        created_at = excluded.created_at, last_step = 0
                    """,
                arguments: [principal.userID, Data(sealed), Timestamp.millis(context.now)])
            return Audited(enrollment, target: "user", id: String(principal.userID), change: ["totp": "started"])
        }
    }

    /// Confirms with a first code: TOTP is on, the session is no longer enrol-only, and ten
    /// recovery codes are shown once (stored hashed).
    public func confirmTOTP(_ principal: Principal, code: String, requestID: String) async throws -> RecoveryCodes {
        let key = security.sealingKey
        let codes = TOTPStore.generateRecoveryCodes()
        let result = try await database.write(as: principal.actor(requestID: requestID), action: "totp.confirm") {
            db, context -> Audited<RecoveryCodes?> in
            guard let credential = try TOTPStore.find(db, userID: principal.userID, key: key) else {
                throw IdentityError.totpNotStarted
            }
            if credential.confirmed { throw IdentityError.totpAlreadyOn }
            guard let step = TOTP.matchingStep(code, secret: credential.secret, now: context.now, after: 0) else {
                return .unchanged(nil)
            }
            try db.execute(
                sql: "UPDATE totp_credentials SET confirmed_at = ?, last_step = ? WHERE user_id = ?",
                arguments: [Timestamp.millis(context.now), step, principal.userID])
            try db.execute(sql: "DELETE FROM recovery_codes WHERE user_id = ?", arguments: [principal.userID])
            for code in codes {
                try db.execute(
                    sql: "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)",
                    arguments: [principal.userID, TOTPStore.recoveryHash(code)])
            }
            try db.execute(sql: "UPDATE tokens SET enroll_only = 0 WHERE id = ?", arguments: [principal.tokenID])
            return Audited(
                RecoveryCodes(codes: codes), target: "user", id: String(principal.userID), change: ["totp": "on"])
        }
        guard let result else {
            throttle.failed(username: principal.username, address: LoginThrottle.clientAddress)
            throw IdentityError.totpCodeWrong
        }
        verifier.forget(userID: principal.userID)
        return result
    }

    /// Turns TOTP off with the password and a code (or a recovery code). Staff who must use it cannot.
    public func disableTOTP(_ principal: Principal, password: String, code: String, requestID: String) async throws {
        if security.requireTOTPForStaff, AccountSecuritySettings.mustUseTOTP(principal.role) {
            throw IdentityError.totpStaffCannotTurnOff
        }
        let address = LoginThrottle.clientAddress
        try throttle.check(username: principal.username, address: address)
        let stored = try await database.read { db in
            try UserStore.credentials(db, username: principal.username)?.1
        }
        guard password.utf8.count <= Passwords.maximumBytes, let stored, await passwords.verify(password, hash: stored)
        else {
            throttle.failed(username: principal.username, address: address)
            throw IdentityError.currentPasswordWrong
        }
        let key = security.sealingKey
        let done = try await database.write(as: principal.actor(requestID: requestID), action: "totp.disable") {
            db, context -> Audited<Bool> in
            guard try TOTPStore.confirmed(db, userID: principal.userID) else { throw IdentityError.totpNotOn }
            guard try TOTPStore.consume(db, userID: principal.userID, code: code, key: key, now: context.now) else {
                return .unchanged(false)
            }
            try db.execute(sql: "DELETE FROM totp_credentials WHERE user_id = ?", arguments: [principal.userID])
            try db.execute(sql: "DELETE FROM recovery_codes WHERE user_id = ?", arguments: [principal.userID])
            return Audited(true, target: "user", id: String(principal.userID), change: ["totp": "off"])
        }
        guard done else {
            throttle.failed(username: principal.username, address: address)
            throw IdentityError.totpCodeWrong
        }
    }
}
