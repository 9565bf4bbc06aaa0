import CorridorCrypto
import Kernel

/// Deals' documents and audit changes use the shared document JSON; the terms hash is the
/// SHA-256 of a value's canonical JSON.
typealias DealsCoding = DocumentJSON

extension DocumentJSON {
    /// Hex SHA-256 of the value's canonical JSON (sorted keys, no insignificant white space).
    static func canonicalHash(_ value: some Encodable) throws -> String {
        Digest.sha256(try json(value).canonical).hexString
    }
}
