import CorridorCrypto

/// Proof verification per RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), using
/// the RFC's bit-walking algorithms rather than the proof generators.
///
/// Every malformed input — negative or out-of-range sizes and indices, hashes of the wrong
/// length, proofs that are too short or too long — yields `nil` / `false`.
public enum MerkleVerifier {
    /// The root implied by an inclusion proof for `leafHash` at `index` in a tree of `size`
    /// leaves, or nil if the proof cannot be for that position.
    public static func rootFromInclusionProof(
        index: Int64, size: Int64, leafHash: [UInt8], proof: [[UInt8]], hasher: TreeHasher
    ) -> [UInt8]? {
        guard index >= 0, index < size else { return nil }
        let length = hasher.algorithm.outputLength
        guard leafHash.count == length, proof.allSatisfy({ $0.count == length }) else { return nil }

        var fn = UInt64(index)
        var sn = UInt64(size - 1)
        var r = leafHash
        for p in proof {
            if sn == 0 { return nil }
            if fn & 1 == 1 || fn == sn {
                r = hasher.nodeHash(p, r)
                if fn & 1 == 0 {
                    // Skip the levels where this node has no right sibling.
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = hasher.nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 ? r : nil
    }

    public static func verifyInclusion(
        index: Int64, size: Int64, leafHash: [UInt8], proof: [[UInt8]], root: [UInt8], hasher: TreeHasher
    ) -> Bool {
        guard root.count == hasher.algorithm.outputLength,
            let computed = rootFromInclusionProof(
                index: index, size: size, leafHash: leafHash, proof: proof, hasher: hasher)
        else { return false }
        return computed == root
    }

    /// Whether `proof` shows the tree of `first` leaves with root `firstRoot` is a prefix of
    /// the tree of `second` leaves with root `secondRoot`. Requires `0 < first ≤ second`;
    /// for `first == second` the proof must be empty and the roots equal.
    public static func verifyConsistency(
        first: Int64, second: Int64, firstRoot: [UInt8], secondRoot: [UInt8], proof: [[UInt8]], hasher: TreeHasher
    ) -> Bool {
        let length = hasher.algorithm.outputLength
        guard first > 0, first <= second,
            firstRoot.count == length, secondRoot.count == length,
            proof.allSatisfy({ $0.count == length })
        else { return false }
        if first == second {
            return proof.isEmpty && firstRoot == secondRoot
        }
        guard !proof.isEmpty else { return false }

        // When the old tree is a perfect subtree its root is not sent: start from it.
        var path = proof[...]
        let seed: [UInt8]
        if first & (first - 1) == 0 {
            seed = firstRoot
        } else {
            seed = path.removeFirst()
        }

        var fn = UInt64(first - 1)
        var sn = UInt64(second - 1)
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = seed
        var sr = seed
        for c in path {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = hasher.nodeHash(c, fr)
                sr = hasher.nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = hasher.nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && fr == firstRoot && sr == secondRoot
    }
}
