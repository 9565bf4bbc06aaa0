import Foundation
import Kernel
import Testing
@testable import Tabular

struct EncodingTests {
    static let chinese = "专利号,名称\n201710601862.3,一种锂离子电池正极材料的制备方法\n201820001234.5,\"用于储能的装置，含“引号”\"\n"

    static let expected: [[String: String]] = [
        ["专利号": "201710601862.3", "名称": "一种锂离子电池正极材料的制备方法"],
        ["专利号": "201820001234.5", "名称": "用于储能的装置，含“引号”"],
    ]

    @Test func gb18030RoundTrip() throws {
        let bytes = gb18030(Self.chinese)
        #expect(bytes.count < Self.chinese.utf8.count)  // really GB18030: two bytes per Chinese character
        let (reader, results) = try readAll(bytes: bytes, encoding: .gb18030)
        #expect(reader.encoding == .gb18030)
        #expect(reader.header == ["专利号", "名称"])
        #expect(results.map { strings($0.record) } == Self.expected)
    }

    /// Small chunks make two-byte and four-byte characters straddle chunk boundaries (iconv's EINVAL).
    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func gb18030AcrossChunkBoundaries(chunkSize: Int) throws {
        // "𠀀" (U+20000) and "€" are four-byte sequences in GB18030.
        let text = Self.chinese + "201900000001.1,𠀀€·é\n"
        let bytes = gb18030(text)
        let (reader, results) = try readAll(bytes: bytes, encoding: .gb18030, chunkSize: chunkSize)
        #expect(reader.header == ["专利号", "名称"])
        #expect(results.map { strings($0.record) } == Self.expected + [["专利号": "201900000001.1", "名称": "𠀀€·é"]])
    }

    @Test func detectsGB18030AndUTF8() throws {
        let (gbReader, gbResults) = try readAll(bytes: gb18030(Self.chinese))
        #expect(gbReader.encoding == .gb18030)
        #expect(gbResults.map { strings($0.record) } == Self.expected)

        let (utf8Reader, utf8Results) = try readAll(Self.chinese)
        #expect(utf8Reader.encoding == .utf8)
        #expect(utf8Results.map { strings($0.record) } == Self.expected)

        let (bomReader, _) = try readAll(bytes: [0xEF, 0xBB, 0xBF] + Array("a\n".utf8))
        #expect(bomReader.encoding == .utf8)
        #expect(bomReader.header == ["a"])
    }

    @Test func detectionFromAFileInSmallChunks() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("gb.csv")
            try Data(gb18030(Self.chinese)).write(to: url)
            let reader = try TabularReader(
                fileAt: url, format: .csv, encoding: nil, maxRecordBytes: 1 << 20, chunkSize: 3)
            #expect(reader.encoding == .gb18030)
            #expect(Array(reader).map { strings($0.record) } == Self.expected)
        }
    }

    /// Past the detection window, small chunks still split characters: detection and transcoding agree.
    @Test(arguments: [7, 4096])
    func detectedGB18030LargerThanTheDetectionWindow(chunkSize: Int) throws {
        let rows = (1...3000).map { "2017\($0),一种锂离子电池正极材料的制备方法第\($0)号\n" }.joined()
        let bytes = gb18030("专利号,名称\n" + rows)
        #expect(bytes.count > 2 * TextEncoding.detectionWindow)
        let (reader, results) = try readAll(bytes: bytes, chunkSize: chunkSize)
        #expect(reader.encoding == .gb18030)
        try #require(results.count == 3000)
        #expect(results.allSatisfy { $0.record != nil })
        #expect(strings(results[2999].record) == ["专利号": "20173000", "名称": "一种锂离子电池正极材料的制备方法第3000号"])
    }

    /// A UTF-8 character cut by the end of the 64 KiB detection window does not make the file GB18030.
    @Test func utf8CharacterCutByTheDetectionWindow() throws {
        let filler = String(repeating: "x", count: TextEncoding.detectionWindow - 4)
        let text = "a\n" + filler + "中\n"  // "中" starts 2 bytes before the window's end
        #expect(Array(text.utf8).count > TextEncoding.detectionWindow)
        let (reader, results) = try readAll(text)
        #expect(reader.encoding == .utf8)
        #expect(strings(results.first?.record) == ["a": filler + "中"])
    }

    @Test func invalidGB18030BytesFailTheirRecordOnly() throws {
        let bytes = gb18030("名称\n甲\n") + [0xFF] + gb18030("乙\n丙\n")
        let (_, results) = try readAll(bytes: bytes, encoding: .gb18030)
        try #require(results.count == 3)
        #expect(strings(results[0].record) == ["名称": "甲"])
        #expect(
            results[1].error
                == TabularError(
                    line: 3, code: "invalid_encoding", message: "the record holds bytes that are not valid GB18030"))
        #expect(strings(results[2].record) == ["名称": "丙"])
    }

    @Test func truncatedGB18030AtTheEndFailsTheLastRecord() throws {
        let bytes = gb18030("名称\n甲\n乙")
        let (_, results) = try readAll(bytes: Array(bytes.dropLast()), encoding: .gb18030, chunkSize: 2)
        #expect(strings(results.first?.record) == ["名称": "甲"])
        #expect(results.last?.error?.code == "invalid_encoding")
        #expect(results.last?.error?.line == 3)
    }

    @Test func gb18030ByteOrderMarkIsDropped() throws {
        let (reader, _) = try readAll(bytes: [0x84, 0x31, 0x95, 0x33] + gb18030("名称\n甲\n"))
        #expect(reader.encoding == .gb18030)
        #expect(reader.header == ["名称"])
    }

    @Test func utf16IsRefusedWhenDetecting() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("a\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect { try readAll(bytes: bytes) } throws: { ($0 as? TabularError)?.code == "unsupported_encoding" }
    }

    @Test func gb18030JSONLines() throws {
        let bytes = gb18030("{\"名称\":\"锂电池\"}\n{\"名称\":\"正极\"}\n")
        let (reader, results) = try readAll(bytes: bytes, format: .jsonLines, chunkSize: 3)
        #expect(reader.encoding == .gb18030)
        #expect(results.map { $0.record?.values } == [["名称": "锂电池"], ["名称": "正极"]])
    }
}
