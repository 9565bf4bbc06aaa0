import Foundation

/// JSON for the documents modules store and the changes audit entries record: sorted keys,
/// times as whole milliseconds, no floating point.
public enum DocumentJSON {
    public static let encoder = MillisJSON.makeEncoder(sortedKeys: true)
    public static let decoder = MillisJSON.makeDecoder()

    public static func text(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }

    /// The value as a `JSONValue` (for an audit entry's change).
    public static func json(_ value: some Encodable) throws -> JSONValue {
        try JSONValue.parse(encoder.encode(value))
    }

    /// The document text and its `JSONValue` from one encoding (a write that stores a document
    /// and records it as its audit change).
    public static func textAndJSON(_ value: some Encodable) throws -> (String, JSONValue) {
        let data = try encoder.encode(value)
        return (String(decoding: data, as: UTF8.self), try JSONValue.parse(data))
    }
}
