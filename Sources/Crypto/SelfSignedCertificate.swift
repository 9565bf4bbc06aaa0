import COpenSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A freshly generated ECDSA P-256 key and a self-signed X.509 v3 server
/// certificate (SHA-256 signature), both PEM-encoded.
public struct SelfSignedCertificate: Sendable, Equatable {
    /// `-----BEGIN CERTIFICATE-----` …
    public let certificatePEM: String
    /// PKCS#8, unencrypted: `-----BEGIN PRIVATE KEY-----` …
    public let privateKeyPEM: String

    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }

    /// Generates a new key pair and a self-signed certificate for it.
    ///
    /// - Subject and issuer: `CN=<commonName>`.
    /// - Serial: 20 random bytes (positive, non-zero).
    /// - Validity: from one hour ago (tolerates client clock skew) until
    ///   `validDays` days from now.
    /// - Extensions: basicConstraints `critical,CA:FALSE`; keyUsage
    ///   `critical,digitalSignature`; extendedKeyUsage `serverAuth`;
    ///   subjectKeyIdentifier; subjectAltName with every DNS name and IP
    ///   address given.
    ///
    /// - Parameters:
    ///   - commonName: 1–64 bytes of UTF-8.
    ///   - dnsNames: host names for the SAN (ASCII letters, digits, `-`, `.`,
    ///     `_`, `*`; A-label form for IDNs), e.g. `["localhost"]`.
    ///   - ipAddresses: textual IPv4/IPv6 addresses, e.g. `["127.0.0.1", "::1"]`.
    ///     At least one DNS name or IP address is required.
    ///   - validDays: 1...36500.
    /// - Throws: `CryptoError` for invalid arguments or any OpenSSL failure
    ///   (carrying OpenSSL's error-queue text).
    public static func make(
        commonName: String,
        dnsNames: [String],
        ipAddresses: [String],
        validDays: Int
    ) throws -> SelfSignedCertificate {
        // ---- validate input -------------------------------------------------
        let commonNameBytes = Array(commonName.utf8)
        guard !commonNameBytes.isEmpty, commonNameBytes.count <= 64 else {
            throw CryptoError.invalidArgument("commonName must be 1-64 bytes of UTF-8")
        }
        guard (1...36500).contains(validDays) else {
            throw CryptoError.invalidArgument("validDays must be in 1...36500, got \(validDays)")
        }
        guard !dnsNames.isEmpty || !ipAddresses.isEmpty else {
            throw CryptoError.invalidArgument("at least one DNS name or IP address is required")
        }
        for name in dnsNames where !isAcceptableDNSName(name) {
            throw CryptoError.invalidArgument("invalid DNS name \(String(reflecting: name))")
        }
        var ipBytes: [[UInt8]] = []
        for address in ipAddresses {
            guard let bytes = parseIPAddress(address) else {
                throw CryptoError.invalidArgument("invalid IP address \(String(reflecting: address))")
            }
            ipBytes.append(bytes)
        }

        // The error queue is thread-local and nothing below suspends, so
        // every error we drain was raised by this call.
        ERR_clear_error()

        // ---- key: ECDSA P-256 ----------------------------------------------
        guard let keyContext = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else {
            throw CryptoError.openSSL("EVP_PKEY_CTX_new_from_name(EC)")
        }
        defer { EVP_PKEY_CTX_free(keyContext) }
        try check(EVP_PKEY_keygen_init(keyContext) == 1, "EVP_PKEY_keygen_init")
        try check(EVP_PKEY_CTX_set_group_name(keyContext, "P-256") == 1, "EVP_PKEY_CTX_set_group_name(P-256)")
        var generatedKey: OpaquePointer?
        try check(EVP_PKEY_generate(keyContext, &generatedKey) == 1, "EVP_PKEY_generate")
        guard let key = generatedKey else { throw CryptoError.openSSL("EVP_PKEY_generate") }
        defer { EVP_PKEY_free(key) }

        // ---- certificate ---------------------------------------------------
        guard let cert = X509_new() else { throw CryptoError.openSSL("X509_new") }
        defer { X509_free(cert) }
        try check(X509_set_version(cert, Int(X509_VERSION_3)) == 1, "X509_set_version")

        var serialBytes = SecureRandom.bytes(20)
        serialBytes[0] = (serialBytes[0] & 0x7F) | 0x40  // positive, non-zero, 20 bytes DER
        guard let serialNumber = BN_bin2bn(serialBytes, Int32(serialBytes.count), nil) else {
            throw CryptoError.openSSL("BN_bin2bn")
        }
        defer { BN_free(serialNumber) }
        try check(BN_to_ASN1_INTEGER(serialNumber, X509_get_serialNumber(cert)) != nil, "BN_to_ASN1_INTEGER")

        try check(X509_gmtime_adj(X509_getm_notBefore(cert), -3600) != nil, "X509_gmtime_adj(notBefore)")
        try check(
            X509_time_adj_ex(X509_getm_notAfter(cert), Int32(validDays), 0, nil) != nil,
            "X509_time_adj_ex(notAfter)"
        )

        guard let subject = X509_get_subject_name(cert) else {
            throw CryptoError.openSSL("X509_get_subject_name")
        }
        try check(
            X509_NAME_add_entry_by_txt(
                subject, "CN", MBSTRING_UTF8, commonNameBytes, Int32(commonNameBytes.count), -1, 0
            ) == 1,
            "X509_NAME_add_entry_by_txt(CN)"
        )
        try check(X509_set_issuer_name(cert, subject) == 1, "X509_set_issuer_name")
        try check(X509_set_pubkey(cert, key) == 1, "X509_set_pubkey")

        // Fixed-value extensions via the config-string parser (values are
        // constants, never user input).
        var v3Context = X509V3_CTX()
        X509V3_set_ctx(&v3Context, cert, cert, nil, nil, 0)
        let fixedExtensions: [(nid: Int32, value: String)] = [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature"),
            (NID_ext_key_usage, "serverAuth"),
            (NID_subject_key_identifier, "hash"),
        ]
        for (nid, value) in fixedExtensions {
            guard let ext = X509V3_EXT_nconf_nid(nil, &v3Context, nid, value) else {
                throw CryptoError.openSSL("X509V3_EXT_nconf_nid(\(value))")
            }
            defer { X509_EXTENSION_free(ext) }
            try check(X509_add_ext(cert, ext, -1) == 1, "X509_add_ext(\(value))")  // copies ext
        }

        // subjectAltName built structurally, so names can't inject syntax.
        guard let altNames = GENERAL_NAMES_new() else { throw CryptoError.openSSL("GENERAL_NAMES_new") }
        defer { GENERAL_NAMES_free(altNames) }  // frees every pushed GENERAL_NAME
        for name in dnsNames {
            guard let ia5 = ASN1_IA5STRING_new() else { throw CryptoError.openSSL("ASN1_IA5STRING_new") }
            let bytes = Array(name.utf8)
            guard ASN1_STRING_set(ia5, bytes, Int32(bytes.count)) == 1 else {
                ASN1_IA5STRING_free(ia5)
                throw CryptoError.openSSL("ASN1_STRING_set")
            }
            try pushGeneralName(type: GEN_DNS, value: UnsafeMutableRawPointer(ia5), onto: altNames) {
                ASN1_IA5STRING_free(ia5)
            }
        }
        for bytes in ipBytes {
            guard let octets = ASN1_OCTET_STRING_new() else { throw CryptoError.openSSL("ASN1_OCTET_STRING_new") }
            guard ASN1_OCTET_STRING_set(octets, bytes, Int32(bytes.count)) == 1 else {
                ASN1_OCTET_STRING_free(octets)
                throw CryptoError.openSSL("ASN1_OCTET_STRING_set")
            }
            try pushGeneralName(type: GEN_IPADD, value: UnsafeMutableRawPointer(octets), onto: altNames) {
                ASN1_OCTET_STRING_free(octets)
            }
        }
        try check(
            X509_add1_ext_i2d(
                cert, NID_subject_alt_name, UnsafeMutableRawPointer(altNames), 0, UInt(X509V3_ADD_DEFAULT)) == 1,
            "X509_add1_ext_i2d(subjectAltName)"
        )

        guard let sha256 = FetchedDigest.for(.sha256).md else { throw CryptoError.openSSL("EVP_MD_fetch(SHA2-256)") }
        try check(X509_sign(cert, key, sha256) > 0, "X509_sign")

        // ---- PEM -----------------------------------------------------------
        let certificatePEM = try writePEM(secure: false, "PEM_write_bio_X509") { PEM_write_bio_X509($0, cert) }
        // Secure-memory BIO: the buffer is cleansed when freed.
        let privateKeyPEM = try writePEM(secure: true, "PEM_write_bio_PrivateKey") {
            PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil)
        }
        return SelfSignedCertificate(certificatePEM: certificatePEM, privateKeyPEM: privateKeyPEM)
    }

    // MARK: - Helpers

    /// Wraps `value` (an ASN1 string of the right type) in a GENERAL_NAME and
    /// pushes it. On failure before ownership passes to the GENERAL_NAME,
    /// `freeValue` releases `value`.
    private static func pushGeneralName(
        type: Int32,
        value: UnsafeMutableRawPointer,
        onto names: OpaquePointer,
        freeValue: () -> Void
    ) throws {
        guard let general = GENERAL_NAME_new() else {
            freeValue()
            throw CryptoError.openSSL("GENERAL_NAME_new")
        }
        GENERAL_NAME_set0_value(general, type, value)  // `general` now owns `value`
        guard corridor_sk_GENERAL_NAME_push(names, general) > 0 else {
            GENERAL_NAME_free(general)
            throw CryptoError.openSSL("sk_GENERAL_NAME_push")
        }
    }

    private static func writePEM(
        secure: Bool,
        _ operation: String,
        _ write: (OpaquePointer) -> Int32
    ) throws -> String {
        guard let bio = BIO_new(secure ? BIO_s_secmem() : BIO_s_mem()) else {
            throw CryptoError.openSSL("BIO_new")
        }
        defer { BIO_free(bio) }
        try check(write(bio) == 1, operation)
        var data: UnsafeMutablePointer<CChar>?
        let length = corridor_BIO_get_mem_data(bio, &data)
        guard length > 0, let data else { throw CryptoError.openSSL("BIO_get_mem_data") }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }

    private static func check(_ ok: Bool, _ operation: String) throws {
        if !ok { throw CryptoError.openSSL(operation) }
    }

    private static func isAcceptableDNSName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        return bytes.allSatisfy { c in
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "*"):
                true
            default:
                false
            }
        }
    }

    /// Strict textual IPv4 (dotted quad) / IPv6 parse via `inet_pton`;
    /// returns the 4 or 16 network-order bytes.
    private static func parseIPAddress(_ text: String) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET, text, &buffer) == 1 { return Array(buffer.prefix(4)) }
        if inet_pton(AF_INET6, text, &buffer) == 1 { return buffer }
        return nil
    }
}

// MARK: - Errors

/// A failure in the Crypto module: either an invalid argument, or an OpenSSL
/// call that failed, with the text OpenSSL left on its (thread-local) error
/// queue at that point.
public struct CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case invalidArgument
        case openSSL
    }

    public let kind: Kind
    /// For `.openSSL`, the OpenSSL operation that failed; for
    /// `.invalidArgument`, what was wrong.
    public let message: String
    /// OpenSSL's error queue, oldest first, e.g.
    /// `error:0480006C:PEM routines::no start line`. Empty if none.
    public let openSSLErrors: [String]

    public init(kind: Kind, message: String, openSSLErrors: [String] = []) {
        self.kind = kind
        self.message = message
        self.openSSLErrors = openSSLErrors
    }

    public var description: String {
        let prefix = kind == .invalidArgument ? "invalid argument: " : "OpenSSL: \(message) failed"
        if kind == .invalidArgument { return prefix + message }
        return openSSLErrors.isEmpty ? prefix : prefix + ": " + openSSLErrors.joined(separator: "; ")
    }

    static func invalidArgument(_ message: String) -> CryptoError {
        CryptoError(kind: .invalidArgument, message: message)
    }

    /// Captures (and clears) the calling thread's OpenSSL error queue.
    static func openSSL(_ operation: String) -> CryptoError {
        CryptoError(kind: .openSSL, message: operation, openSSLErrors: OpenSSLErrorQueue.drain())
    }
}

enum OpenSSLErrorQueue {
    /// Pops every entry from the calling thread's OpenSSL error queue.
    static func drain() -> [String] {
        var lines: [String] = []
        while true {
            var extraData: UnsafePointer<CChar>?
            var flags: Int32 = 0
            let code = ERR_get_error_all(nil, nil, nil, &extraData, &flags)
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            let text = buffer.withUnsafeMutableBufferPointer { buf -> String in
                ERR_error_string_n(code, buf.baseAddress, buf.count)
                return String(cString: buf.baseAddress!)
            }
            if let extraData, flags & ERR_TXT_STRING != 0, extraData.pointee != 0 {
                lines.append(text + " (" + String(cString: extraData) + ")")
            } else {
                lines.append(text)
            }
        }
        return lines
    }
}
