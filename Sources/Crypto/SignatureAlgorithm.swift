import COpenSSL

/// Digital-signature algorithms, all computed by OpenSSL's EVP API.
public enum SignatureAlgorithm: String, Sendable, CaseIterable {
    /// Pure Ed25519 (RFC 8032): 32-byte public keys, 64-byte deterministic signatures.
    case ed25519
    /// SM2 signature (GB/T 32918) over SM3, with the distinguishing ID
    /// `sm2DistinguishingID`; signatures are DER `SEQUENCE { r, s }` (≤ 72 bytes).
    case sm2

    /// The OpenSSL key type name (`EVP_PKEY_is_a`, `EVP_PKEY_CTX_new_from_name`).
    var keyTypeName: String {
        switch self {
        case .ed25519: "ED25519"
        case .sm2: "SM2"
        }
    }

    /// Length of the raw public key encoding (`VerifyingKey.rawBytes`).
    var rawPublicKeyLength: Int {
        switch self {
        case .ed25519: 32
        case .sm2: 65  // 0x04 ‖ X ‖ Y
        }
    }

    /// The algorithm of an OpenSSL key, or nil if it is anything else (RSA,
    /// ECDSA on P-256, Ed448, …). OpenSSL 3 decodes EC keys on the SM2 curve as
    /// key type "SM2", so a P-256 key is "EC" and is rejected here.
    init?(key: OpaquePointer) {
        guard let algorithm = Self.allCases.first(where: { EVP_PKEY_is_a(key, $0.keyTypeName) == 1 }) else {
            return nil
        }
        self = algorithm
    }
}

extension SignatureAlgorithm {
    /// The SM2 distinguishing ID (GM/T 0009 default), set explicitly on every
    /// SM2 sign and verify: OpenSSL 3.0 would otherwise use an empty ID.
    public static let sm2DistinguishingID = "1234567812345678"
}

/// A signing or key-handling failure: an invalid argument (wrong key type or
/// length, malformed PEM, …) or an OpenSSL call that failed, with the text
/// OpenSSL left on its error queue.
public struct SigningError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public var description: String { "SigningError: " + message }

    init(_ message: String) {
        self.message = message
    }

    /// An invalid argument; discards anything on OpenSSL's error queue.
    static func invalid(_ message: String) -> SigningError {
        ERR_clear_error()
        return SigningError(message)
    }

    /// `operation` failed; captures (and clears) the thread's OpenSSL error queue.
    static func openSSL(_ operation: String) -> SigningError {
        let errors = OpenSSLErrorQueue.drain()
        return SigningError(
            errors.isEmpty ? "\(operation) failed" : "\(operation) failed: " + errors.joined(separator: "; "))
    }
}

// MARK: - Shared helpers

enum SignatureOperation {
    case sign
    case verify
}

/// Initialises `context` for a one-shot `EVP_DigestSign` / `EVP_DigestVerify`
/// with `key`: no digest for Ed25519 (pure mode), SM3 plus the explicit
/// distinguishing ID for SM2. The ID goes through `EVP_PKEY_CTX_set1_id` after
/// init because OpenSSL 3.0 ignores it in the init params. Returns false on
/// failure (errors left on the queue for the caller).
func initializeSignatureContext(
    _ context: OpaquePointer,
    _ operation: SignatureOperation,
    key: OpaquePointer,
    algorithm: SignatureAlgorithm
) -> Bool {
    var keyContext: OpaquePointer?  // owned by `context`
    let digestName: String? = algorithm == .sm2 ? "SM3" : nil
    let ok =
        switch operation {
        case .sign: EVP_DigestSignInit_ex(context, &keyContext, digestName, nil, nil, key, nil)
        case .verify: EVP_DigestVerifyInit_ex(context, &keyContext, digestName, nil, nil, key, nil)
        }
    guard ok == 1 else { return false }
    guard algorithm == .sm2 else { return true }
    guard let keyContext else { return false }
    let id = Array(SignatureAlgorithm.sm2DistinguishingID.utf8)
    return EVP_PKEY_CTX_set1_id(keyContext, id, Int32(id.count)) == 1
}

/// Calls `body` with a non-null pointer to `bytes` (a dummy one when empty:
/// some OpenSSL paths dislike NULL even with length 0) and their count.
func withNonNullPointer<R>(to bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
    bytes.withUnsafeBufferPointer { buffer in
        if let base = buffer.baseAddress { return body(base, buffer.count) }
        return withUnsafePointer(to: UInt8(0)) { body($0, 0) }
    }
}

/// Reads one key from `pem` with `read` (given a memory BIO over the text).
/// Returns nil if `read` returns nil; errors are left on the queue.
func readKeyPEM(_ pem: String, _ read: (OpaquePointer) -> OpaquePointer?) throws -> OpaquePointer? {
    let bytes = Array(pem.utf8)
    guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { throw SigningError.invalid("empty or oversized PEM") }
    return try bytes.withUnsafeBytes { buffer in
        guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
            throw SigningError.openSSL("BIO_new_mem_buf")
        }
        defer { BIO_free(bio) }
        return read(bio)
    }
}

/// A PEM password callback that refuses: never prompt on a terminal for an
/// encrypted PEM (OpenSSL's default callback would).
func refusePassword(_: UnsafeMutablePointer<CChar>?, _: Int32, _: Int32, _: UnsafeMutableRawPointer?) -> Int32 {
    -1
}

/// Runs `write` on a memory BIO (secure memory for private keys: cleansed
/// when freed) and returns what it wrote.
func writeKeyPEM(secure: Bool, _ operation: String, _ write: (OpaquePointer) -> Int32) throws -> String {
    ERR_clear_error()
    guard let bio = BIO_new(secure ? BIO_s_secmem() : BIO_s_mem()) else { throw SigningError.openSSL("BIO_new") }
    defer { BIO_free(bio) }
    guard write(bio) == 1 else { throw SigningError.openSSL(operation) }
    var data: UnsafeMutablePointer<CChar>?
    let length = corridor_BIO_get_mem_data(bio, &data)
    guard length > 0, let data else { throw SigningError.openSSL("BIO_get_mem_data") }
    return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
}
