/// RFC 6962 / RFC 9162 §2.1 Merkle Tree Hashes and proofs, computed from stored hashes of
/// perfect, aligned subtrees (see ``SubtreeHashes``).
///
/// Every range the RFC's recursive split produces — `D[0:k]` and `D[k:n]` with `k` the largest
/// power of two below `n`, recursively — starts at a multiple of the largest power of two not
/// exceeding its length, so its hash is a right fold of at most ⌊log₂ n⌋ + 1 stored subtrees.
/// Along a proof's path at most one sibling is not itself a perfect subtree (once the walk
/// turns left, everything below is perfect), so a root, an inclusion proof and a consistency
/// proof each cost at most 2⌈log₂ n⌉ + 1 lookups.
public enum MerkleTree {
    /// MTH of the first `size` leaves; the empty-tree hash for size 0.
    public static func root(size: Int64, hasher: TreeHasher, nodes: some SubtreeHashes) throws -> [UInt8] {
        guard size >= 0 else { throw MerkleError.sizeOutOfRange(size: size) }
        if size == 0 { return hasher.emptyRoot }
        return try subtreeRoot(start: 0, end: size, hasher: hasher, nodes: nodes)
    }

    /// MTH(D[start:end]) for a non-empty range whose start is a multiple of the largest power
    /// of two ≤ `end − start` (true of every range in the RFC's recursive definitions).
    ///
    /// The range is split, from its start, into perfect subtrees of decreasing size following
    /// the binary digits of its length; folding them right to left reproduces the RFC split.
    public static func subtreeRoot(
        start: Int64, end: Int64, hasher: TreeHasher, nodes: some SubtreeHashes
    ) throws -> [UInt8] {
        guard start >= 0, end > start else { throw MerkleError.badRange(start: start, end: end) }
        let length = end - start
        let topLevel = 63 - length.leadingZeroBitCount
        guard start & ((Int64(1) << topLevel) - 1) == 0 else { throw MerkleError.badRange(start: start, end: end) }

        var pieces: [[UInt8]] = []
        var offset = start
        for level in stride(from: topLevel, through: 0, by: -1) where length & (Int64(1) << level) != 0 {
            pieces.append(try nodes.hash(level: level, index: offset >> level))
            offset += Int64(1) << level
        }
        var hash = pieces.removeLast()
        while let left = pieces.popLast() {
            hash = hasher.nodeHash(left, hash)
        }
        return hash
    }

    /// RFC 6962 PATH(index, D[size]): the audit path for leaf `index` in the tree of the first
    /// `size` leaves, ordered from the leaf's sibling up to the root's child.
    public static func inclusionProof(
        index: Int64, size: Int64, hasher: TreeHasher, nodes: some SubtreeHashes
    ) throws -> [[UInt8]] {
        guard size > 0, index >= 0, index < size else { throw MerkleError.indexOutOfRange(index: index, size: size) }
        // Walk down from the root; the sibling at each split is collected root first.
        var siblings: [[UInt8]] = []
        var start: Int64 = 0
        var end = size
        while end - start > 1 {
            let split = start + largestPowerOfTwo(below: end - start)
            if index < split {
                siblings.append(try subtreeRoot(start: split, end: end, hasher: hasher, nodes: nodes))
                end = split
            } else {
                siblings.append(try subtreeRoot(start: start, end: split, hasher: hasher, nodes: nodes))
                start = split
            }
        }
        return siblings.reversed()
    }

    /// RFC 6962 PROOF(first, D[second]) with RFC 9162's domain `0 < first ≤ second`;
    /// empty when `first == second`.
    public static func consistencyProof(
        first: Int64, second: Int64, hasher: TreeHasher, nodes: some SubtreeHashes
    ) throws -> [[UInt8]] {
        guard first > 0, first <= second else { throw MerkleError.badSizes(first: first, second: second) }
        // SUBPROOF(m, D[start:end], b), unrolled: each step appends one sibling after the
        // deeper part of the proof, so siblings are collected root first and reversed.
        var siblings: [[UInt8]] = []
        var start: Int64 = 0
        var end = second
        var isWholeOldTree = true  // the RFC's flag b
        while first - start < end - start {
            let split = start + largestPowerOfTwo(below: end - start)
            if first <= split {
                siblings.append(try subtreeRoot(start: split, end: end, hasher: hasher, nodes: nodes))
                end = split
            } else {
                siblings.append(try subtreeRoot(start: start, end: split, hasher: hasher, nodes: nodes))
                start = split
                isWholeOldTree = false
            }
        }
        // Now first == end: SUBPROOF(m, D[m], true) = {}, SUBPROOF(m, D[m], false) = {MTH(D[m])}.
        var proof: [[UInt8]] = []
        proof.reserveCapacity(siblings.count + 1)
        if !isWholeOldTree {
            proof.append(try subtreeRoot(start: start, end: end, hasher: hasher, nodes: nodes))
        }
        proof.append(contentsOf: siblings.reversed())
        return proof
    }

    /// The largest power of two strictly less than `n` (n ≥ 2).
    static func largestPowerOfTwo(below n: Int64) -> Int64 {
        Int64(1) << (63 - (n - 1).leadingZeroBitCount)
    }
}
