import Foundation

/// Writes CSV for people to open in a spreadsheet (issue 14: a name must not be able to add rows
/// or formulas to a report).
///
/// - RFC 4180: every text field is quoted, an inner `"` is doubled, every record (the last one
///   too) ends in CRLF. A quoted field may hold commas, quotes and line breaks of any kind.
/// - Formula injection (OWASP "CSV Injection"): a text field starting with `=`, `+`, `-`, `@`,
///   a tab or a carriage return (or their full-width forms, which some spreadsheets fold) gets a
///   leading `'`, so it is shown as text and never evaluated.
/// - Numbers the server computed (`.integer`, `.decimal`) are written bare, so a spreadsheet sums
///   them; they never come from a client's text, so a negative amount stays `-5`.
public enum CSVWriter {
    public enum Field: Sendable, Equatable {
        case text(String)
        case integer(Int64)
        /// An amount in fen written as yuan with two decimals (`-12.05`).
        case yuan(fen: Int64)
    }

    public static let lineEnd = "\r\n"

    /// Characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]

    /// A header row and the records, each ending in CRLF.
    public static func document(header: [String], records: [[Field]]) -> String {
        var out = record(header.map(Field.text))
        for fields in records { out += record(fields) }
        return out
    }

    public static func record(_ fields: [Field]) -> String {
        fields.map(encode).joined(separator: ",") + lineEnd
    }

    public static func encode(_ field: Field) -> String {
        switch field {
        case .integer(let value):
            return String(value)
        case .yuan(let fen):
            let sign = fen < 0 ? "-" : ""
            let magnitude = fen.magnitude
            return "\(sign)\(magnitude / 100)." + String(format: "%02d", Int(magnitude % 100))
        case .text(let text):
            let neutral = text.unicodeScalars.first.map(formulaStarts.contains) == true ? "'" + text : text
            return "\"" + neutral.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }
}
