import COpenSSL

/// HMAC (RFC 2104) through OpenSSL 3's `EVP_Q_mac`, and a comparison that takes the same time
/// whatever the bytes (`CRYPTO_memcmp`), for checking a received MAC.
public enum HMAC {
    /// HMAC-SHA256 of `message` under `key` (32 bytes).
    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                out.withUnsafeMutableBytes { outBytes in
                    EVP_Q_mac(
                        nil, "HMAC", nil, "SHA256", nil, keyBytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                        keyBytes.count, messageBytes.bindMemory(to: UInt8.self).baseAddress, messageBytes.count,
                        outBytes.bindMemory(to: UInt8.self).baseAddress, 32, &length)
                }
            }
        }
        precondition(
            result != nil && length == 32, "HMAC-SHA256 failed: \(OpenSSLErrorQueue.drain().joined(separator: "; "))")
        return out
    }

    /// HMAC-SHA1 of `message` under `key`: only for RFC 6238 one-time passwords, which authenticator
    /// apps compute with SHA-1 (HMAC-SHA1 remains sound as a MAC).
    public static func sha1(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 20)
        var length = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                out.withUnsafeMutableBytes { outBytes in
                    EVP_Q_mac(
                        nil, "HMAC", nil, "SHA1", nil, keyBytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                        keyBytes.count, messageBytes.bindMemory(to: UInt8.self).baseAddress, messageBytes.count,
                        outBytes.bindMemory(to: UInt8.self).baseAddress, 20, &length)
                }
            }
        }
        precondition(
            result != nil && length == 20, "HMAC-SHA1 failed: \(OpenSSLErrorQueue.drain().joined(separator: "; "))")
        return out
    }

    /// HMAC-SHA256 of the UTF-8 bytes of `message`.
    public static func sha256(key: [UInt8], message: String) -> [UInt8] {
        sha256(key: key, message: Array(message.utf8))
    }

    /// Whether two byte strings are equal, in time that depends only on their length.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, a.count) == 0 }
        }
    }
}
