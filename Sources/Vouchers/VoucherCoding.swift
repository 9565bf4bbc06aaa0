import Foundation
import Kernel

/// JSON for documents and audit entries: times as whole milliseconds, no floating point.
enum VoucherCoding {
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
}
