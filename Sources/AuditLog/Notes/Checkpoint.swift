import Foundation

/// A C2SP `tlog-checkpoint` body: the origin line, the tree size in decimal, the root hash in
/// base64, each ending in a newline (optional extension lines follow; Corridor writes none).
public struct Checkpoint: Sendable, Equatable {
    public var origin: String
    public var size: Int64
    public var rootHash: [UInt8]
    public var extensions: [String] = []

    public init(origin: String, size: Int64, rootHash: [UInt8], extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.extensions = extensions
    }

    /// The note text that is signed.
    public var body: String {
        ([origin, String(size), Data(rootHash).base64EncodedString()] + extensions).map { $0 + "\n" }.joined()
    }

    /// Parses a checkpoint body (the note text, without signatures).
    public init(body: String) throws {
        guard body.hasSuffix("\n") else { throw NoteError.malformed("a checkpoint ends in a newline") }
        let lines = body.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3, !lines[0].isEmpty else {
            throw NoteError.malformed("a checkpoint has an origin, a size and a root hash")
        }
        guard let size = Int64(lines[1]), size >= 0, String(size) == lines[1] else {
            throw NoteError.malformed("the tree size is not a decimal number without leading zeros")
        }
        guard let root = Data(base64Encoded: lines[2]), root.count == 32 else {
            throw NoteError.malformed("the root hash is not 32 bytes of base64")
        }
        guard !lines[3...].contains(where: \.isEmpty) else {
            throw NoteError.malformed("a checkpoint has no empty lines")
        }
        self.init(origin: lines[0], size: size, rootHash: [UInt8](root), extensions: Array(lines[3...]))
    }
}

public enum NoteError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case badKey(String)

    public var description: String {
        switch self {
        case .malformed(let why): "Malformed note: \(why)"
        case .badKey(let why): "Bad key: \(why)"
        }
    }
}
