import COpenSSL

/// A private key that makes Ed25519 or SM2 (with SM3) signatures.
///
/// Wraps an OpenSSL `EVP_PKEY` that is never mutated after init; `sign`
/// uses its own `EVP_MD_CTX` per call, so one key may sign from any number
/// of threads at once.
public final class SigningKey: @unchecked Sendable {
    public let algorithm: SignatureAlgorithm
    private let key: OpaquePointer
    private let publicKey: VerifyingKey

    /// Takes ownership of `key` (freed here if init throws).
    private init(owning key: OpaquePointer, algorithm: SignatureAlgorithm) throws {
        do {
            // A separate public-only EVP_PKEY, so a VerifyingKey never holds the secret.
            let raw = try VerifyingKey.rawPublicKey(of: key, algorithm: algorithm)
            publicKey = try VerifyingKey(raw: raw, algorithm: algorithm)
        } catch {
            EVP_PKEY_free(key)
            throw error
        }
        self.key = key
        self.algorithm = algorithm
    }

    deinit {
        EVP_PKEY_free(key)
    }

    /// Generates a new key pair with OpenSSL's DRBG.
    public static func generate(_ algorithm: SignatureAlgorithm) throws -> SigningKey {
        ERR_clear_error()
        guard let context = EVP_PKEY_CTX_new_from_name(nil, algorithm.keyTypeName, nil) else {
            throw SigningError.openSSL("EVP_PKEY_CTX_new_from_name(\(algorithm.keyTypeName))")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else { throw SigningError.openSSL("EVP_PKEY_keygen_init") }
        var generated: OpaquePointer?
        guard EVP_PKEY_generate(context, &generated) == 1, let key = generated else {
            throw SigningError.openSSL("EVP_PKEY_generate(\(algorithm.keyTypeName))")
        }
        return try SigningKey(owning: key, algorithm: algorithm)
    }

    /// Loads an unencrypted PKCS#8 (`-----BEGIN PRIVATE KEY-----`) PEM, as
    /// written by `openssl genpkey -algorithm ed25519` or `-algorithm SM2`,
    /// and detects the algorithm. Throws `SigningError` for other key types
    /// (RSA, ECDSA P-256, …), other PEM types (SEC1, encrypted) or garbage.
    public convenience init(pem: String) throws {
        ERR_clear_error()
        let info = try readKeyPEM(pem) { PEM_read_bio_PKCS8_PRIV_KEY_INFO($0, nil, refusePassword, nil) }
        guard let info else { throw SigningError.openSSL("PEM_read_bio_PKCS8_PRIV_KEY_INFO") }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        guard let key = EVP_PKCS82PKEY_ex(info, nil, nil) else { throw SigningError.openSSL("EVP_PKCS82PKEY_ex") }
        guard let algorithm = SignatureAlgorithm(key: key) else {
            EVP_PKEY_free(key)
            throw SigningError.invalid("private key is not Ed25519 or SM2")
        }
        try self.init(owning: key, algorithm: algorithm)
    }

    /// An Ed25519 key from its 32-byte secret (the RFC 8032 private key seed).
    public convenience init(rawEd25519PrivateKey raw: [UInt8]) throws {
        guard raw.count == 32 else {
            throw SigningError.invalid("Ed25519 private key must be 32 bytes, got \(raw.count)")
        }
        ERR_clear_error()
        guard let key = EVP_PKEY_new_raw_private_key_ex(nil, "ED25519", nil, raw, raw.count) else {
            throw SigningError.openSSL("EVP_PKEY_new_raw_private_key_ex(ED25519)")
        }
        try self.init(owning: key, algorithm: .ed25519)
    }

    /// Unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    public func privateKeyPEM() throws -> String {
        try writeKeyPEM(secure: true, "PEM_write_bio_PKCS8PrivateKey") {
            PEM_write_bio_PKCS8PrivateKey($0, key, nil, nil, 0, nil, nil)
        }
    }

    /// The matching public key.
    public var verifyingKey: VerifyingKey { publicKey }

    /// Signs `message`. Ed25519: pure Ed25519, 64 bytes. SM2: DER-encoded
    /// `(r, s)` over SM3 with distinguishing ID `sm2DistinguishingID`
    /// (randomised, so two signatures of one message differ).
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        ERR_clear_error()
        guard let context = EVP_MD_CTX_new() else { throw SigningError.openSSL("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        guard initializeSignatureContext(context, .sign, key: key, algorithm: algorithm) else {
            throw SigningError.openSSL("EVP_DigestSignInit_ex(\(algorithm.rawValue))")
        }
        let capacity = Int(EVP_PKEY_get_size(key))
        guard capacity > 0 else { throw SigningError.openSSL("EVP_PKEY_get_size") }
        var signature = [UInt8](repeating: 0, count: capacity)
        var length = capacity
        let ok = withNonNullPointer(to: message) { msg, msgLength in
            EVP_DigestSign(context, &signature, &length, msg, msgLength)
        }
        guard ok == 1, length <= capacity else { throw SigningError.openSSL("EVP_DigestSign(\(algorithm.rawValue))") }
        signature.removeSubrange(length...)
        return signature
    }
}
