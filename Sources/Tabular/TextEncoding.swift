/// The text encodings accepted in import files. Everything is handed out as Swift strings (UTF-8).
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8
    /// The Chinese national standard, a superset of GBK and GB2312; what Chinese office software
    /// often writes for "CSV". Transcoded with the C library's iconv.
    case gb18030

    /// How many leading bytes detection looks at.
    static let detectionWindow = 64 * 1024

    static let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    static let gb18030ByteOrderMark: [UInt8] = [0x84, 0x31, 0x95, 0x33]

    /// Detection when no encoding is declared: a UTF-8 byte order mark means UTF-8; otherwise UTF-8 if
    /// `prefix` is valid UTF-8 (an incomplete character at its end is ignored unless `isWholeFile`),
    /// and GB18030 if not.
    static func detect(prefix: [UInt8], isWholeFile: Bool) -> TextEncoding {
        if prefix.starts(with: utf8ByteOrderMark) { return .utf8 }
        if prefix.starts(with: gb18030ByteOrderMark) { return .gb18030 }
        let end = isWholeFile ? prefix.count : completeCharactersEnd(of: prefix)
        let valid = prefix.withUnsafeBufferPointer { buffer in
            String(validating: UnsafeBufferPointer(rebasing: buffer[..<end]), as: UTF8.self) != nil
        }
        return valid ? .utf8 : .gb18030
    }

    /// The length of `bytes` without a UTF-8 sequence that starts near the end but is cut short by it.
    static func completeCharactersEnd(of bytes: [UInt8]) -> Int {
        var index = bytes.count
        // Walk back over at most three continuation bytes to the lead byte of the last sequence.
        while index > 0, bytes.count - index < 3, bytes[index - 1] & 0xC0 == 0x80 { index -= 1 }
        guard index > 0 else { return bytes.count }
        let lead = bytes[index - 1]
        let length: Int
        switch lead {
        case 0xC0...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF7: length = 4
        default: return bytes.count
        }
        let available = bytes.count - (index - 1)
        return available < length ? index - 1 : bytes.count
    }
}
