import Glibc

/// Converts a stream of bytes in some encoding to UTF-8 with the C library's iconv, chunk by chunk.
/// A character split across chunks is carried over to the next chunk. Each byte iconv rejects, and an
/// incomplete character at the very end, comes out as the byte 0xFF, which never occurs in UTF-8, so
/// the record holding it fails UTF-8 validation later and is reported with its line.
final class IconvTranscoder {
    static let invalidMarker: UInt8 = 0xFF

    private let descriptor: iconv_t
    private var carry: [UInt8] = []

    init?(fromCode: String) {
        let descriptor = iconv_open("UTF-8", fromCode)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        self.descriptor = descriptor
    }

    deinit { iconv_close(descriptor) }

    func convert(_ chunk: [UInt8]) -> [UInt8] {
        var input = carry.isEmpty ? chunk : carry + chunk
        carry = []
        // GB18030 never grows by more than half when it becomes UTF-8; E2BIG is handled all the same.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var produced = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            guard let inBase = inBuffer.baseAddress else { return }
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count
            while inLeft > 0 {
                let (result, code) = output.withUnsafeMutableBufferPointer { outBuffer in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
                        outBuffer.baseAddress! + produced
                    )
                    .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count - produced
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    let code = errno
                    produced = outBuffer.count - outLeft
                    return (result, code)
                }
                if result != -1 { break }
                switch code {
                case EINVAL:
                    // An incomplete character at the end of the chunk: keep it for the next one.
                    let start = UnsafeMutableRawPointer(inPointer!).assumingMemoryBound(to: UInt8.self)
                    carry = Array(UnsafeBufferPointer(start: start, count: inLeft))
                    inLeft = 0
                case E2BIG:
                    output.append(contentsOf: repeatElement(0, count: output.count))
                default:
                    // EILSEQ: skip one byte and go on.
                    if produced == output.count { output.append(0) }
                    output[produced] = Self.invalidMarker
                    produced += 1
                    inPointer! += 1
                    inLeft -= 1
                }
            }
        }
        output.removeSubrange(produced...)
        return output
    }

    /// Ends the stream: an incomplete character left over becomes an invalid marker.
    func finish() -> [UInt8] {
        defer { carry = [] }
        return carry.isEmpty ? [] : [Self.invalidMarker]
    }
}
