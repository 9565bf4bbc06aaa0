import Foundation

/// The import file formats that `TabularReader` understands.
public enum TabularFormat: String, Sendable, CaseIterable {
    /// Comma-separated values per RFC 4180, with a header row.
    case csv
    /// JSON Lines: one JSON object per line.
    case jsonLines

    /// Guesses the format of an upload from its file name, its declared content type and its first bytes
    /// (in that order of trust). Returns nil for files that are clearly something else (a spreadsheet
    /// workbook, a PDF, a JSON array, UTF-16 text, binary data) or when nothing gives a hint.
    public static func detect(fileName: String?, contentType: String?, firstBytes: Data) -> TabularFormat? {
        if looksBinary(firstBytes) { return nil }
        if let fileName, let format = fromExtension(of: fileName) { return format }
        if let contentType, let format = fromContentType(contentType) { return format }
        return sniff(firstBytes)
    }

    private static func fromExtension(of fileName: String) -> TabularFormat? {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "csv": return .csv
        case "jsonl", "ndjson", "jsonlines": return .jsonLines
        default: return nil
        }
    }

    private static func fromContentType(_ contentType: String) -> TabularFormat? {
        let mediaType =
            contentType.split(separator: ";", maxSplits: 1).first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch mediaType {
        case "text/csv", "application/csv", "text/comma-separated-values", "text/x-csv", "application/x-csv":
            return .csv
        case "application/jsonl", "application/x-jsonl", "application/jsonlines", "application/x-jsonlines",
            "application/x-ndjson", "application/ndjson":
            return .jsonLines
        default:
            return nil
        }
    }

    /// A first non-blank `{` means JSON Lines, `[` a JSON array (unsupported); other text is taken as CSV.
    private static func sniff(_ bytes: Data) -> TabularFormat? {
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        guard let first = rest.first(where: { ![0x20, 0x09, 0x0D, 0x0A].contains($0) }) else { return nil }
        switch first {
        case UInt8(ascii: "{"): return .jsonLines
        case UInt8(ascii: "["): return nil
        default: return .csv
        }
    }

    /// Signatures of formats that are never CSV or JSON Lines, and NUL bytes (UTF-16 text, binaries).
    private static func looksBinary(_ bytes: Data) -> Bool {
        let signatures: [[UInt8]] = [
            [0x50, 0x4B, 0x03, 0x04],  // zip: xlsx, ods
            [0xD0, 0xCF, 0x11, 0xE0],  // OLE compound file: xls
            [0x25, 0x50, 0x44, 0x46],  // %PDF
            [0xFF, 0xFE], [0xFE, 0xFF],  // UTF-16 byte order marks
        ]
        if signatures.contains(where: { bytes.starts(with: $0) }) { return true }
        return bytes.prefix(4096).contains(0)
    }
}
