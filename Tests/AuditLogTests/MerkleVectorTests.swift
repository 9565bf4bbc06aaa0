import AuditLog
import CorridorCrypto
import Foundation
import Testing

/// A straight transcription of RFC 6962 §2.1's recursive definitions over the raw entries,
/// used as the reference for the stored-subtree generators and the bit-walking verifiers.
enum NaiveMerkle {
    /// The largest power of two strictly less than n (n ≥ 2).
    static func split(_ n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    /// MTH(D[n]).
    static func mth(_ d: ArraySlice<[UInt8]>, _ h: TreeHasher) -> [UInt8] {
        if d.isEmpty { return h.emptyRoot }
        if d.count == 1 { return h.leafHash(d[d.startIndex]) }
        let k = split(d.count)
        return h.nodeHash(mth(d.prefix(k), h), mth(d.dropFirst(k), h))
    }

    /// PATH(m, D[n]).
    static func path(_ m: Int, _ d: ArraySlice<[UInt8]>, _ h: TreeHasher) -> [[UInt8]] {
        if d.count == 1 { return [] }
        let k = split(d.count)
        if m < k { return path(m, d.prefix(k), h) + [mth(d.dropFirst(k), h)] }
        return path(m - k, d.dropFirst(k), h) + [mth(d.prefix(k), h)]
    }

    /// PROOF(m, D[n]) = SUBPROOF(m, D[n], true).
    static func proof(_ m: Int, _ d: ArraySlice<[UInt8]>, _ h: TreeHasher) -> [[UInt8]] {
        subproof(m, d, true, h)
    }

    static func subproof(_ m: Int, _ d: ArraySlice<[UInt8]>, _ b: Bool, _ h: TreeHasher) -> [[UInt8]] {
        if m == d.count { return b ? [] : [mth(d, h)] }
        let k = split(d.count)
        if m <= k { return subproof(m, d.prefix(k), b, h) + [mth(d.dropFirst(k), h)] }
        return subproof(m - k, d.dropFirst(k), false, h) + [mth(d.prefix(k), h)]
    }

    /// For PATH(m, D[n]), leaf to root: whether each sibling is on the right. Two (m, n) with
    /// equal sequences make a verifier perform exactly the same hashing.
    static func pathSides(_ m: Int, _ n: Int) -> [Bool] {
        if n == 1 { return [] }
        let k = split(n)
        if m < k { return pathSides(m, k) + [true] }
        return pathSides(m - k, n - k) + [false]
    }

    enum Step: Equatable { case seed, right, both }

    /// The role of each element of PROOF(m, D[n]): the old-tree subtree the walk starts from
    /// (`seed`), a sibling only in the new tree (`right`), or a left sibling in both (`both`).
    static func consistencyShape(_ m: Int, _ n: Int) -> [Step] {
        func sub(_ m: Int, _ n: Int, _ b: Bool) -> [Step] {
            if m == n { return b ? [] : [.seed] }
            let k = split(n)
            if m <= k { return sub(m, k, b) + [.right] }
            return sub(m - k, n - k, false) + [.both]
        }
        return sub(m, n, true)
    }
}

/// A SubtreeHashes over entries appended with TreeAppender.
func appendedSubtrees(_ entries: [[UInt8]], _ hasher: TreeHasher) throws -> MemorySubtrees {
    var nodes = MemorySubtrees()
    let appender = TreeAppender(hasher: hasher)
    for (i, entry) in entries.enumerated() {
        nodes.store(try appender.append(leafIndex: Int64(i), leafHash: hasher.leafHash(entry), nodes: nodes))
    }
    return nodes
}

func hex(_ s: String) -> [UInt8] { [UInt8](hexString: s)! }

/// RFC 6962 test vectors as published with the certificate-transparency reference code.
struct MerkleVectorTests {
    static let leaves: [[UInt8]] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ].map(hex)

    static let roots: [String] = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    let hasher = TreeHasher(.sha256)

    @Test func rootsForSizes0Through8() throws {
        let nodes = try appendedSubtrees(Self.leaves, hasher)
        #expect(try MerkleTree.root(size: 0, hasher: hasher, nodes: nodes) == hasher.emptyRoot)
        for size in 1...8 {
            let expected = Self.roots[size - 1]
            #expect(
                try MerkleTree.root(size: Int64(size), hasher: hasher, nodes: nodes).hexString == expected,
                "size \(size)")
            #expect(NaiveMerkle.mth(Self.leaves.prefix(size), hasher).hexString == expected, "naive size \(size)")
        }
    }

    /// (index, size, path), as in the CT reference test data.
    static let inclusionVectors: [(Int64, Int64, [String])] = [
        (0, 1, []),
        (
            0, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        ),
        (
            5, 8,
            [
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        (
            1, 5,
            [
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        ),
    ]

    @Test func knownInclusionProofs() throws {
        let nodes = try appendedSubtrees(Self.leaves, hasher)
        for (index, size, expectedHex) in Self.inclusionVectors {
            let expected = expectedHex.map(hex)
            let proof = try MerkleTree.inclusionProof(index: index, size: size, hasher: hasher, nodes: nodes)
            #expect(proof == expected, "PATH(\(index), D[\(size)])")
            #expect(
                NaiveMerkle.path(Int(index), Self.leaves.prefix(Int(size)), hasher) == expected,
                "naive PATH(\(index), D[\(size)])")
            #expect(
                MerkleVerifier.verifyInclusion(
                    index: index, size: size, leafHash: hasher.leafHash(Self.leaves[Int(index)]),
                    proof: expected, root: hex(Self.roots[Int(size) - 1]), hasher: hasher))
        }
    }

    /// (first, second, proof), as in the CT reference test data.
    static let consistencyVectors: [(Int64, Int64, [String])] = [
        (1, 1, []),
        (
            1, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        ),
        (
            6, 8,
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
        (
            2, 5,
            [
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        ),
    ]

    @Test func knownConsistencyProofs() throws {
        let nodes = try appendedSubtrees(Self.leaves, hasher)
        for (first, second, expectedHex) in Self.consistencyVectors {
            let expected = expectedHex.map(hex)
            let proof = try MerkleTree.consistencyProof(first: first, second: second, hasher: hasher, nodes: nodes)
            #expect(proof == expected, "PROOF(\(first), D[\(second)])")
            #expect(
                NaiveMerkle.proof(Int(first), Self.leaves.prefix(Int(second)), hasher) == expected,
                "naive PROOF(\(first), D[\(second)])")
            #expect(
                MerkleVerifier.verifyConsistency(
                    first: first, second: second,
                    firstRoot: hex(Self.roots[Int(first) - 1]), secondRoot: hex(Self.roots[Int(second) - 1]),
                    proof: expected, hasher: hasher))
        }
    }

    @Test func badArgumentsThrow() throws {
        let nodes = try appendedSubtrees(Self.leaves, hasher)
        #expect(throws: MerkleError.sizeOutOfRange(size: -1)) {
            try MerkleTree.root(size: -1, hasher: hasher, nodes: nodes)
        }
        #expect(throws: MerkleError.indexOutOfRange(index: 8, size: 8)) {
            try MerkleTree.inclusionProof(index: 8, size: 8, hasher: hasher, nodes: nodes)
        }
        #expect(throws: MerkleError.indexOutOfRange(index: -1, size: 8)) {
            try MerkleTree.inclusionProof(index: -1, size: 8, hasher: hasher, nodes: nodes)
        }
        #expect(throws: MerkleError.indexOutOfRange(index: 0, size: 0)) {
            try MerkleTree.inclusionProof(index: 0, size: 0, hasher: hasher, nodes: nodes)
        }
        #expect(throws: MerkleError.badSizes(first: 0, second: 8)) {
            try MerkleTree.consistencyProof(first: 0, second: 8, hasher: hasher, nodes: nodes)
        }
        #expect(throws: MerkleError.badSizes(first: 5, second: 4)) {
            try MerkleTree.consistencyProof(first: 5, second: 4, hasher: hasher, nodes: nodes)
        }
        #expect(throws: MerkleError.badRange(start: 3, end: 3)) {
            try MerkleTree.subtreeRoot(start: 3, end: 3, hasher: hasher, nodes: nodes)
        }
        #expect(throws: MerkleError.badRange(start: 1, end: 3)) {
            try MerkleTree.subtreeRoot(start: 1, end: 3, hasher: hasher, nodes: nodes)
        }
        #expect(throws: MerkleError.sizeOutOfRange(size: -1)) {
            try TreeAppender(hasher: hasher).append(leafIndex: -1, leafHash: hasher.leafHash([]), nodes: nodes)
        }
        // Beyond what is stored: the store's own error comes through.
        #expect(throws: MissingSubtree(level: 0, index: 8)) {
            try MerkleTree.root(size: 9, hasher: hasher, nodes: nodes)
        }
        #expect(throws: MissingSubtree(level: 0, index: 4)) {
            try TreeAppender(hasher: hasher).append(
                leafIndex: 5, leafHash: hasher.leafHash([]), nodes: MemorySubtrees())
        }
    }

    @Test func verifiersRejectMalformedInput() {
        let leaf = hasher.leafHash(Self.leaves[5])
        let proof = Self.inclusionVectors[2].2.map(hex)
        let root = hex(Self.roots[7])
        #expect(
            MerkleVerifier.verifyInclusion(index: 5, size: 8, leafHash: leaf, proof: proof, root: root, hasher: hasher))
        for (index, size) in [
            (5, 0), (5, 5), (8, 8), (-1, 8), (5, -8), (Int64.max, Int64.max), (0, Int64.max), (Int64.min, 8),
        ] as [(Int64, Int64)] {
            #expect(
                !MerkleVerifier.verifyInclusion(
                    index: index, size: size, leafHash: leaf, proof: proof, root: root, hasher: hasher))
        }
        #expect(
            !MerkleVerifier.verifyInclusion(
                index: 5, size: 8, leafHash: leaf + [0], proof: proof, root: root, hasher: hasher))
        #expect(
            !MerkleVerifier.verifyInclusion(
                index: 5, size: 8, leafHash: leaf, proof: proof, root: Array(root.dropLast()), hasher: hasher))
        #expect(
            !MerkleVerifier.verifyInclusion(
                index: 5, size: 8, leafHash: leaf, proof: [proof[0], Array(proof[1].dropLast()), proof[2]], root: root,
                hasher: hasher))
        #expect(!MerkleVerifier.verifyInclusion(index: 5, size: 8, leafHash: [], proof: [], root: [], hasher: hasher))
        #expect(
            MerkleVerifier.rootFromInclusionProof(index: 5, size: 8, leafHash: leaf, proof: proof, hasher: hasher)
                == root)
        #expect(
            MerkleVerifier.rootFromInclusionProof(
                index: 5, size: 8, leafHash: leaf, proof: proof.dropLast(), hasher: hasher) == nil)

        let consistency = Self.consistencyVectors[2].2.map(hex)
        let r6 = hex(Self.roots[5])
        #expect(
            MerkleVerifier.verifyConsistency(
                first: 6, second: 8, firstRoot: r6, secondRoot: root, proof: consistency, hasher: hasher))
        for (first, second) in [
            (0, 8), (-6, 8), (6, 5), (6, -8), (Int64.max, Int64.max), (Int64.min, Int64.max), (6, Int64.max),
        ] as [(Int64, Int64)] {
            #expect(
                !MerkleVerifier.verifyConsistency(
                    first: first, second: second, firstRoot: r6, secondRoot: root, proof: consistency, hasher: hasher))
        }
        #expect(
            !MerkleVerifier.verifyConsistency(
                first: 6, second: 8, firstRoot: r6, secondRoot: root, proof: [], hasher: hasher))
        #expect(
            !MerkleVerifier.verifyConsistency(
                first: 6, second: 8, firstRoot: r6 + [0], secondRoot: root, proof: consistency, hasher: hasher))
        #expect(
            !MerkleVerifier.verifyConsistency(
                first: 6, second: 8, firstRoot: r6, secondRoot: [], proof: consistency, hasher: hasher))
        #expect(
            !MerkleVerifier.verifyConsistency(
                first: 6, second: 8, firstRoot: r6, secondRoot: root, proof: consistency.map { Array($0.prefix(16)) },
                hasher: hasher))
        // first == second: empty proof and equal roots only.
        #expect(
            MerkleVerifier.verifyConsistency(
                first: 8, second: 8, firstRoot: root, secondRoot: root, proof: [], hasher: hasher))
        #expect(
            !MerkleVerifier.verifyConsistency(
                first: 8, second: 8, firstRoot: r6, secondRoot: root, proof: [], hasher: hasher))
        #expect(
            !MerkleVerifier.verifyConsistency(
                first: 8, second: 8, firstRoot: root, secondRoot: root, proof: [root], hasher: hasher))
    }
}
