import Glibc

/// One CSV record: the line it starts on and its fields, or why it could not be read.
struct CSVRow {
    let line: Int
    let fields: Result<[String], TabularError>
}

/// The CSV state machine over UTF-8 bytes, fed one buffer at a time (RFC 4180: comma separators,
/// fields in double quotes with `""` for a quote, commas and line breaks inside quotes, CRLF, LF or CR
/// line ends). Lenient where the RFC is silent: a quote inside an unquoted field, or text after a
/// closing quote, is kept as text. Lines holding nothing are skipped. A record longer than
/// `maxRecordBytes` fails, and scanning resumes on the next physical line.
///
/// A value type, so that the hot loop works on it in place without the dynamic exclusivity checks
/// that a class's stored properties get.
struct CSVTokenizer {
    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    let maxRecordBytes: Int
    let encoding: TextEncoding

    private var state = State.fieldStart
    /// Unescaped contents of the record's fields, one after the other, and where each field ends.
    private var content: [UInt8] = []
    private var fieldEnds: [Int] = []
    /// Bytes of the file the record has taken so far, line ends excluded.
    private var recordBytes = 0
    private var recordLine = 1
    /// The current physical line.
    private(set) var line = 1
    /// A CR ended the last record or skipped line: an LF right after it belongs to it.
    private var swallowLF = false
    /// Inside quotes, the last byte was a CR (so a following LF does not start another line).
    private var quotedCR = false
    /// After a record that was too long: skipping to the next line end.
    private var skipping = false

    init(maxRecordBytes: Int, encoding: TextEncoding) {
        self.maxRecordBytes = maxRecordBytes
        self.encoding = encoding
    }

    /// Scans `base[position..<end]`, where `base[end]` is a NUL byte, up to the end of a record
    /// (returned) or of the buffer (nil).
    mutating func scan(_ base: UnsafePointer<UInt8>, position: inout Int, end: Int) -> CSVRow? {
        var i = position
        defer { position = i }
        while i < end {
            if swallowLF {
                swallowLF = false
                if base[i] == Self.lf {
                    i += 1
                    continue
                }
            }
            if skipping {
                let j = i + strcspn(Self.cString(base + i), "\r\n")
                if j >= end {
                    i = end
                    return nil
                }
                i = j + 1
                if base[j] == 0 { continue }  // a NUL byte in the text
                endLine(with: base[j])
                skipping = false
                startRecord()
                continue
            }
            if recordBytes > maxRecordBytes { return tooLong() }
            switch state {
            case .fieldStart where base[i] == Self.quote:
                i += 1
                recordBytes += 1
                state = .quoted
                quotedCR = false
            case .fieldStart, .unquoted:
                let j = i + strcspn(Self.cString(base + i), ",\"\r\n")
                if j > i {
                    guard recordBytes + (j - i) <= maxRecordBytes else { return tooLong() }
                    content.append(contentsOf: UnsafeBufferPointer(start: base + i, count: j - i))
                    recordBytes += j - i
                    state = .unquoted
                    i = j
                }
                if j >= end { return nil }
                let byte = base[j]
                i = j + 1
                switch byte {
                case Self.comma:
                    recordBytes += 1
                    fieldEnds.append(content.count)
                    state = .fieldStart
                case Self.cr, Self.lf:
                    endLine(with: byte)
                    if state == .fieldStart && recordBytes == 0 {
                        startRecord()  // a blank line
                        continue
                    }
                    fieldEnds.append(content.count)
                    let row = makeRow()
                    startRecord()
                    return row
                default:
                    // A quote inside an unquoted field, or a NUL byte: plain text.
                    recordBytes += 1
                    content.append(byte)
                    state = .unquoted
                }
            case .quoted:
                let j =
                    memchr(base + i, Int32(Self.quote), end - i)
                    .map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? end
                if j > i {
                    guard recordBytes + (j - i) <= maxRecordBytes else { return tooLong() }
                    let run = UnsafeBufferPointer(start: base + i, count: j - i)
                    countLineBreaks(in: run)
                    content.append(contentsOf: run)
                    recordBytes += j - i
                    i = j
                }
                if j >= end { return nil }
                i = j + 1
                recordBytes += 1
                state = .quoteInQuoted
            case .quoteInQuoted:
                if base[i] == Self.quote {
                    // An escaped quote.
                    i += 1
                    recordBytes += 1
                    content.append(Self.quote)
                    state = .quoted
                    quotedCR = false
                } else {
                    // The closing quote: whatever follows up to the separator is plain text.
                    state = .unquoted
                }
            }
        }
        return nil
    }

    /// The end of the text: the last record if it has no line end, or an unterminated quote.
    mutating func finish() -> CSVRow? {
        if skipping { return nil }
        if recordBytes > maxRecordBytes { return tooLong() }
        switch state {
        case .quoted:
            let error = TabularError(
                line: recordLine, code: TabularError.Code.unterminatedQuote,
                message: "a quoted field opened on this record is never closed"
            )
            return CSVRow(line: recordLine, fields: .failure(error))
        case .fieldStart where recordBytes == 0:
            return nil
        default:
            fieldEnds.append(content.count)
            return makeRow()
        }
    }

    private mutating func endLine(with byte: UInt8) {
        line += 1
        swallowLF = byte == Self.cr
    }

    private mutating func countLineBreaks(in run: UnsafeBufferPointer<UInt8>) {
        guard
            memchr(run.baseAddress!, Int32(Self.lf), run.count) != nil
                || memchr(run.baseAddress!, Int32(Self.cr), run.count) != nil
        else {
            quotedCR = false
            return
        }
        for byte in run {
            if byte == Self.lf {
                if !quotedCR { line += 1 }
                quotedCR = false
            } else if byte == Self.cr {
                line += 1
                quotedCR = true
            } else {
                quotedCR = false
            }
        }
    }

    private mutating func startRecord() {
        content.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        recordBytes = 0
        recordLine = line
        state = .fieldStart
    }

    private mutating func tooLong() -> CSVRow {
        let row = CSVRow(line: recordLine, fields: .failure(.lineTooLong(line: recordLine, limit: maxRecordBytes)))
        startRecord()
        skipping = true
        return row
    }

    private func makeRow() -> CSVRow {
        var fields: [String] = []
        fields.reserveCapacity(fieldEnds.count)
        let valid = content.withUnsafeBufferPointer { bytes in
            var start = 0
            for end in fieldEnds {
                guard let field = UTF8Validation.string(UnsafeBufferPointer(rebasing: bytes[start..<end])) else {
                    return false
                }
                fields.append(field)
                start = end
            }
            return true
        }
        guard valid else {
            return CSVRow(line: recordLine, fields: .failure(.invalidEncoding(line: recordLine, encoding)))
        }
        return CSVRow(line: recordLine, fields: .success(fields))
    }

    private static func cString(_ pointer: UnsafePointer<UInt8>) -> UnsafePointer<CChar> {
        UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)
    }
}
