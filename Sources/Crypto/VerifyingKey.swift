import COpenSSL

/// A public key that verifies Ed25519 or SM2 (with SM3) signatures.
///
/// Wraps an OpenSSL `EVP_PKEY` that is never mutated after init; `verify`
/// uses its own `EVP_MD_CTX` per call, so one key may be used from any
/// number of threads at once.
public final class VerifyingKey: @unchecked Sendable {
    public let algorithm: SignatureAlgorithm
    /// Ed25519: the 32-byte public key. SM2: the 65-byte uncompressed SEC1
    /// point `0x04 ‖ X ‖ Y`. The encoding `init(raw:algorithm:)` accepts.
    public let rawBytes: [UInt8]
    let key: OpaquePointer

    /// Takes ownership of `key` (freed here if init throws).
    init(owning key: OpaquePointer, algorithm: SignatureAlgorithm) throws {
        do {
            rawBytes = try Self.rawPublicKey(of: key, algorithm: algorithm)
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

    /// Loads a SubjectPublicKeyInfo (`-----BEGIN PUBLIC KEY-----`) PEM and
    /// detects the algorithm. Throws `SigningError` for any other key type or
    /// malformed input.
    public convenience init(pem: String) throws {
        ERR_clear_error()
        guard let key = try readKeyPEM(pem, { PEM_read_bio_PUBKEY($0, nil, refusePassword, nil) }) else {
            throw SigningError.openSSL("PEM_read_bio_PUBKEY")
        }
        guard let algorithm = SignatureAlgorithm(key: key) else {
            EVP_PKEY_free(key)
            throw SigningError.invalid("public key is not Ed25519 or SM2")
        }
        try self.init(owning: key, algorithm: algorithm)
    }

    /// Builds a key from its raw encoding: Ed25519, 32 bytes; SM2, a 65-byte
    /// uncompressed point (`0x04 ‖ X ‖ Y`) that must lie on the SM2 curve.
    public convenience init(raw: [UInt8], algorithm: SignatureAlgorithm) throws {
        guard raw.count == algorithm.rawPublicKeyLength else {
            throw SigningError.invalid(
                "\(algorithm.rawValue) raw public key must be \(algorithm.rawPublicKeyLength) bytes, got \(raw.count)"
            )
        }
        ERR_clear_error()
        let key: OpaquePointer
        switch algorithm {
        case .ed25519:
            guard let made = EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, raw, raw.count) else {
                throw SigningError.openSSL("EVP_PKEY_new_raw_public_key_ex(ED25519)")
            }
            key = made
        case .sm2:
            guard raw[0] == 0x04 else { throw SigningError.invalid("SM2 raw public key must start with 0x04") }
            key = try Self.sm2PublicKey(point: raw)
        }
        try self.init(owning: key, algorithm: algorithm)
    }

    /// SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`).
    public func publicKeyPEM() throws -> String {
        try writeKeyPEM(secure: false, "PEM_write_bio_PUBKEY") { PEM_write_bio_PUBKEY($0, key) }
    }

    /// Whether `signature` is a valid signature of `message` by this key.
    /// Returns false on any failure (malformed signature, wrong length, …)
    /// and leaves OpenSSL's error queue empty.
    public func verify(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard !signature.isEmpty else { return false }
        guard let context = EVP_MD_CTX_new() else {
            ERR_clear_error()
            return false
        }
        defer { EVP_MD_CTX_free(context) }
        let valid =
            initializeSignatureContext(context, .verify, key: key, algorithm: algorithm)
            && withNonNullPointer(to: signature) { sig, sigLength in
                withNonNullPointer(to: message) { msg, msgLength in
                    EVP_DigestVerify(context, sig, sigLength, msg, msgLength) == 1
                }
            }
        if !valid { ERR_clear_error() }
        return valid
    }

    // MARK: - Helpers

    /// The raw public encoding of `key` (public or private). For SM2 the
    /// coordinates are read as numbers and re-encoded uncompressed, so the
    /// result does not depend on how the key was encoded when loaded.
    static func rawPublicKey(of key: OpaquePointer, algorithm: SignatureAlgorithm) throws -> [UInt8] {
        switch algorithm {
        case .ed25519:
            var length = 32
            var bytes = [UInt8](repeating: 0, count: length)
            guard EVP_PKEY_get_raw_public_key(key, &bytes, &length) == 1, length == 32 else {
                throw SigningError.openSSL("EVP_PKEY_get_raw_public_key")
            }
            return bytes
        case .sm2:
            var point: [UInt8] = [0x04]
            for name in [OSSL_PKEY_PARAM_EC_PUB_X, OSSL_PKEY_PARAM_EC_PUB_Y] {
                var number: OpaquePointer?
                guard EVP_PKEY_get_bn_param(key, name, &number) == 1, let number else {
                    throw SigningError.openSSL("EVP_PKEY_get_bn_param(\(name))")
                }
                defer { BN_free(number) }
                var coordinate = [UInt8](repeating: 0, count: 32)
                guard BN_bn2binpad(number, &coordinate, 32) == 32 else { throw SigningError.openSSL("BN_bn2binpad") }
                point += coordinate
            }
            return point
        }
    }

    /// An SM2 public key from an uncompressed point, checked by OpenSSL (on
    /// the curve, correct order).
    private static func sm2PublicKey(point: [UInt8]) throws -> OpaquePointer {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "SM2", nil) else {
            throw SigningError.openSSL("EVP_PKEY_CTX_new_from_name(SM2)")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_fromdata_init(context) == 1 else { throw SigningError.openSSL("EVP_PKEY_fromdata_init") }
        var made: OpaquePointer?
        guard corridor_EVP_PKEY_fromdata_ec_public(context, &made, "SM2", point, point.count) == 1, let key = made
        else {
            throw SigningError.openSSL("EVP_PKEY_fromdata(SM2 public key)")
        }
        guard let checkContext = EVP_PKEY_CTX_new_from_pkey(nil, key, nil) else {
            EVP_PKEY_free(key)
            throw SigningError.openSSL("EVP_PKEY_CTX_new_from_pkey")
        }
        defer { EVP_PKEY_CTX_free(checkContext) }
        guard EVP_PKEY_public_check(checkContext) == 1 else {
            EVP_PKEY_free(key)
            throw SigningError.openSSL("EVP_PKEY_public_check")
        }
        return key
    }
}
