import Foundation
import Kernel
import Testing
@testable import Tabular

/// Reading a large file holds one chunk and one record at a time.
struct StreamingTests {
    static let rowCount = 100_000

    /// Row `index` of the generated file: about 300 bytes, with Chinese text, quoted commas and quotes,
    /// and every 100th row a line break inside quotes.
    static func row(_ index: Int) -> String {
        let note =
            index % 100 == 0
            ? "\"first line\nsecond line, with \"\"quotes\"\"\""
            : "\"Applicant \(index), Ltd. \"\"Holdings\"\" — remark text padding the row to a realistic size for a patent import file of this kind\""
        return "\(index),2017\(String(index, radix: 10).padding(toLength: 8, withPad: "0", startingAt: 0)).3,"
            + "一种锂离子电池正极材料的制备方法及其应用第\(index)号,\(note),2017-08-0\(index % 9 + 1),"
            + "440300,深圳市南山区科技园,\(index * 37 % 100_000),H01M4/\(index % 97),granted,\(index % 2 == 0 ? "" : "x")\r\n"
    }

    static let header = "id,patent_no,title,note,filed,city,district,amount,ipc,status,flag\r\n"

    /// Writes the file in pieces, so that generating it does not itself hold the file in memory.
    static func writeFile(at url: URL, rows: Int) throws -> Int {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(header.utf8))
        var piece = ""
        for index in 1...rows {
            piece += row(index)
            if index % 1000 == 0 || index == rows {
                try handle.write(contentsOf: Data(piece.utf8))
                piece = ""
            }
        }
        return Int(try handle.offset())
    }

    /// The memory bound below is only as good as the reading it is checked against.
    @Test func residentMemoryIsReadOrTheCheckFails() throws {
        #expect(try residentBytes() > 1_000_000)
        #expect(throws: CocoaError.self) { try residentBytes(status: "/nonexistent/status") }
        try withTemporaryDirectory { directory in
            for text in ["Name:\tx\n", "VmRSS:\t      0 kB\n", "VmRSS: lots\n"] {
                let file = directory.appendingPathComponent("status")
                try Data(text.utf8).write(to: file)
                #expect(throws: ResidentMemoryUnreadable.self) { try residentBytes(status: file.path) }
            }
        }
    }

    @Test func hundredThousandRowsInBoundedMemory() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("large.csv")
            let fileSize = try Self.writeFile(at: url, rows: Self.rowCount)
            #expect(fileSize > 25_000_000)

            let baseline = try residentBytes()
            var peak = baseline
            let start = ContinuousClock.now
            let reader = try TabularReader(fileAt: url, format: .csv)
            var count = 0
            var failures = 0
            var lastLine = 0
            for result in reader {
                count += 1
                guard let record = result.record else {
                    failures += 1
                    continue
                }
                if record.number == 12_300 {
                    #expect(record.line == 12_300 + 1 + 122)  // header, plus one extra line per 100 rows before
                    #expect(record.values["note"] == .string("first line\nsecond line, with \"quotes\""))
                    #expect(record.values["flag"] == nil)
                }
                if record.number == 54_321 {
                    #expect(
                        record.values["note"]
                            == .string(
                                "Applicant 54321, Ltd. \"Holdings\" — remark text padding the row to a realistic size for a patent import file of this kind"
                            ))
                    #expect(record.values["title"] == .string("一种锂离子电池正极材料的制备方法及其应用第54321号"))
                    #expect(record.values["flag"] == .string("x"))
                }
                lastLine = record.line
                if count % 1000 == 0 { peak = max(peak, try residentBytes()) }
            }
            let elapsed = ContinuousClock.now - start
            peak = max(peak, try residentBytes())
            let growth = peak - baseline
            print(
                "Tabular streaming: \(count) rows, \(fileSize) bytes in \(elapsed); resident memory grew by \(growth / 1024) KiB"
            )
            #expect(count == Self.rowCount)
            #expect(failures == 0)
            #expect(lastLine == Self.rowCount + 1 + (Self.rowCount - 1) / 100)
            // The whole file would be 30 MB; one chunk and one record are well under a megabyte.
            #expect(growth < 8 * 1024 * 1024, "resident memory grew by \(growth) bytes")
        }
    }
}
