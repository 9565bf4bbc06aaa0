import Foundation

/// Raw bytes in chunks of at most `chunkSize`, from an open file or from memory.
final class ByteSource {
    private enum Origin {
        case file(FileHandle)
        case memory(Data, offset: Int)
        case ended
    }

    private var origin: Origin
    let chunkSize: Int

    init(fileAt url: URL, chunkSize: Int) throws {
        origin = .file(try FileHandle(forReadingFrom: url))
        self.chunkSize = chunkSize
    }

    init(data: Data, chunkSize: Int) {
        origin = .memory(data, offset: data.startIndex)
        self.chunkSize = chunkSize
    }

    deinit {
        if case .file(let handle) = origin { try? handle.close() }
    }

    /// The next chunk (never empty), or nil at the end.
    func read() throws -> [UInt8]? {
        switch origin {
        case .ended:
            return nil
        case .memory(let data, let offset):
            guard offset < data.endIndex else {
                origin = .ended
                return nil
            }
            let end = min(offset + chunkSize, data.endIndex)
            origin = .memory(data, offset: end)
            return [UInt8](data[offset..<end])
        case .file(let handle):
            guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else {
                try? handle.close()
                origin = .ended
                return nil
            }
            return [UInt8](data)
        }
    }
}
