import CorridorCrypto
import Foundation

/// Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, six
/// digits, accepted one step either side of now.
public enum TOTP {
    public static let period: TimeInterval = 30
    public static let digits = 6
    /// 160-bit secrets, as RFC 4226 recommends.
    static let secretLength = 20

    public static func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / period).rounded(.down))
    }

    public static func code(secret: [UInt8], step: Int64) -> String {
        var counter = [UInt8](repeating: 0, count: 8)
        for index in 0..<8 { counter[7 - index] = UInt8(truncatingIfNeeded: UInt64(bitPattern: step) >> (8 * index)) }
        let mac = HMAC.sha1(key: secret, message: counter)
        let offset = Int(mac[19] & 0x0f)
        let binary =
            (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        let value = binary % 1_000_000
        let text = String(value)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// The step (now − 1, now, now + 1) whose code this is, if later than `after`.
    static func matchingStep(_ code: String, secret: [UInt8], now: Date, after lastStep: Int64) -> Int64? {
        let digitsOnly = code.filter { !$0.isWhitespace }
        guard digitsOnly.count == digits, digitsOnly.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let current = step(at: now)
        for candidate in [current - 1, current, current + 1] where candidate > lastStep {
            if HMAC.constantTimeEqual(Array(Self.code(secret: secret, step: candidate).utf8), Array(digitsOnly.utf8)) {
                return candidate
            }
        }
        return nil
    }

    /// RFC 4648 base32 without padding, as authenticator apps read secrets.
    public static func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var output = ""
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return output
    }

    /// The otpauth:// URI an authenticator app scans (Key Uri Format).
    static func uri(secret: String, account: String, issuer: String = "Corridor") -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        let label = encode(issuer) + ":" + encode(account)
        return "otpauth://totp/\(label)?secret=\(secret)&issuer=\(issuer)&algorithm=SHA1&digits=6&period=30"
    }
}
