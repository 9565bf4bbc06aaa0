import Glibc

enum UTF8Validation {
    /// The string `bytes` hold, or nil if they are not valid UTF-8.
    ///
    /// `String(decoding:as:)` has a fast path for a buffer of bytes; it replaces invalid sequences
    /// with U+FFFD, so the result's bytes equal the input exactly when the input was valid.
    /// (`String(validating:as:)` gives the same answer but goes through generic code, several
    /// times slower per field.)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard !bytes.isEmpty else { return "" }
        var string = String(decoding: bytes, as: UTF8.self)
        let same = string.withUTF8 { decoded in
            decoded.count == bytes.count && memcmp(decoded.baseAddress!, bytes.baseAddress!, bytes.count) == 0
        }
        return same ? string : nil
    }

    static func string(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { string($0) }
    }
}
