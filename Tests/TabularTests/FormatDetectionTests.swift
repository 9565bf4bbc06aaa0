import Foundation
import Testing
import Tabular

struct FormatDetectionTests {
    @Test func fileNameExtensionDecides() {
        #expect(TabularFormat.detect(fileName: "专利.CSV", contentType: nil, firstBytes: Data("{".utf8)) == .csv)
        #expect(
            TabularFormat.detect(fileName: "a.jsonl", contentType: "text/csv", firstBytes: Data("a,b".utf8))
                == .jsonLines)
        #expect(TabularFormat.detect(fileName: "a.ndjson", contentType: nil, firstBytes: Data()) == .jsonLines)
    }

    @Test func contentTypeDecidesWithoutAKnownExtension() {
        #expect(
            TabularFormat.detect(
                fileName: "upload.txt", contentType: "text/csv; charset=utf-8", firstBytes: Data("{".utf8)) == .csv)
        #expect(
            TabularFormat.detect(fileName: nil, contentType: "application/x-ndjson", firstBytes: Data("a".utf8))
                == .jsonLines)
    }

    @Test func contentIsSniffedLast() {
        #expect(
            TabularFormat.detect(fileName: nil, contentType: nil, firstBytes: Data("\u{FEFF}\n  {\"a\":1}".utf8))
                == .jsonLines)
        #expect(
            TabularFormat.detect(
                fileName: "x", contentType: "application/octet-stream", firstBytes: Data("id,name\n".utf8)) == .csv)
        #expect(TabularFormat.detect(fileName: nil, contentType: nil, firstBytes: Data("[{\"a\":1}]".utf8)) == nil)
        #expect(TabularFormat.detect(fileName: nil, contentType: nil, firstBytes: Data(" \n".utf8)) == nil)
    }

    @Test func binaryFilesAreNotTabular() {
        let xlsx = Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00])
        #expect(TabularFormat.detect(fileName: "renamed.csv", contentType: "text/csv", firstBytes: xlsx) == nil)
        let utf16 = Data([0xFF, 0xFE, 0x61, 0x00])
        #expect(TabularFormat.detect(fileName: "a.csv", contentType: nil, firstBytes: utf16) == nil)
    }
}
