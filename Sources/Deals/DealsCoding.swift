import CorridorCrypto
import Foundation
import Kernel

/// JSON for documents and audit entries: sorted keys, times as whole milliseconds, no floating
/// point; and the canonical SHA-256 of a value (the terms hash).
enum DealsCoding {
    static let encoder = MillisJSON.makeEncoder(sortedKeys: true)
    static let decoder = MillisJSON.makeDecoder()

    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }

    static func json(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value))
    }

    /// Hex SHA-256 of the value's canonical JSON (sorted keys, no insignificant white space).
    static func canonicalHash(_ value: some Encodable) throws -> String {
        Digest.sha256(try json(value).canonical).hexString
    }
}
