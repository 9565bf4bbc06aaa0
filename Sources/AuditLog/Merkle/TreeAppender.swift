/// Computes the subtree hashes to store when one leaf is appended.
///
/// Appending leaf `n` stores the leaf at (0, n) and, while the node just written is a right
/// child (odd index), its parent `nodeHash(sibling, node)` one level up. Each call reads at
/// most ⌊log₂ n⌋ + 1 siblings; over `n` leaves exactly `2n − popcount(n)` nodes are written.
public struct TreeAppender: Sendable {
    public let hasher: TreeHasher

    public init(hasher: TreeHasher) {
        self.hasher = hasher
    }

    /// The nodes to store for leaf `leafIndex`, bottom-up (the leaf first).
    ///
    /// Leaves `0..<leafIndex` must already be present in `nodes`, including the nodes
    /// returned for them by earlier calls (store each result before the next append).
    public func append(leafIndex: Int64, leafHash: [UInt8], nodes: some SubtreeHashes) throws -> [StoredSubtree] {
        guard leafIndex >= 0, leafIndex < Int64.max else { throw MerkleError.sizeOutOfRange(size: leafIndex) }
        var result = [StoredSubtree(level: 0, index: leafIndex, hash: leafHash)]
        var level = 0
        var index = leafIndex
        var hash = leafHash
        while index & 1 == 1 {
            let left = try nodes.hash(level: level, index: index - 1)
            hash = hasher.nodeHash(left, hash)
            level += 1
            index >>= 1
            result.append(StoredSubtree(level: level, index: index, hash: hash))
        }
        return result
    }
}
