import COpenSSL

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Hash algorithms provided by OpenSSL's default provider.
public enum DigestAlgorithm: String, Sendable, CaseIterable {
    case sha256
    case sm3

    /// Output length in bytes (32 for both SHA-256 and SM3).
    public var outputLength: Int {
        switch self {
        case .sha256, .sm3: 32
        }
    }

    /// Whether the loaded OpenSSL providers implement this algorithm
    /// (e.g. SM3 is absent when only the FIPS provider is loaded).
    /// Hashing with an unavailable algorithm is a precondition failure.
    public var isAvailable: Bool {
        FetchedDigest.for(self).md != nil
    }

    /// The OpenSSL algorithm name passed to `EVP_MD_fetch`.
    var openSSLName: String {
        switch self {
        case .sha256: "SHA2-256"
        case .sm3: "SM3"
        }
    }
}

/// An `EVP_MD` fetched once per algorithm and kept for the life of the
/// process (never freed). A fetched `EVP_MD` is immutable and documented by
/// OpenSSL as safe to share between threads; fetching it once avoids the
/// implicit per-call fetch (global lock + lookup) of `EVP_sha256()` & co.
final class FetchedDigest: @unchecked Sendable {
    let md: OpaquePointer?

    private init(_ algorithm: DigestAlgorithm) {
        md = EVP_MD_fetch(nil, algorithm.openSSLName, nil)
    }

    // Swift globals are initialised lazily and exactly once (thread-safe).
    private static let sha256 = FetchedDigest(.sha256)
    private static let sm3 = FetchedDigest(.sm3)

    static func `for`(_ algorithm: DigestAlgorithm) -> FetchedDigest {
        switch algorithm {
        case .sha256: sha256
        case .sm3: sm3
        }
    }
}

/// One-shot message digests via OpenSSL `EVP_Digest`. Thread-safe.
public enum Digest {
    /// Hashes `bytes` with `algorithm`.
    public static func hash(_ bytes: [UInt8], using algorithm: DigestAlgorithm) -> [UInt8] {
        bytes.withUnsafeBytes { hash(rawBuffer: $0, using: algorithm) }
    }

    /// Hashes any `DataProtocol` value (`Data`, slices, …) with `algorithm`.
    public static func hash(_ data: some DataProtocol, using algorithm: DigestAlgorithm) -> [UInt8] {
        if let digest = data.withContiguousStorageIfAvailable({ buffer in
            hash(rawBuffer: UnsafeRawBufferPointer(buffer), using: algorithm)
        }) {
            return digest
        }
        return hash(Array(data), using: algorithm)
    }

    /// Hashes the UTF-8 encoding of `string` with `algorithm`.
    public static func hash(_ string: String, using algorithm: DigestAlgorithm) -> [UInt8] {
        var string = string
        return string.withUTF8 { hash(rawBuffer: UnsafeRawBufferPointer($0), using: algorithm) }
    }

    /// SHA-256 of `bytes` (32 bytes).
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        hash(bytes, using: .sha256)
    }

    /// SHA-256 of the UTF-8 encoding of `string` (32 bytes).
    public static func sha256(_ string: String) -> [UInt8] {
        hash(string, using: .sha256)
    }

    /// SM3 of `bytes` (32 bytes).
    public static func sm3(_ bytes: [UInt8]) -> [UInt8] {
        hash(bytes, using: .sm3)
    }

    private static func hash(rawBuffer: UnsafeRawBufferPointer, using algorithm: DigestAlgorithm) -> [UInt8] {
        guard let md = FetchedDigest.for(algorithm).md else {
            preconditionFailure("OpenSSL does not provide digest \(algorithm.openSSLName)")
        }
        return [UInt8](unsafeUninitializedCapacity: Int(EVP_MAX_MD_SIZE)) { output, initializedCount in
            var length: UInt32 = 0
            // EVP_Digest with count 0 never reads `data`, so a nil base address is fine.
            let ok = EVP_Digest(rawBuffer.baseAddress, rawBuffer.count, output.baseAddress, &length, md, nil)
            precondition(ok == 1, "EVP_Digest(\(algorithm.openSSLName)) failed")
            initializedCount = Int(length)
        }
    }
}

// MARK: - Hex

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal, two characters per byte.
    public var hexString: String {
        if let string = withContiguousStorageIfAvailable({ hexEncode($0) }) {
            return string
        }
        return Array(self).withUnsafeBufferPointer { hexEncode($0) }
    }
}

private func hexEncode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard !bytes.isEmpty else { return "" }
    return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
        for (i, byte) in bytes.enumerated() {
            out[2 * i] = hexDigit(byte >> 4)
            out[2 * i + 1] = hexDigit(byte & 0x0F)
        }
        return bytes.count * 2
    }
}

@inline(__always)
private func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? nibble + UInt8(ascii: "0") : nibble - 10 + UInt8(ascii: "a")
}

extension Array where Element == UInt8 {
    /// Decodes a hexadecimal string (upper or lower case, even length, no
    /// separators or prefix). Returns nil on any malformed input.
    public init?(hexString: String) {
        let utf8 = Array(hexString.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = Self.hexValue(utf8[index]), let low = Self.hexValue(utf8[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        self = bytes
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

// MARK: - Base64url

/// Base64url (RFC 4648 §5) without padding, as used in tokens and JWS.
public enum Base64URL {
    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8
    )

    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, char) in alphabet.enumerated() {
            table[Int(char)] = UInt8(value)
        }
        return table
    }()

    /// Encodes `bytes` as base64url with no `=` padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count * 4 + 2) / 3)
        var i = 0
        while i + 3 <= input.count {
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
            out.append(alphabet[Int(n >> 18 & 0x3F)])
            out.append(alphabet[Int(n >> 12 & 0x3F)])
            out.append(alphabet[Int(n >> 6 & 0x3F)])
            out.append(alphabet[Int(n & 0x3F)])
            i += 3
        }
        switch input.count - i {
        case 1:
            let n = UInt32(input[i]) << 16
            out.append(alphabet[Int(n >> 18 & 0x3F)])
            out.append(alphabet[Int(n >> 12 & 0x3F)])
        case 2:
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8
            out.append(alphabet[Int(n >> 18 & 0x3F)])
            out.append(alphabet[Int(n >> 12 & 0x3F)])
            out.append(alphabet[Int(n >> 6 & 0x3F)])
        default:
            break
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes unpadded base64url. Strict: returns nil for padding, `+`/`/`,
    /// whitespace, an impossible length, or non-zero trailing bits (so every
    /// byte string has exactly one accepted encoding).
    public static func decode(_ string: String) -> [UInt8]? {
        let input = Array(string.utf8)
        let remainder = input.count % 4
        guard remainder != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for char in input {
            let value = decodeTable[Int(char)]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        // Leftover bits (2 or 4) must be zero for a canonical encoding.
        guard accumulator == 0 else { return nil }
        return out
    }
}
