import Foundation
import Kernel
import Testing
@testable import Tabular

struct CSVTests {
    @Test func readsHeaderAndRecordsWithNumbersAndLines() throws {
        let (reader, results) = try readAll("id,name\n1,Alpha\n2,Beta\n")
        #expect(reader.header == ["id", "name"])
        #expect(reader.format == .csv)
        #expect(reader.encoding == .utf8)
        try #require(results.count == 2)
        #expect(results[0].record == TabularRecord(number: 1, line: 2, values: ["id": "1", "name": "Alpha"]))
        #expect(results[1].record == TabularRecord(number: 2, line: 3, values: ["id": "2", "name": "Beta"]))
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let text =
            #"code,title,note"# + "\n"
            + #"A1,"Smith, John","He said ""hi""""# + "\n"
            + #"A2,"two"# + "\n" + #"lines",x"# + "\n"
            + #"A3,"",plain "quote" inside"# + "\n\n"
        let (_, results) = try readAll(text)
        try #require(results.count == 3)
        #expect(strings(results[0].record) == ["code": "A1", "title": "Smith, John", "note": "He said \"hi\""])
        #expect(strings(results[1].record) == ["code": "A2", "title": "two\nlines", "note": "x"])
        #expect(results[1].record?.line == 3)
        // The record after the embedded line break starts on physical line 5.
        #expect(results[2].record?.line == 5)
        #expect(results[2].record?.number == 3)
        #expect(strings(results[2].record) == ["code": "A3", "note": "plain \"quote\" inside"])
    }

    @Test func crlfLineEndsAreNotPartOfValues() throws {
        let text = "id,name\r\n1,\"a\r\nb\"\r\n2,last\r\n"
        let (reader, results) = try readAll(text)
        #expect(reader.header == ["id", "name"])
        try #require(results.count == 2)
        #expect(strings(results[0].record) == ["id": "1", "name": "a\r\nb"])
        #expect(results[1].record == TabularRecord(number: 2, line: 4, values: ["id": "2", "name": "last"]))
    }

    @Test func lonelyCRAlsoEndsALine() throws {
        let (_, results) = try readAll("id,name\r1,a\r2,b")
        #expect(results.map(\.record?.line) == [2, 3])
        #expect(strings(results[1].record) == ["id": "2", "name": "b"])
    }

    @Test func byteOrderMarkIsDropped() throws {
        let (reader, results) = try readAll(bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\n1,x\n".utf8))
        #expect(reader.header == ["id", "name"])
        #expect(strings(results.first?.record) == ["id": "1", "name": "x"])
    }

    @Test func headerNamesAreTrimmed() throws {
        let (reader, _) = try readAll(" id ,\tname \n1,x\n")
        #expect(reader.header == ["id", "name"])
    }

    @Test func shortRowsLeaveValuesAbsentAndEmptyCellsAreAbsent() throws {
        let (_, results) = try readAll("a,b,c\n1\n1,,3\n,,\n")
        #expect(results.map { strings($0.record) } == [["a": "1"], ["a": "1", "c": "3"], [:]])
        #expect(results.allSatisfy { $0.record != nil })
    }

    @Test func lastRecordWithoutLineEndAndTrailingBlankLinesAndBlankLinesBetween() throws {
        let (_, results) = try readAll("a,b\n1,2\n\n\r\n3,4")
        #expect(results.map { strings($0.record) } == [["a": "1", "b": "2"], ["a": "3", "b": "4"]])
        #expect(results.map(\.record?.number) == [1, 2])
        #expect(results.map(\.record?.line) == [2, 5])
        let (_, trailing) = try readAll("a,b\n1,2\n\n\n")
        #expect(trailing.count == 1)
    }

    @Test func tooManyColumnsFailsThatRowOnly() throws {
        let (_, results) = try readAll("a,b\n1,2\n1,2,3\n4,5\n")
        try #require(results.count == 3)
        #expect(results[1].error?.code == "too_many_columns")
        #expect(results[1].error?.line == 3)
        #expect(strings(results[2].record) == ["a": "4", "b": "5"])
        #expect(results[2].record?.number == 3)
    }

    @Test func duplicateHeaderIsRefused() {
        #expect(
            throws: TabularError(
                line: 1, code: "duplicate_header", message: "the header names column \"a\" more than once")
        ) {
            try readAll("a,b, a\n1,2,3\n")
        }
    }

    @Test(arguments: ["a,,c\n1,2,3\n", "a, \n", ",\n"])
    func emptyHeaderNameIsRefused(_ text: String) {
        #expect { try readAll(text) } throws: { ($0 as? TabularError)?.code == "empty_header" }
    }

    @Test(arguments: ["", "\n\n", "\u{FEFF}"])
    func missingHeaderIsRefused(_ text: String) {
        #expect { try readAll(text) } throws: { ($0 as? TabularError)?.code == "missing_header" }
    }

    @Test func unterminatedQuoteFailsTheLastRecord() throws {
        let (_, results) = try readAll("a,b\n1,2\n3,\"never closed\n4,5\n")
        try #require(results.count == 2)
        #expect(strings(results[0].record) == ["a": "1", "b": "2"])
        #expect(
            results[1].error
                == TabularError(
                    line: 3, code: "unterminated_quote", message: "a quoted field opened on this record is never closed"
                ))
    }

    @Test func tooLongRecordFailsAndReadingResumesOnTheNextLine() throws {
        let long = String(repeating: "x", count: 100)
        let text = "a,b\n1,\(long)\n2,\"\(long)\"\n3,short\n"
        for chunkSize in [1, 7, 64, 1024] {
            let (_, results) = try readAll(text, maxRecordBytes: 50, chunkSize: chunkSize)
            try #require(results.count == 3)
            #expect(
                results[0].error
                    == TabularError(line: 2, code: "line_too_long", message: "the record is longer than 50 bytes"))
            #expect(results[1].error?.code == "line_too_long")
            #expect(results[1].error?.line == 3)
            #expect(results[2].record == TabularRecord(number: 3, line: 4, values: ["a": "3", "b": "short"]))
        }
    }

    @Test func recordOfExactlyTheLimitIsAccepted() throws {
        let (_, results) = try readAll("a,b\n12345,67890\r\n", maxRecordBytes: 11)
        #expect(strings(results.first?.record) == ["a": "12345", "b": "67890"])
    }

    @Test func invalidUTF8FailsThatRowOnly() throws {
        let bytes = Array("a,b\n1,ok\n2,".utf8) + [0xE4, 0xB8] + Array(",x\n3,fine\n".utf8)
        let (_, results) = try readAll(bytes: bytes, encoding: .utf8)
        try #require(results.count == 3)
        #expect(results[1].error?.code == "invalid_encoding")
        #expect(results[1].error?.line == 3)
        #expect(strings(results[2].record) == ["a": "3", "b": "fine"])
    }

    /// Every place a chunk boundary can fall (quotes, escaped quotes, CRLF, multi-byte characters)
    /// gives the same records as reading in one piece.
    @Test func chunkBoundariesDoNotChangeTheResult() throws {
        let text = "名称,\"备 注\",c\r\n\"x\"\"y\",\"多\r\n行\",z\r\n\r\n中文,,\"\"\"\"\r\n1,2,3,4\r\n\"a\"b,\"\",末"
        let (referenceReader, reference) = try readAll(text)
        #expect(referenceReader.header == ["名称", "备 注", "c"])
        try #require(reference.count == 4)
        #expect(strings(reference[0].record) == ["名称": "x\"y", "备 注": "多\r\n行", "c": "z"])
        #expect(strings(reference[1].record) == ["名称": "中文", "c": "\""])
        #expect(reference[1].record?.line == 5)
        #expect(reference[2].error?.code == "too_many_columns")
        #expect(strings(reference[3].record) == ["名称": "ab", "c": "末"])
        for chunkSize in 1...17 {
            let (reader, results) = try readAll(text, chunkSize: chunkSize)
            #expect(reader.header == referenceReader.header, "chunk size \(chunkSize)")
            #expect(results == reference, "chunk size \(chunkSize)")
        }
    }

    @Test func readsFromAFile() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("people.csv")
            try Data("id,name\n1,甲\n2,乙\n".utf8).write(to: url)
            let reader = try TabularReader(fileAt: url, format: .csv)
            let results = Array(reader)
            #expect(results.map { strings($0.record) } == [["id": "1", "name": "甲"], ["id": "2", "name": "乙"]])
            // Single pass: a second iteration continues at the end.
            #expect(Array(reader).isEmpty)
        }
    }

    @Test func missingFileThrowsTheFileSystemError() {
        let url = URL(fileURLWithPath: "/nonexistent/\(UUID().uuidString).csv")
        // Foundation's own error, passed through: not a TabularError, not a crash.
        let error = #expect(throws: CocoaError.self) { try TabularReader(fileAt: url, format: .csv) }
        #expect(error?.code == .fileReadNoSuchFile, "\(String(describing: error))")
    }
}
