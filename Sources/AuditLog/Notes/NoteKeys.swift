import CorridorCrypto
import Foundation

/// How a key signs notes, and the type bytes that go into its key ID and verifier key.
///
/// - `ed25519`: C2SP signed-note type 0x01 — Ed25519 over the note text.
/// - `sm2`: not assigned by C2SP, so it uses the extension byte 0xff followed by the ASCII
///   identifier `corridor/sm2-sm3`: an SM2 signature (DER) over the note text with SM3 and
///   the distinguishing ID `1234567812345678`; the public key is the 65-byte uncompressed point.
/// - `cosignature`: C2SP tlog-cosignature type 0x04 — a timestamped Ed25519 witness cosignature.
public enum NoteKeyType: Sendable, Equatable {
    case ed25519
    case sm2
    case cosignature

    public static let sm2Identifier = Array("corridor/sm2-sm3".utf8)

    public var typeBytes: [UInt8] {
        switch self {
        case .ed25519: [0x01]
        case .sm2: [0xff] + Self.sm2Identifier
        case .cosignature: [0x04]
        }
    }

    var algorithm: SignatureAlgorithm {
        switch self {
        case .ed25519, .cosignature: .ed25519
        case .sm2: .sm2
        }
    }

    /// SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4]
    public func keyID(name: String, publicKey: [UInt8]) -> [UInt8] {
        Array(Digest.sha256(Array(name.utf8) + [0x0A] + typeBytes + publicKey).prefix(4))
    }

    /// The type whose bytes start `bytes`, and the public key that follows.
    static func split(_ bytes: [UInt8]) throws -> (NoteKeyType, [UInt8]) {
        for type in [NoteKeyType.ed25519, .sm2, .cosignature] where bytes.starts(with: type.typeBytes) {
            return (type, Array(bytes.dropFirst(type.typeBytes.count)))
        }
        throw NoteError.badKey("unknown signature type \(bytes.first.map { String(format: "0x%02x", $0) } ?? "(none)")")
    }
}

/// Signs notes with one key under one name.
public struct NoteSigner: Sendable {
    public let name: String
    public let type: NoteKeyType
    public let key: SigningKey

    public init(name: String, key: SigningKey, type: NoteKeyType? = nil) throws {
        try NoteVerifier.checkName(name)
        let type = type ?? (key.algorithm == .sm2 ? .sm2 : .ed25519)
        guard type.algorithm == key.algorithm else {
            throw NoteError.badKey("a \(key.algorithm) key cannot make \(type) signatures")
        }
        self.name = name
        self.key = key
        self.type = type
    }

    public var keyID: [UInt8] { type.keyID(name: name, publicKey: key.verifyingKey.rawBytes) }

    public var verifier: NoteVerifier {
        get throws { try NoteVerifier(name: name, type: type, key: key.verifyingKey) }
    }

    /// `— <name> base64(key ID ‖ signature)` over `text`, with its newline.
    public func signatureLine(for text: String) throws -> String {
        "— \(name) \(Data(keyID + (try key.sign(Array(text.utf8)))).base64EncodedString())\n"
    }

    /// A tlog-cosignature/v1 line for a checkpoint body, at `time` (POSIX seconds).
    public func cosignatureLine(for body: String, time: UInt64) throws -> String {
        guard type == .cosignature else { throw NoteError.badKey("only a cosignature key cosigns") }
        let signature = try key.sign(Array(Cosignature.message(body: body, time: time).utf8))
        return "— \(name) \(Data(keyID + Cosignature.bigEndian(time) + signature).base64EncodedString())\n"
    }
}

/// Checks notes against one known key. Built from a C2SP verifier key string
/// `<name>+<hex key ID>+<base64(type ‖ public key)>` or from a key.
public struct NoteVerifier: Sendable {
    public let name: String
    public let type: NoteKeyType
    public let key: VerifyingKey
    public let keyID: [UInt8]

    public init(name: String, type: NoteKeyType, key: VerifyingKey) throws {
        try Self.checkName(name)
        guard type.algorithm == key.algorithm else {
            throw NoteError.badKey("a \(key.algorithm) key cannot check \(type) signatures")
        }
        self.name = name
        self.type = type
        self.key = key
        self.keyID = type.keyID(name: name, publicKey: key.rawBytes)
    }

    public init(verifierKey: String) throws {
        let parts = verifierKey.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let material = Data(base64Encoded: String(parts[2])) else {
            throw NoteError.badKey("a verifier key is <name>+<hex key ID>+<base64 key>")
        }
        let (type, raw) = try NoteKeyType.split([UInt8](material))
        let key: VerifyingKey
        do { key = try VerifyingKey(raw: raw, algorithm: type.algorithm) } catch {
            throw NoteError.badKey("the public key does not decode: \(error)")
        }
        try self.init(name: String(parts[0]), type: type, key: key)
        guard parts[1].lowercased() == keyID.hexString else {
            throw NoteError.badKey("the key ID \(parts[1]) does not match the key (\(keyID.hexString))")
        }
    }

    /// `<name>+<hex key ID>+<base64(type ‖ public key)>`
    public var verifierKey: String {
        "\(name)+\(keyID.hexString)+\(Data(type.typeBytes + key.rawBytes).base64EncodedString())"
    }

    static func checkName(_ name: String) throws {
        guard !name.isEmpty, !name.contains("+"), !name.contains(where: \.isWhitespace) else {
            throw NoteError.badKey("a key name is not empty and has no spaces or '+'")
        }
    }

    /// Whether `signature` (the decoded base64 of a line by this key) signs `text`.
    public func verifies(_ signature: [UInt8], text: String) -> Bool {
        guard signature.count > 4, Array(signature.prefix(4)) == keyID else { return false }
        let rest = Array(signature.dropFirst(4))
        switch type {
        case .ed25519, .sm2:
            return key.verify(rest, for: Array(text.utf8))
        case .cosignature:
            guard rest.count == 8 + 64 else { return false }
            let time = rest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return key.verify(Array(rest.dropFirst(8)), for: Array(Cosignature.message(body: text, time: time).utf8))
        }
    }
}

enum Cosignature {
    static func message(body: String, time: UInt64) -> String {
        "cosignature/v1\ntime \(time)\n" + body
    }

    static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (UInt64($0) * 8)) }
    }
}
