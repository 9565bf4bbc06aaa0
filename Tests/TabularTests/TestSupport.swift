import Foundation
import Glibc
import Kernel
@testable import Tabular

/// Reads everything from `text` (UTF-8) or `bytes`.
func readAll(
    _ text: String, format: TabularFormat = .csv, encoding: TextEncoding? = nil,
    maxRecordBytes: Int = 1 << 20, chunkSize: Int = TabularReader.defaultChunkSize
) throws -> (reader: TabularReader, results: [Result<TabularRecord, TabularError>]) {
    try readAll(
        bytes: Array(text.utf8), format: format, encoding: encoding, maxRecordBytes: maxRecordBytes,
        chunkSize: chunkSize
    )
}

func readAll(
    bytes: [UInt8], format: TabularFormat = .csv, encoding: TextEncoding? = nil,
    maxRecordBytes: Int = 1 << 20, chunkSize: Int = TabularReader.defaultChunkSize
) throws -> (reader: TabularReader, results: [Result<TabularRecord, TabularError>]) {
    let reader = try TabularReader(
        data: Data(bytes), format: format, encoding: encoding, maxRecordBytes: maxRecordBytes, chunkSize: chunkSize
    )
    return (reader, Array(reader))
}

extension Result where Success == TabularRecord, Failure == TabularError {
    var record: TabularRecord? { try? get() }
    var error: TabularError? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// The values of a record as plain strings, for short expectations.
func strings(_ record: TabularRecord?) -> [String: String] {
    guard let record else { return [:] }
    return record.values.compactMapValues { value in
        if case .string(let string) = value { return string }
        return nil
    }
}

/// `text` encoded in GB18030 by the C library's iconv (the way Chinese office software writes it).
func gb18030(_ text: String) -> [UInt8] {
    let descriptor = iconv_open("GB18030", "UTF-8")!
    precondition(Int(bitPattern: descriptor) != -1, "no GB18030 in iconv")
    defer { iconv_close(descriptor) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    let produced = input.withUnsafeMutableBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var outLeft = outBuffer.count
            let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
            precondition(result != -1 && inLeft == 0, "iconv failed")
            return outBuffer.count - outLeft
        }
    }
    return Array(output[..<produced])
}

/// A fresh directory under the system's temporary directory, removed by `body`'s end.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("tabular-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// The process's resident set size in bytes, from /proc/self/status. Throws when it cannot be
/// read, so a memory bound is never checked against a made-up zero.
func residentBytes(status path: String = "/proc/self/status") throws -> Int {
    let status = try String(contentsOfFile: path, encoding: .utf8)
    guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else {
        throw ResidentMemoryUnreadable(description: "no VmRSS line in \(path)")
    }
    // "VmRSS:\t   12345 kB"
    let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard fields.count == 3, fields[2] == "kB", let kilobytes = Int(fields[1]), kilobytes > 0 else {
        throw ResidentMemoryUnreadable(description: "unexpected \(line.debugDescription) in \(path)")
    }
    return kilobytes * 1024
}

struct ResidentMemoryUnreadable: Error, CustomStringConvertible {
    var description: String
}
