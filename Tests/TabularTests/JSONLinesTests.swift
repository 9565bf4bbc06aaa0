import Foundation
import Kernel
import Testing
@testable import Tabular

struct JSONLinesTests {
    @Test func readsObjectsWithJSONValues() throws {
        let text = """
            {"id": 1, "name": "甲", "tags": ["a", "b"], "extra": {"ok": true, "none": null}}
            {"id": -2}
            """
        let (reader, results) = try readAll(text, format: .jsonLines)
        #expect(reader.header == [])
        try #require(results.count == 2)
        #expect(
            results[0].record
                == TabularRecord(
                    number: 1, line: 1,
                    values: ["id": 1, "name": "甲", "tags": ["a", "b"], "extra": ["ok": true, "none": nil]]
                ))
        #expect(results[1].record == TabularRecord(number: 2, line: 2, values: ["id": -2]))
    }

    @Test func badLinesFailAloneAndReadingGoesOn() throws {
        let text = """
            {"n": 1}
            {"n": 2
            [1, 2]
            {"n": 1.5}

              \t
            {"n": 5}
            """
        let (_, results) = try readAll(text, format: .jsonLines)
        try #require(results.count == 5)
        #expect(results[0].record == TabularRecord(number: 1, line: 1, values: ["n": 1]))
        #expect(results[1].error?.code == "bad_json")
        #expect(results[1].error?.line == 2)
        #expect(
            results[2].error
                == TabularError(line: 3, code: "not_an_object", message: "the line holds JSON but not an object"))
        #expect(results[3].error?.code == "bad_json")  // fractions are refused
        #expect(results[3].error?.line == 4)
        // Blank lines are skipped and not counted as records, but do count as lines.
        #expect(results[4].record == TabularRecord(number: 5, line: 7, values: ["n": 5]))
    }

    @Test func crlfAndByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\":\"x\"}\r\n\r\n{\"a\":\"y\"}\r\n".utf8)
        let (_, results) = try readAll(bytes: bytes, format: .jsonLines)
        #expect(
            results.map(\.record) == [
                TabularRecord(number: 1, line: 1, values: ["a": "x"]),
                TabularRecord(number: 2, line: 3, values: ["a": "y"]),
            ])
    }

    @Test func tooLongLineFailsAndTheNextIsRead() throws {
        let long = "{\"a\":\"" + String(repeating: "x", count: 200) + "\"}"
        let text = "{\"a\":1}\n\(long)\n{\"a\":3}\n"
        for chunkSize in [1, 5, 64, 4096] {
            let (_, results) = try readAll(text, format: .jsonLines, maxRecordBytes: 64, chunkSize: chunkSize)
            try #require(results.count == 3)
            #expect(results[1].error?.code == "line_too_long")
            #expect(results[1].error?.line == 2)
            #expect(results[2].record == TabularRecord(number: 3, line: 3, values: ["a": 3]))
        }
    }

    @Test func invalidUTF8FailsThatLine() throws {
        let bytes = Array("{\"a\":\"".utf8) + [0xC3] + Array("\"}\n{\"a\":2}\n".utf8)
        let (_, results) = try readAll(bytes: bytes, format: .jsonLines, encoding: .utf8)
        #expect(results.first?.error?.code == "invalid_encoding")
        #expect(results.last?.record?.values == ["a": 2])
    }

    @Test func chunkBoundariesDoNotChangeTheResult() throws {
        let text = "{\"名\":\"值\"}\r\n\n{\"x\":[1,{\"y\":\"中文\"}]}\nnot json\n{\"z\":null}"
        let (_, reference) = try readAll(text, format: .jsonLines)
        try #require(reference.count == 4)
        #expect(reference[2].error?.code == "bad_json")
        for chunkSize in 1...13 {
            let (_, results) = try readAll(text, format: .jsonLines, chunkSize: chunkSize)
            #expect(results == reference, "chunk size \(chunkSize)")
        }
    }
}
