import Foundation
import Kernel
@testable import Tabular
import Testing

/// What `CSVWriter` writes, the project's RFC 4180 reader reads back: one record per record
/// written, whatever quotes, commas and line breaks the text holds (issue 14).
struct CSVWriterRoundTripTests {
    static let hostile = [
        "=cmd|' /C calc'!A0 有限公司", #"-2+3 科技"有限",公司"#, "科技\r\n9999,伪造行,\"x\"", "a\rb", "a\nb", "\"", ",", "\r\n",
        "@SUM(1+1)", "\tTAB", "plain 光谷", "",
    ]

    @Test func everyHostileTextReadsBackAsOneCell() throws {
        let records: [[CSVWriter.Field]] = Self.hostile.enumerated().map {
            [.integer(Int64($0)), .text($1), .yuan(fen: -Int64($0))]
        }
        let document = CSVWriter.document(header: ["n", "name", "yuan"], records: records)
        let (reader, results) = try readAll(document)
        #expect(reader.header == ["n", "name", "yuan"])
        #expect(results.count == Self.hostile.count)
        for (index, result) in results.enumerated() {
            let values = strings(result.record)
            #expect(values["n"] == String(index))
            let expected = Self.hostile[index]
            let first = expected.unicodeScalars.first.map { String($0) } ?? ""
            let neutralised = ["=", "+", "-", "@", "\t", "\r"].contains(first)
            #expect(
                values["name", default: ""] == (neutralised ? "'" + expected : expected), "\(expected.debugDescription)"
            )
        }
    }
}
