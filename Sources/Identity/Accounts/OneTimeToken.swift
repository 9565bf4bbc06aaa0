import CorridorCrypto
import Foundation
import Kernel

/// Single-use tokens sent by e-mail or shown once (invitations, password resets): a prefix and
/// 256 random bits in base64url; only the SHA-256 is stored.
enum OneTimeToken {
    static let invitationPrefix = "inv_"
    static let resetPrefix = "rst_"

    static func generate(prefix: String) -> String {
        prefix + Base64URL.encode(SecureRandom.bytes(32))
    }

    /// The stored hash, or nil when the string cannot be one of ours.
    static func hash(_ token: String, prefix: String) -> Data? {
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(prefix), trimmed.utf8.count == prefix.utf8.count + 43 else { return nil }
        return Data(Digest.sha256(Array(trimmed.utf8)))
    }
}
