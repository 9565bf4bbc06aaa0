/// Writes a `WireTree` as compact JSON, as Foundation's writer does with `.sortedKeys` and
/// `.withoutEscapingSlashes`: object members sorted by the UTF-8 bytes of their keys (the last
/// of a repeated key wins), `"` `\` and control characters escaped (`\b \f \n \r \t`, others as
/// `\u00XX`), everything else as its UTF-8 bytes.
struct WireWriter {
    static let maximumDepth = 512

    var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(1_024)
    }

    mutating func write(_ node: WireTree.Node, depth: Int) throws {
        switch node {
        case .pending:
            bytes.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
        case .null:
            append("null")
        case .bool(let value):
            append(value ? "true" : "false")
        case .int(let value):
            writeInteger(value)
        case .uint(let value):
            writeUnsigned(value)
        case .double(let value):
            writeNumber(value.description)
        case .float(let value):
            writeNumber(value.description)
        case .number(let text):
            bytes.append(contentsOf: text.utf8)
        case .string(let text):
            writeString(text)
        case .box(let box):
            guard depth < Self.maximumDepth else {
                throw EncodingError.invalidValue(
                    node, .init(codingPath: [], debugDescription: "Too many nested arrays or dictionaries."))
            }
            if box.isObject {
                try writeObject(box, depth: depth + 1)
            } else {
                bytes.append(UInt8(ascii: "["))
                for (offset, element) in box.values.enumerated() {
                    if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                    try write(element, depth: depth + 1)
                }
                bytes.append(UInt8(ascii: "]"))
            }
        }
    }

    private mutating func writeObject(_ box: WireTree.Box, depth: Int) throws {
        let keys = box.keys
        var order = Array(keys.indices)
        // Equal keys stay in the order they were encoded, so the last one can win.
        order.sort { left, right in
            let a = keys[left].utf8
            let b = keys[right].utf8
            if a.elementsEqual(b) { return left < right }
            return a.lexicographicallyPrecedes(b)
        }
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for (position, index) in order.enumerated() {
            if position + 1 < order.count, keys[order[position + 1]] == keys[index] { continue }
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            writeString(keys[index])
            bytes.append(UInt8(ascii: ":"))
            try write(box.values[index], depth: depth)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A double or float as Foundation writes it: its description without a trailing `.0`.
    private mutating func writeNumber(_ description: String) {
        var text = description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func writeInteger(_ value: Int64) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            writeUnsigned(value.magnitude)
        } else {
            writeUnsigned(UInt64(value))
        }
    }

    private mutating func writeUnsigned(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
            var position = 20
            var rest = value
            while rest > 0 {
                position -= 1
                scratch[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[position...]))
        }
    }

    mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var mark = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if index > mark { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<index])) }
                mark = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: [
                        UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hex[Int(byte >> 4)],
                        Self.hex[Int(byte & 0x0F)],
                    ])
                }
            }
            if utf8.count > mark { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
