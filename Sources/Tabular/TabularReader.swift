import Foundation
import Kernel

/// Streams the records of a CSV or JSON Lines import file, holding one chunk of the file and one
/// record in memory at a time, whatever the file's size.
///
/// Iterate it once: each element is a record or the error that made one record unreadable, and reading
/// goes on after such an error wherever the file's structure allows. Problems that make the whole
/// file unreadable (no usable CSV header, UTF-16 text, a file that cannot be opened) are thrown by
/// the initialiser; a read error in the middle of the file is the last element, with the code
/// `read_failed`.
///
///     let reader = try TabularReader(fileAt: url, format: .csv)
///     for result in reader {
///         switch result {
///         case .success(let record): ...
///         case .failure(let error): ...
///         }
///     }
public struct TabularReader: Sequence {
    public typealias Element = Result<TabularRecord, TabularError>

    static let defaultChunkSize = 64 * 1024

    public let format: TabularFormat
    /// The declared encoding, or the detected one.
    public let encoding: TextEncoding
    /// The CSV column names, trimmed; empty for JSON Lines.
    public let header: [String]
    private let records: RecordStream

    /// Reads a file. Throws `TabularError` for a file that cannot be read as `format`, and the file
    /// system's error if the file cannot be opened.
    public init(
        fileAt url: URL, format: TabularFormat, encoding: TextEncoding? = nil, maxRecordBytes: Int = 1 << 20
    ) throws {
        try self.init(
            fileAt: url, format: format, encoding: encoding, maxRecordBytes: maxRecordBytes,
            chunkSize: Self.defaultChunkSize
        )
    }

    /// Reads bytes held in memory, such as an upload's body.
    public init(
        data: Data, format: TabularFormat, encoding: TextEncoding? = nil, maxRecordBytes: Int = 1 << 20
    ) throws {
        try self.init(
            data: data, format: format, encoding: encoding, maxRecordBytes: maxRecordBytes,
            chunkSize: Self.defaultChunkSize
        )
    }

    init(fileAt url: URL, format: TabularFormat, encoding: TextEncoding?, maxRecordBytes: Int, chunkSize: Int) throws {
        let source = try ByteSource(fileAt: url, chunkSize: chunkSize)
        try self.init(source: source, format: format, encoding: encoding, maxRecordBytes: maxRecordBytes)
    }

    init(data: Data, format: TabularFormat, encoding: TextEncoding?, maxRecordBytes: Int, chunkSize: Int) throws {
        let source = ByteSource(data: data, chunkSize: chunkSize)
        try self.init(source: source, format: format, encoding: encoding, maxRecordBytes: maxRecordBytes)
    }

    private init(source: ByteSource, format: TabularFormat, encoding: TextEncoding?, maxRecordBytes: Int) throws {
        precondition(maxRecordBytes > 0, "maxRecordBytes must be positive")
        precondition(source.chunkSize > 0, "chunkSize must be positive")
        let chunks = try UTF8Chunks(source: source, declared: encoding)
        self.format = format
        self.encoding = chunks.encoding
        switch format {
        case .csv:
            let scanner = CSVScanner(chunks: chunks, maxRecordBytes: maxRecordBytes)
            let header = try Self.readHeader(scanner)
            self.header = header
            records = RecordStream(csv: scanner, header: header)
        case .jsonLines:
            header = []
            records = RecordStream(jsonLines: JSONLinesScanner(chunks: chunks, maxRecordBytes: maxRecordBytes))
        }
    }

    /// The first record, as column names: trimmed, none empty, none twice.
    private static func readHeader(_ scanner: CSVScanner) throws -> [String] {
        guard let row = try scanner.next() else {
            throw TabularError(line: 1, code: TabularError.Code.missingHeader, message: "the file has no header row")
        }
        let names = try row.fields.get().map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var seen: Set<String> = []
        for (index, name) in names.enumerated() {
            if name.isEmpty {
                throw TabularError(
                    line: row.line, code: TabularError.Code.emptyHeader,
                    message: "column \(index + 1) of the header has no name"
                )
            }
            if !seen.insert(name).inserted {
                throw TabularError(
                    line: row.line, code: TabularError.Code.duplicateHeader,
                    message: "the header names column \"\(name)\" more than once"
                )
            }
        }
        return names
    }

    /// The reader is single-pass: every iterator continues where the last one stopped.
    public func makeIterator() -> Iterator { Iterator(records: records) }

    public struct Iterator: IteratorProtocol {
        fileprivate let records: RecordStream

        public mutating func next() -> Element? { records.next() }
    }
}
