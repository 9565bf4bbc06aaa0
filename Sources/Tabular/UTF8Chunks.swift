/// The text of an import file as chunks of UTF-8 bytes: the encoding is detected or declared, a
/// byte order mark is dropped, and GB18030 is transcoded. Invalid UTF-8 is passed through, and bytes
/// invalid in GB18030 come out as 0xFF, for the record that holds them to be reported.
final class UTF8Chunks {
    let encoding: TextEncoding
    private let source: ByteSource
    private let transcoder: IconvTranscoder?
    private var prefix: [UInt8]?
    private var ended = false

    init(source: ByteSource, declared: TextEncoding?) throws {
        self.source = source
        // Read ahead the detection window, or with a declared encoding enough for a byte order mark.
        let readAhead = declared == nil ? TextEncoding.detectionWindow : TextEncoding.gb18030ByteOrderMark.count
        var prefix: [UInt8] = []
        var isWholeFile = false
        while prefix.count < readAhead {
            guard let chunk = try source.read() else {
                isWholeFile = true
                break
            }
            prefix += chunk
        }
        if declared == nil, prefix.starts(with: [0xFF, 0xFE]) || prefix.starts(with: [0xFE, 0xFF]) {
            throw TabularError(
                line: 1, code: TabularError.Code.unsupportedEncoding,
                message: "the file is UTF-16 text; save it in UTF-8 or GB18030"
            )
        }
        let encoding = declared ?? TextEncoding.detect(prefix: prefix, isWholeFile: isWholeFile)
        switch encoding {
        case .utf8:
            if prefix.starts(with: TextEncoding.utf8ByteOrderMark) { prefix.removeFirst(3) }
            transcoder = nil
        case .gb18030:
            if prefix.starts(with: TextEncoding.gb18030ByteOrderMark) { prefix.removeFirst(4) }
            guard let transcoder = IconvTranscoder(fromCode: "GB18030") else {
                throw TabularError(
                    line: 0, code: TabularError.Code.unsupportedEncoding,
                    message: "the C library cannot convert GB18030 on this system"
                )
            }
            self.transcoder = transcoder
        }
        self.encoding = encoding
        self.prefix = prefix
    }

    /// The next chunk of UTF-8 bytes (never empty), or nil at the end of the file.
    func next() throws -> [UInt8]? {
        while !ended {
            let raw: [UInt8]
            if let prefix {
                self.prefix = nil
                raw = prefix
            } else if let chunk = try source.read() {
                raw = chunk
            } else {
                ended = true
                let tail = transcoder?.finish() ?? []
                return tail.isEmpty ? nil : tail
            }
            let text = transcoder?.convert(raw) ?? raw
            if !text.isEmpty { return text }
        }
        return nil
    }
}
