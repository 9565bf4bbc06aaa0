import CorridorCrypto
import Foundation
import Kernel

/// What account security needs from the server: the key that seals TOTP secrets and whether
/// staff must use one-time passwords.
public struct AccountSecuritySettings: Sendable {
    /// AES-256-GCM key for TOTP secrets, derived from the server key file (never stored).
    let sealingKey: [UInt8]
    /// City administrators, settlement approvers and platform administrators must use TOTP:
    /// without it their sessions may only enrol.
    public var requireTOTPForStaff: Bool

    /// `serverKey`: the server's key (from a 0600 key file); the sealing key is
    /// HMAC-SHA256(serverKey, "corridor/totp-secret/v1"). nil: a key for this process only.
    public init(serverKey: [UInt8]? = nil, requireTOTPForStaff: Bool = false) {
        sealingKey = HMAC.sha256(key: serverKey ?? SecureRandom.bytes(32), message: "corridor/totp-secret/v1")
        self.requireTOTPForStaff = requireTOTPForStaff
    }

    /// Roles that must use one-time passwords: the administrators of cities and the platform and
    /// whoever approves settlements.
    public static func mustUseTOTP(_ role: Role) -> Bool {
        role == .platformAdmin || role == .cityAdmin
            || Authorization.scope(of: role, for: .settlementManage) != .nowhere
    }
}

extension AccountSecuritySettings {
    /// The refusal for everything but enrolment in an enrol-only session (403 `totp_required`).
    public static var totpRequired: DomainError { IdentityError.totpRequired }
}
