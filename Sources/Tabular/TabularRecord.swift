import Kernel

/// One data record of an import file.
public struct TabularRecord: Sendable, Equatable {
    /// 1-based position among the data records: the first data record is 1. The CSV header and
    /// blank lines are not counted; records that failed are.
    public let number: Int
    /// The 1-based physical line on which the record starts.
    public let line: Int
    /// The values by column name. CSV values are `.string`, and empty cells are absent.
    public let values: [String: JSONValue]

    public init(number: Int, line: Int, values: [String: JSONValue]) {
        self.number = number
        self.line = line
        self.values = values
    }
}
