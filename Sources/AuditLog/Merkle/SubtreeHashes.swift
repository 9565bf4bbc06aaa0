/// Read access to the stored hashes of perfect, aligned subtrees.
///
/// Node (level `L`, index `i`) is the Merkle Tree Hash of the `2^L` leaves
/// `[i·2^L, (i+1)·2^L)`; level 0 holds the leaf hashes. The tree algorithms only ask for
/// subtrees that are complete in the tree they work on, so an implementation may throw
/// (for example ``MissingSubtree``) for anything it does not hold.
public protocol SubtreeHashes {
    func hash(level: Int, index: Int64) throws -> [UInt8]
}

/// Thrown when a requested subtree hash has not been stored.
public struct MissingSubtree: Error, Sendable, Equatable {
    public let level: Int
    public let index: Int64

    public init(level: Int, index: Int64) {
        self.level = level
        self.index = index
    }
}

/// One stored subtree hash, as produced by ``TreeAppender``.
public struct StoredSubtree: Sendable, Equatable {
    public let level: Int
    public let index: Int64
    public let hash: [UInt8]

    public init(level: Int, index: Int64, hash: [UInt8]) {
        self.level = level
        self.index = index
        self.hash = hash
    }
}

/// Dictionary-backed ``SubtreeHashes``, for tests and for building trees in memory.
public struct MemorySubtrees: SubtreeHashes, Sendable {
    private struct Key: Hashable, Sendable {
        let level: Int
        let index: Int64
    }

    private var hashes: [Key: [UInt8]] = [:]

    public init() {}

    /// Number of stored subtree hashes (all levels).
    public var count: Int { hashes.count }

    public mutating func store(level: Int, index: Int64, hash: [UInt8]) {
        hashes[Key(level: level, index: index)] = hash
    }

    public mutating func store(_ node: StoredSubtree) {
        store(level: node.level, index: node.index, hash: node.hash)
    }

    public mutating func store(_ nodes: [StoredSubtree]) {
        for node in nodes { store(node) }
    }

    public func hash(level: Int, index: Int64) throws -> [UInt8] {
        guard let hash = hashes[Key(level: level, index: index)] else {
            throw MissingSubtree(level: level, index: index)
        }
        return hash
    }
}
