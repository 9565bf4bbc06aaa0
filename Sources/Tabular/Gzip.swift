import CZlib
import Foundation

/// gzip (RFC 1952) through the system's zlib, for the open-data snapshot's files. Whole buffers:
/// the snapshot is built in memory (tens of MB at a million listings).
public enum Gzip {
    public struct Failure: Error, CustomStringConvertible {
        public let code: Int32
        public var description: String { "zlib failed with \(code)" }
    }

    /// The bytes compressed as one gzip member (level 6; mtime 0, so one input gives one output).
    public static func compress(_ input: Data, level: Int32 = 6) throws -> Data {
        try run(input, inflate: false, level: level)
    }

    /// The bytes of a gzip member (for tests and for reading a snapshot back).
    public static func decompress(_ input: Data) throws -> Data {
        try run(input, inflate: true, level: 0)
    }

    private static func run(_ input: Data, inflate: Bool, level: Int32) throws -> Data {
        var stream = z_stream()
        // 15 window bits + 16: a gzip header and trailer rather than zlib's.
        let started =
            inflate
            ? inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            : deflateInit2_(
                &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size))
        guard started == Z_OK else { throw Failure(code: started) }
        defer { if inflate { inflateEnd(&stream) } else { deflateEnd(&stream) } }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var source = [UInt8](input)
        let status: Int32 = source.withUnsafeMutableBufferPointer { bytes in
            stream.next_in = bytes.baseAddress
            stream.avail_in = uInt(bytes.count)
            while true {
                let result: Int32 = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    let code = inflate ? CZlib.inflate(&stream, Z_NO_FLUSH) : deflate(&stream, Z_FINISH)
                    output.append(buffer.baseAddress!, count: buffer.count - Int(stream.avail_out))
                    return code
                }
                if result == Z_STREAM_END { return Z_OK }
                if result != Z_OK && result != Z_BUF_ERROR { return result }
                // No progress possible: the input ended before the stream did.
                if result == Z_BUF_ERROR || (inflate && stream.avail_in == 0 && stream.avail_out != 0) {
                    return Z_DATA_ERROR
                }
            }
        }
        guard status == Z_OK else { throw Failure(code: status) }
        return output
    }
}
