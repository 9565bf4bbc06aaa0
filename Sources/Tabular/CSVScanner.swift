/// Reads CSV records from a stream of UTF-8 chunks, one chunk in memory at a time.
final class CSVScanner {
    private let chunks: UTF8Chunks
    private let buffer = TextBuffer()
    private var tokenizer: CSVTokenizer
    private var finished = false

    init(chunks: UTF8Chunks, maxRecordBytes: Int) {
        self.chunks = chunks
        tokenizer = CSVTokenizer(maxRecordBytes: maxRecordBytes, encoding: chunks.encoding)
    }

    /// The current physical line.
    var line: Int { tokenizer.line }

    func next() throws -> CSVRow? {
        while !finished {
            if buffer.isExhausted {
                guard let chunk = try chunks.next() else {
                    finished = true
                    return tokenizer.finish()
                }
                buffer.load(chunk)
            }
            let row = buffer.withBase { base in
                tokenizer.scan(base, position: &buffer.position, end: buffer.end)
            }
            if let row { return row }
        }
        return nil
    }
}
