/// The UTF-8 of a normalised text under construction, one scalar at a time: simplifies,
/// lower-cases, collapses white space to single spaces and trims both ends.
struct FoldedUTF8 {
    private var bytes: [UInt8] = []
    private var pendingSpace = false

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Folds a scalar for which `CompatibilityComposition.foldsDirectly` holds, from text
    /// that has not been through NFKC.
    @inline(__always)
    mutating func foldDirectly(_ scalar: Unicode.Scalar, table: SimplificationTable) {
        var value = scalar.value
        if value >= 0xFF01, value <= 0xFF5E {
            value -= 0xFEE0  // full-width ASCII: NFKC gives the ASCII character
        } else if value == 0x3000 || value == 0x00A0 {
            space()  // ideographic and no-break space: NFKC gives U+0020
            return
        }
        if value < 0x80 {
            ascii(UInt8(truncatingIfNeeded: value))
        } else {
            // `CompatibilityComposition.isStable`: lower case already, neither space nor invisible.
            simplified(scalar, table: table)
        }
    }

    /// Folds a scalar of text that has been through NFKC.
    @inline(__always)
    mutating func foldComposed(_ scalar: Unicode.Scalar, table: SimplificationTable) {
        let value = scalar.value
        if CompatibilityComposition.foldsDirectly(value) {
            foldDirectly(scalar, table: table)
        } else if CompatibilityComposition.isIdeograph(value) {
            simplified(scalar, table: table)
        } else {
            let properties = scalar.properties
            if properties.isWhitespace || properties.generalCategory == .control {
                space()
            } else if properties.isDefaultIgnorableCodePoint {
                return
            } else if properties.changesWhenLowercased {
                for lower in properties.lowercaseMapping.unicodeScalars { append(lower) }
            } else {
                append(scalar)
            }
        }
    }

    @inline(__always)
    private mutating func simplified(_ scalar: Unicode.Scalar, table: SimplificationTable) {
        if let mapped = table.simplifiedScalar(scalar.value) {
            append(Unicode.Scalar(mapped)!)
        } else if let sequence = table.simplifiedSequence(scalar.value) {
            for simplified in sequence.unicodeScalars { append(simplified) }
        } else {
            append(scalar)
        }
    }

    /// A space is written only before the next visible character, so none ends the text.
    @inline(__always)
    private mutating func space() {
        if !bytes.isEmpty { pendingSpace = true }
    }

    /// ASCII controls count as space; letters are lower-cased.
    @inline(__always)
    private mutating func ascii(_ byte: UInt8) {
        switch byte {
        case 0x00...0x20, 0x7F:
            space()
        default:
            if pendingSpace { bytes.append(0x20); pendingSpace = false }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
    }

    @inline(__always)
    private mutating func append(_ scalar: Unicode.Scalar) {
        if pendingSpace { bytes.append(0x20); pendingSpace = false }
        let value = scalar.value
        switch value {
        case 0..<0x80:
            bytes.append(UInt8(truncatingIfNeeded: value))
        case 0x80..<0x800:
            bytes.append(0xC0 | UInt8(truncatingIfNeeded: value >> 6))
            bytes.append(0x80 | UInt8(truncatingIfNeeded: value & 0x3F))
        case 0x800..<0x10000:
            bytes.append(0xE0 | UInt8(truncatingIfNeeded: value >> 12))
            bytes.append(0x80 | UInt8(truncatingIfNeeded: (value >> 6) & 0x3F))
            bytes.append(0x80 | UInt8(truncatingIfNeeded: value & 0x3F))
        default:
            bytes.append(0xF0 | UInt8(truncatingIfNeeded: value >> 18))
            bytes.append(0x80 | UInt8(truncatingIfNeeded: (value >> 12) & 0x3F))
            bytes.append(0x80 | UInt8(truncatingIfNeeded: (value >> 6) & 0x3F))
            bytes.append(0x80 | UInt8(truncatingIfNeeded: value & 0x3F))
        }
    }
}
