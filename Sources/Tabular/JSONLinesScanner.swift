import Glibc

/// One non-blank line of a JSON Lines file: its line number and its bytes without the line end,
/// or why it could not be read.
struct JSONLine {
    let line: Int
    let text: Result<[UInt8], TabularError>
}

/// Splits UTF-8 text at LF into non-blank lines (a CR before the LF is dropped). A line longer than
/// `maxRecordBytes` (counting a CR before its LF) fails and is skipped.
final class JSONLinesScanner {
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    private let chunks: UTF8Chunks
    private let maxRecordBytes: Int
    private let buffer = TextBuffer()
    private var content: [UInt8] = []
    /// The current physical line.
    private(set) var line = 1
    private var skipping = false
    private var finished = false

    var encoding: TextEncoding { chunks.encoding }

    init(chunks: UTF8Chunks, maxRecordBytes: Int) {
        self.chunks = chunks
        self.maxRecordBytes = maxRecordBytes
    }

    func next() throws -> JSONLine? {
        while !finished {
            if buffer.isExhausted {
                guard let chunk = try chunks.next() else {
                    finished = true
                    return skipping ? nil : takeLine()
                }
                buffer.load(chunk)
            }
            if let result = buffer.withBase({ scan($0) }) { return result }
        }
        return nil
    }

    private func scan(_ base: UnsafePointer<UInt8>) -> JSONLine? {
        let end = buffer.end
        var i = buffer.position
        defer { buffer.position = i }
        while i < end {
            let j =
                memchr(base + i, Int32(Self.lf), end - i)
                .map { $0.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base) } ?? end
            if !skipping {
                if content.count + (j - i) > maxRecordBytes {
                    content.removeAll(keepingCapacity: true)
                    skipping = true
                    i = j
                    return JSONLine(line: line, text: .failure(.lineTooLong(line: line, limit: maxRecordBytes)))
                }
                content.append(contentsOf: UnsafeBufferPointer(start: base + i, count: j - i))
            }
            i = j
            if j >= end { return nil }
            i = j + 1
            if skipping {
                skipping = false
                line += 1
                continue
            }
            if let result = takeLine() {
                line += 1
                return result
            }
            line += 1
        }
        return nil
    }

    /// The line gathered so far, or nil if it is blank.
    private func takeLine() -> JSONLine? {
        defer { content.removeAll(keepingCapacity: true) }
        if content.last == Self.cr { content.removeLast() }
        let blank = content.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        return blank ? nil : JSONLine(line: line, text: .success(content))
    }
}
