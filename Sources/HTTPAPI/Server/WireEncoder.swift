import Foundation
import Kernel

/// The API's JSON encoder (issue 19): the same bytes as Foundation's `JSONEncoder` with
/// `JSON.encoder`'s settings — keys sorted by their UTF-8 bytes, slashes not escaped, times as
/// `Timestamp.format`, doubles as their shortest form without a trailing `.0` — in a fraction of
/// its time. Foundation's encoder hashes every object into a dictionary, allocates an encoder
/// object per nested value, turns every number into a string and calls the date strategy
/// through a nested encoder; this one builds a small tree of arrays and writes it once.
/// `WireEncoderTests` checks byte equality with Foundation over an example of every schema.
enum WireEncoder {
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let root = WireTree.Box(object: false)
        root.values.append(.pending)
        try WireTree.encode(value, into: root, at: 0)
        guard let top = root.values.first, !top.isPending else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "Top-level value did not encode any values."))
        }
        var writer = WireWriter()
        try writer.write(top, depth: 0)
        return writer.bytes
    }
}

/// The tree an `Encodable` value is first turned into (objects keep their keys unsorted until
/// written).
enum WireTree {
    enum Node {
        case pending
        case null
        case bool(Bool)
        case int(Int64)
        case uint(UInt64)
        case double(Double)
        case float(Float)
        /// Already formatted number text (`Decimal`).
        case number(String)
        case string(String)
        case box(Box)

        var isPending: Bool {
            if case .pending = self { return true }
            return false
        }
    }

    /// An object (keys beside values) or an array.
    final class Box {
        let isObject: Bool
        var keys: [String] = []
        var values: [Node] = []

        init(object: Bool) {
            isObject = object
        }

        func append(_ key: String, _ node: Node) {
            keys.append(key)
            values.append(node)
        }
    }

    /// Encodes `value` into `box.values[index]`: the types Foundation's encoder treats itself
    /// directly, everything else through its own `encode(to:)`.
    static func encode<T: Encodable>(_ value: T, into box: Box, at index: Int) throws {
        if T.self == Date.self, let date = value as? Date {
            box.values[index] = .string(Timestamp.format(date))
        } else if T.self == Data.self, let data = value as? Data {
            box.values[index] = .string(data.base64EncodedString())
        } else if T.self == URL.self, let url = value as? URL {
            box.values[index] = .string(url.absoluteString)
        } else if T.self == Decimal.self, let decimal = value as? Decimal {
            box.values[index] = .number(decimal.description)
        } else {
            try value.encode(to: WireTreeEncoder(box: box, index: index))
            if box.values[index].isPending { box.values[index] = .box(Box(object: true)) }
        }
    }

    static func node(_ value: Double) throws -> Node {
        guard value.isFinite else { throw nonConforming(value) }
        return .double(value)
    }

    static func node(_ value: Float) throws -> Node {
        guard value.isFinite else { throw nonConforming(value) }
        return .float(value)
    }

    static func nonConforming(_ value: Any) -> EncodingError {
        EncodingError.invalidValue(
            value, .init(codingPath: [], debugDescription: "Unable to encode \(value) directly in JSON."))
    }
}

/// The encoder handed to a value's `encode(to:)`: it writes into one slot of its parent.
struct WireTreeEncoder: Encoder {
    let box: WireTree.Box
    let index: Int

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The object or array already in the slot (a value may ask for its container twice, as
    /// `PageBody` does), or a new one.
    private func container(object: Bool) -> WireTree.Box {
        if case .box(let existing) = box.values[index], existing.isObject == object { return existing }
        let new = WireTree.Box(object: object)
        box.values[index] = .box(new)
        return new
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(WireKeyedContainer<Key>(box: container(object: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        WireUnkeyedContainer(box: container(object: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        WireSingleValueContainer(box: box, index: index)
    }
}

struct WireKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: WireTree.Box
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { box.append(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.append(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { box.append(key.stringValue, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        box.append(key.stringValue, try WireTree.node(value))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        box.append(key.stringValue, try WireTree.node(value))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.append(key.stringValue, .int(Int64(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { box.append(key.stringValue, .int(Int64(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { box.append(key.stringValue, .int(Int64(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { box.append(key.stringValue, .int(Int64(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { box.append(key.stringValue, .int(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { box.append(key.stringValue, .uint(UInt64(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { box.append(key.stringValue, .uint(UInt64(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        box.append(key.stringValue, .uint(UInt64(value)))
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        box.append(key.stringValue, .uint(UInt64(value)))
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { box.append(key.stringValue, .uint(value)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.append(key.stringValue, .pending)
        try WireTree.encode(value, into: box, at: box.values.count - 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(WireKeyedContainer<NestedKey>(box: nested(key.stringValue, object: true)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        WireUnkeyedContainer(box: nested(key.stringValue, object: false))
    }

    mutating func superEncoder() -> any Encoder { superEncoder("super") }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(key.stringValue) }

    private func superEncoder(_ key: String) -> any Encoder {
        box.append(key, .pending)
        return WireTreeEncoder(box: box, index: box.values.count - 1)
    }

    /// The container already under `key` (asked for again), or a new one.
    private func nested(_ key: String, object: Bool) -> WireTree.Box {
        if let index = box.keys.lastIndex(of: key), case .box(let existing) = box.values[index],
            existing.isObject == object
        {
            return existing
        }
        let new = WireTree.Box(object: object)
        box.append(key, .box(new))
        return new
    }
}

struct WireUnkeyedContainer: UnkeyedEncodingContainer {
    let box: WireTree.Box
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.values.count }

    mutating func encodeNil() throws { box.values.append(.null) }
    mutating func encode(_ value: Bool) throws { box.values.append(.bool(value)) }
    mutating func encode(_ value: String) throws { box.values.append(.string(value)) }
    mutating func encode(_ value: Double) throws { box.values.append(try WireTree.node(value)) }
    mutating func encode(_ value: Float) throws { box.values.append(try WireTree.node(value)) }
    mutating func encode(_ value: Int) throws { box.values.append(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { box.values.append(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { box.values.append(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { box.values.append(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { box.values.append(.int(value)) }
    mutating func encode(_ value: UInt) throws { box.values.append(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { box.values.append(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { box.values.append(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { box.values.append(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { box.values.append(.uint(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        box.values.append(.pending)
        try WireTree.encode(value, into: box, at: box.values.count - 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let new = WireTree.Box(object: true)
        box.values.append(.box(new))
        return KeyedEncodingContainer(WireKeyedContainer<NestedKey>(box: new))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let new = WireTree.Box(object: false)
        box.values.append(.box(new))
        return WireUnkeyedContainer(box: new)
    }

    mutating func superEncoder() -> any Encoder {
        box.values.append(.pending)
        return WireTreeEncoder(box: box, index: box.values.count - 1)
    }
}

struct WireSingleValueContainer: SingleValueEncodingContainer {
    let box: WireTree.Box
    let index: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { box.values[index] = .null }
    mutating func encode(_ value: Bool) throws { box.values[index] = .bool(value) }
    mutating func encode(_ value: String) throws { box.values[index] = .string(value) }
    mutating func encode(_ value: Double) throws { box.values[index] = try WireTree.node(value) }
    mutating func encode(_ value: Float) throws { box.values[index] = try WireTree.node(value) }
    mutating func encode(_ value: Int) throws { box.values[index] = .int(Int64(value)) }
    mutating func encode(_ value: Int8) throws { box.values[index] = .int(Int64(value)) }
    mutating func encode(_ value: Int16) throws { box.values[index] = .int(Int64(value)) }
    mutating func encode(_ value: Int32) throws { box.values[index] = .int(Int64(value)) }
    mutating func encode(_ value: Int64) throws { box.values[index] = .int(value) }
    mutating func encode(_ value: UInt) throws { box.values[index] = .uint(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { box.values[index] = .uint(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { box.values[index] = .uint(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { box.values[index] = .uint(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { box.values[index] = .uint(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try WireTree.encode(value, into: box, at: index)
    }
}
