import Foundation
import Testing

@testable import Tabular

struct GzipTests {
    @Test func aRoundTripGivesTheBytesBackAndTheHeaderIsGzip() throws {
        let text = String(repeating: "锂电池正极材料,new_energy_vehicles,WH\n", count: 20_000)
        let packed = try Gzip.compress(Data(text.utf8))
        #expect(packed.prefix(3) == Data([0x1F, 0x8B, 0x08]), "gzip magic and deflate")
        #expect(packed.count < text.utf8.count / 20, "repetitive text compresses well")
        #expect(try Gzip.decompress(packed) == Data(text.utf8))
        #expect(try Gzip.compress(Data()).isEmpty == false)
        #expect(try Gzip.decompress(try Gzip.compress(Data())) == Data())
    }

    @Test func aTruncatedOrForeignStreamIsAnError() throws {
        let packed = try Gzip.compress(Data(String(repeating: "abc", count: 1_000).utf8))
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(packed.prefix(packed.count / 2)) }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Data("not gzip at all".utf8)) }
    }

    /// What another gzip reads: Debian's gzip tests and unpacks our output.
    @Test func theSystemGzipReadsIt() throws {
        let text = "揭榜挂帅,challenge,HG\n" + String(repeating: "x", count: 10_000)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-gzip-\(UUID()).gz")
        defer { try? FileManager.default.removeItem(at: file) }
        try Gzip.compress(Data(text.utf8)).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let unpacked = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(unpacked == Data(text.utf8))
    }
}
