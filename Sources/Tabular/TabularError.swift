/// A problem in an import file: the physical line where the offending record starts (0 when the
/// problem is not tied to a line), a stable machine code (see `TabularError.Code`) and a message.
public struct TabularError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let code: String
    public let message: String

    public init(line: Int, code: String, message: String) {
        self.line = line
        self.code = code
        self.message = message
    }

    public var description: String { "line \(line): \(code): \(message)" }

    /// The codes. The first group fails one record and reading goes on; the second is thrown by
    /// `TabularReader.init`; `readFailed` is the last element a reader yields.
    public enum Code {
        public static let unterminatedQuote = "unterminated_quote"
        public static let badJSON = "bad_json"
        public static let notAnObject = "not_an_object"
        public static let tooManyColumns = "too_many_columns"
        public static let invalidEncoding = "invalid_encoding"
        public static let lineTooLong = "line_too_long"

        public static let missingHeader = "missing_header"
        public static let emptyHeader = "empty_header"
        public static let duplicateHeader = "duplicate_header"
        public static let unsupportedEncoding = "unsupported_encoding"

        public static let readFailed = "read_failed"
    }
}

extension TabularError {
    static func invalidEncoding(line: Int, _ encoding: TextEncoding) -> TabularError {
        let name = encoding == .utf8 ? "UTF-8" : "GB18030"
        return TabularError(
            line: line, code: Code.invalidEncoding, message: "the record holds bytes that are not valid \(name)")
    }

    static func lineTooLong(line: Int, limit: Int) -> TabularError {
        TabularError(line: line, code: Code.lineTooLong, message: "the record is longer than \(limit) bytes")
    }
}
