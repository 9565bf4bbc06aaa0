import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG (`RAND_bytes`).
public enum SecureRandom {
    /// Returns `count` random bytes. Traps if `count` is negative or if
    /// OpenSSL cannot produce random bytes (an unrecoverable condition:
    /// continuing with weak randomness would be worse than stopping).
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0, "SecureRandom.bytes: negative count \(count)")
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            var offset = 0
            while offset < count {
                let chunk = min(count - offset, Int(Int32.max))
                let ok = RAND_bytes(buffer.baseAddress! + offset, Int32(chunk))
                precondition(ok == 1, "RAND_bytes failed: \(OpenSSLErrorQueue.drain().joined(separator: "; "))")
                offset += chunk
            }
            initializedCount = count
        }
    }
}
