import AuditLog
import CorridorCrypto
import Foundation
import Testing

/// Entries, leaf hashes, stored subtrees and naive roots for one hash algorithm.
struct MerkleFixture: Sendable {
    let hasher: TreeHasher
    let entries: [[UInt8]]
    let leafHashes: [[UInt8]]
    let nodes: MemorySubtrees
    /// roots[n] = naive MTH of the first n entries.
    let roots: [[UInt8]]

    init(_ algorithm: DigestAlgorithm, leaves: Int) {
        let hasher = TreeHasher(algorithm)
        let entries = (0..<leaves).map {
            Array("entry \($0)".utf8) + [UInt8](repeating: UInt8($0 & 0xFF), count: $0 % 5)
        }
        self.hasher = hasher
        self.entries = entries
        leafHashes = entries.map(hasher.leafHash)
        nodes = try! appendedSubtrees(entries, hasher)
        roots = (0...leaves).map { NaiveMerkle.mth(entries.prefix($0), hasher) }
    }

    static let sha256 = MerkleFixture(.sha256, leaves: 64)
    static let sm3 = MerkleFixture(.sm3, leaves: 20)
}

/// Wraps a store: counts lookups and fails any that reach past `size` leaves.
final class BoundedSubtrees: SubtreeHashes {
    let base: any SubtreeHashes
    let size: Int64
    private(set) var lookups = 0

    init(_ base: any SubtreeHashes, size: Int64) {
        self.base = base
        self.size = size
    }

    struct OutOfTree: Error {}

    func hash(level: Int, index: Int64) throws -> [UInt8] {
        lookups += 1
        guard level >= 0, index >= 0, (index + 1) << level <= size else { throw OutOfTree() }
        return try base.hash(level: level, index: index)
    }
}

/// A consistent huge tree without building it: every leaf is the same entry, so every node
/// at one level has the same hash. Enough to count lookups and check proofs verify.
struct UniformSubtrees: SubtreeHashes {
    let levels: [[UInt8]]

    init(hasher: TreeHasher) {
        var levels = [hasher.leafHash(Array("the same entry".utf8))]
        while levels.count < 63 { levels.append(hasher.nodeHash(levels[levels.count - 1], levels[levels.count - 1])) }
        self.levels = levels
    }

    func hash(level: Int, index: Int64) throws -> [UInt8] { levels[level] }
}

func flipped(_ bytes: [UInt8], bit: Int) -> [UInt8] {
    var copy = bytes
    copy[bit / 8] ^= 1 << (bit % 8)
    return copy
}

/// Bits flipped in every hash by default, from the first byte to the last (any change to a
/// hash input changes the result entirely; `allBits` is used for the small trees).
let sampledBits = [0, 8 * 10 + 3, 8 * 21 + 5, 8 * 31 + 7]
let allBits = Array(0..<256)

/// ⌈log₂ n⌉ (0 for n = 1).
func ceilLog2(_ n: Int) -> Int { n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount }

/// Other indices (or old sizes) to try a proof for `m` in a tree of `n` leaves with: the
/// neighbours, the ends, `m` with any one bit flipped, and the out-of-range ones.
func nearby(_ m: Int, _ n: Int) -> [Int] {
    var candidates: Set<Int> = [-1, 0, 1, m - 2, m - 1, m + 1, m + 2, n - 2, n - 1, n, n + 1, Int(Int64.max)]
    for bit in 0..<Int.bitWidth - 1 - n.leadingZeroBitCount + 1 { candidates.insert(m ^ (1 << bit)) }
    candidates.remove(m)
    return candidates.sorted()
}

func checkRootsAndRanges(_ f: MerkleFixture, size n: Int) throws -> [String] {
    var failures: [String] = []
    let bounded = BoundedSubtrees(f.nodes, size: Int64(n))
    if try MerkleTree.root(size: Int64(n), hasher: f.hasher, nodes: bounded) != f.roots[n] {
        failures.append("root \(n)")
    }
    if bounded.lookups != n.nonzeroBitCount { failures.append("root \(n): \(bounded.lookups) lookups") }
    // Every range ending at n: aligned ones match the naive MTH, others are refused.
    for start in 0..<n {
        let length = n - start
        let aligned = start % (1 << (Int.bitWidth - 1 - length.leadingZeroBitCount)) == 0
        do {
            let hash = try MerkleTree.subtreeRoot(start: Int64(start), end: Int64(n), hasher: f.hasher, nodes: bounded)
            if !aligned || hash != NaiveMerkle.mth(f.entries[start..<n], f.hasher) {
                failures.append("subtreeRoot \(start)..<\(n)")
            }
        } catch let error as MerkleError {
            if aligned || error != .badRange(start: Int64(start), end: Int64(n)) {
                failures.append("subtreeRoot \(start)..<\(n): \(error)")
            }
        }
    }
    return failures
}

func checkInclusion(_ f: MerkleFixture, size n: Int, bits: [Int]) throws -> [String] {
    var failures: [String] = []
    let h = f.hasher
    let size = Int64(n)
    let root = f.roots[n]
    let other = h.leafHash(Array("not in the tree".utf8))
    func verify(_ m: Int64, _ s: Int64, _ leaf: [UInt8], _ proof: [[UInt8]], _ root: [UInt8]) -> Bool {
        MerkleVerifier.verifyInclusion(index: m, size: s, leafHash: leaf, proof: proof, root: root, hasher: h)
    }
    for m in 0..<n {
        let index = Int64(m)
        let leaf = f.leafHashes[m]
        let bounded = BoundedSubtrees(f.nodes, size: size)
        let proof = try MerkleTree.inclusionProof(index: index, size: size, hasher: h, nodes: bounded)
        if proof != NaiveMerkle.path(m, f.entries.prefix(n), h) {
            failures.append("PATH(\(m), \(n)) differs from naive")
        }
        if bounded.lookups > 2 * ceilLog2(n) + 1 { failures.append("PATH(\(m), \(n)): \(bounded.lookups) lookups") }
        if !verify(index, size, leaf, proof, root) { failures.append("PATH(\(m), \(n)) does not verify") }
        if MerkleVerifier.rootFromInclusionProof(index: index, size: size, leafHash: leaf, proof: proof, hasher: h)
            != root
        {
            failures.append("rootFromInclusionProof(\(m), \(n))")
        }
        for bit in bits {
            if verify(index, size, flipped(leaf, bit: bit), proof, root) {
                failures.append("PATH(\(m), \(n)) leaf bit \(bit)")
            }
            if verify(index, size, leaf, proof, flipped(root, bit: bit)) {
                failures.append("PATH(\(m), \(n)) root bit \(bit)")
            }
            for i in proof.indices {
                var bad = proof
                bad[i] = flipped(bad[i], bit: bit)
                if verify(index, size, leaf, bad, root) { failures.append("PATH(\(m), \(n)) hash \(i) bit \(bit)") }
            }
        }
        for i in proof.indices {
            var shorter = proof
            shorter.remove(at: i)
            if verify(index, size, leaf, shorter, root) { failures.append("PATH(\(m), \(n)) without hash \(i)") }
        }
        for i in 0...proof.count {
            for extra in [other, proof.isEmpty ? leaf : proof[min(i, proof.count - 1)]] {
                var longer = proof
                longer.insert(extra, at: i)
                if verify(index, size, leaf, longer, root) {
                    failures.append("PATH(\(m), \(n)) with a hash inserted at \(i)")
                }
            }
        }
        if verify(index, size, other, proof, root) { failures.append("PATH(\(m), \(n)) for another leaf") }
        // Another position: for the same size it must fail; across sizes it passes exactly when
        // the RFC's definition makes the verifier hash the same way (e.g. (0, 3) and (0, 4)).
        var positions = nearby(m, n).map { (Int64($0), size) }
        for s in [n - 1, n + 1, n + 2, 2 * n] where s >= 0 && s != n {
            for i in [m - 1, m, m + 1, s] { positions.append((Int64(i), Int64(s))) }
        }
        positions.append((index, 0))
        positions.append((index, -size))
        for (i, s) in positions {
            let expected = i >= 0 && i < s && NaiveMerkle.pathSides(Int(i), Int(s)) == NaiveMerkle.pathSides(m, n)
            if expected && s == size { failures.append("oracle: (\(i), \(s)) same shape as (\(m), \(n))") }
            if verify(i, s, leaf, proof, root) != expected {
                failures.append("PATH(\(m), \(n)) checked as (\(i), \(s))")
            }
        }
    }
    return failures
}

func checkConsistency(_ f: MerkleFixture, size n: Int, bits: [Int]) throws -> [String] {
    var failures: [String] = []
    let h = f.hasher
    let second = Int64(n)
    let secondRoot = f.roots[n]
    let other = h.leafHash(Array("not in the tree".utf8))
    func verify(_ m: Int64, _ s: Int64, _ r1: [UInt8], _ r2: [UInt8], _ proof: [[UInt8]]) -> Bool {
        MerkleVerifier.verifyConsistency(first: m, second: s, firstRoot: r1, secondRoot: r2, proof: proof, hasher: h)
    }
    for m in 1...n {
        let first = Int64(m)
        let firstRoot = f.roots[m]
        let bounded = BoundedSubtrees(f.nodes, size: second)
        let proof = try MerkleTree.consistencyProof(first: first, second: second, hasher: h, nodes: bounded)
        if proof != NaiveMerkle.proof(m, f.entries.prefix(n), h) {
            failures.append("PROOF(\(m), \(n)) differs from naive")
        }
        if bounded.lookups > 2 * ceilLog2(n) + 1 { failures.append("PROOF(\(m), \(n)): \(bounded.lookups) lookups") }
        if !verify(first, second, firstRoot, secondRoot, proof) { failures.append("PROOF(\(m), \(n)) does not verify") }
        if m == n {
            if !proof.isEmpty { failures.append("PROOF(\(m), \(m)) not empty") }
            continue
        }
        if verify(first, second, secondRoot, firstRoot, proof) {
            failures.append("PROOF(\(m), \(n)) with roots swapped")
        }
        for bit in bits {
            if verify(first, second, flipped(firstRoot, bit: bit), secondRoot, proof) {
                failures.append("PROOF(\(m), \(n)) first root bit \(bit)")
            }
            if verify(first, second, firstRoot, flipped(secondRoot, bit: bit), proof) {
                failures.append("PROOF(\(m), \(n)) second root bit \(bit)")
            }
            for i in proof.indices {
                var bad = proof
                bad[i] = flipped(bad[i], bit: bit)
                if verify(first, second, firstRoot, secondRoot, bad) {
                    failures.append("PROOF(\(m), \(n)) hash \(i) bit \(bit)")
                }
            }
        }
        for i in proof.indices {
            var shorter = proof
            shorter.remove(at: i)
            if verify(first, second, firstRoot, secondRoot, shorter) {
                failures.append("PROOF(\(m), \(n)) without hash \(i)")
            }
        }
        for i in 0...proof.count {
            for extra in [other, firstRoot, proof[min(i, proof.count - 1)]] {
                var longer = proof
                longer.insert(extra, at: i)
                if verify(first, second, firstRoot, secondRoot, longer) {
                    failures.append("PROOF(\(m), \(n)) with a hash inserted at \(i)")
                }
            }
        }
        // Other sizes: passes exactly when the RFC's definition gives the proof the same shape.
        var sizes = nearby(m, n).map { (Int64($0), second) }
        for s in [n - 1, n + 1, 2 * n] where s != n {
            for i in [m - 1, m, m + 1] { sizes.append((Int64(i), Int64(s))) }
        }
        for (i, s) in sizes {
            let expected =
                i > 0 && i < s && NaiveMerkle.consistencyShape(Int(i), Int(s)) == NaiveMerkle.consistencyShape(m, n)
            if verify(i, s, firstRoot, secondRoot, proof) != expected {
                failures.append("PROOF(\(m), \(n)) checked as (\(i), \(s))")
            }
        }
    }
    return failures
}

struct MerkleBruteForceTests {
    @Test(arguments: 1...64) func sha256(size: Int) throws {
        let f = MerkleFixture.sha256
        var failures = try checkRootsAndRanges(f, size: size)
        failures += try checkInclusion(f, size: size, bits: sampledBits)
        failures += try checkConsistency(f, size: size, bits: sampledBits)
        #expect(failures.isEmpty, "\(failures.count) failures: \(failures.prefix(20))")
    }

    /// Every one of the 256 bits of every hash, for the small trees.
    @Test(arguments: 1...10) func sha256EveryBit(size: Int) throws {
        let f = MerkleFixture.sha256
        var failures = try checkInclusion(f, size: size, bits: allBits)
        failures += try checkConsistency(f, size: size, bits: allBits)
        #expect(failures.isEmpty, "\(failures.count) failures: \(failures.prefix(20))")
    }

    @Test(arguments: 1...20) func sm3(size: Int) throws {
        try #require(DigestAlgorithm.sm3.isAvailable)
        let f = MerkleFixture.sm3
        var failures = try checkRootsAndRanges(f, size: size)
        let bits = size <= 6 ? allBits : sampledBits
        failures += try checkInclusion(f, size: size, bits: bits)
        failures += try checkConsistency(f, size: size, bits: bits)
        #expect(failures.isEmpty, "\(failures.count) failures: \(failures.prefix(20))")
    }

    /// Leaf and node hashes, and a whole 7-leaf tree, recomputed with `openssl dgst -sm3`.
    @Test func sm3AgreesWithOpenSSLCommandLine() throws {
        try #require(DigestAlgorithm.sm3.isAvailable)
        let hasher = TreeHasher(.sm3)
        let entries = Array(MerkleVectorTests.leaves.prefix(7)) + [Array(repeating: 0xA5, count: 1000)]
        for entry in entries {
            #expect(hasher.leafHash(entry) == (try openSSLSM3([0x00] + entry)))
        }
        func mth(_ d: ArraySlice<[UInt8]>) throws -> [UInt8] {
            if d.count == 1 { return try openSSLSM3([0x00] + d[d.startIndex]) }
            let k = NaiveMerkle.split(d.count)
            return try openSSLSM3([0x01] + mth(d.prefix(k)) + mth(d.dropFirst(k)))
        }
        let seven = Array(entries.prefix(7))
        let nodes = try appendedSubtrees(seven, hasher)
        #expect(try MerkleTree.root(size: 7, hasher: hasher, nodes: nodes) == mth(seven[...]))
        #expect(try MerkleTree.root(size: 4, hasher: hasher, nodes: nodes) == mth(seven.prefix(4)))
    }

    @Test func appendingMatchesNaiveRoots() throws {
        let hasher = TreeHasher(.sha256)
        let appender = TreeAppender(hasher: hasher)
        var nodes = MemorySubtrees()
        var entries: [[UInt8]] = []
        var failures: [String] = []
        for n in 1...200 {
            let entry = Array("appended \(n)".utf8)
            entries.append(entry)
            let bounded = BoundedSubtrees(nodes, size: Int64(n - 1))
            let written = try appender.append(leafIndex: Int64(n - 1), leafHash: hasher.leafHash(entry), nodes: bounded)
            nodes.store(written)
            if bounded.lookups != written.count - 1 || written.count - 1 != (~(n - 1)).trailingZeroBitCount {
                failures.append("append \(n - 1): \(bounded.lookups) reads, \(written.count) writes")
            }
            if nodes.count != 2 * n - n.nonzeroBitCount { failures.append("\(nodes.count) nodes after \(n) leaves") }
            if try MerkleTree.root(size: Int64(n), hasher: hasher, nodes: nodes)
                != NaiveMerkle.mth(entries[...], hasher)
            {
                failures.append("root \(n)")
            }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    /// Lookup counts stay logarithmic at the sizes the log is served at.
    @Test func lookupsInLargeTrees() throws {
        let hasher = TreeHasher(.sha256)
        let store = UniformSubtrees(hasher: hasher)
        var maxInclusion = 0
        var maxConsistency = 0
        for size: Int64 in [10_000_000, 10_000_001, 16_777_215, 16_777_216, 16_777_217, 12_345_678_901] {
            let root = try MerkleTree.root(size: size, hasher: hasher, nodes: store)
            for index in [0, 1, size / 3, size / 2, size - 2, size - 1] {
                let bounded = BoundedSubtrees(store, size: size)
                let proof = try MerkleTree.inclusionProof(index: index, size: size, hasher: hasher, nodes: bounded)
                maxInclusion = max(maxInclusion, bounded.lookups)
                let leaf = try store.hash(level: 0, index: index)
                #expect(
                    MerkleVerifier.verifyInclusion(
                        index: index, size: size, leafHash: leaf, proof: proof, root: root, hasher: hasher))
            }
            for first in [1, 2, 3, 1 << 20, size / 3, size / 2 + 1, size - 1, size] {
                let bounded = BoundedSubtrees(store, size: size)
                let proof = try MerkleTree.consistencyProof(first: first, second: size, hasher: hasher, nodes: bounded)
                maxConsistency = max(maxConsistency, bounded.lookups)
                let firstRoot = try MerkleTree.root(size: first, hasher: hasher, nodes: store)
                #expect(
                    MerkleVerifier.verifyConsistency(
                        first: first, second: size, firstRoot: firstRoot, secondRoot: root, proof: proof, hasher: hasher
                    ))
            }
        }
        // ⌈log₂ 12 345 678 901⌉ = 34; measured 52 and 53.
        #expect(maxInclusion <= 2 * 34 + 1)
        #expect(maxConsistency <= 2 * 34 + 1)
    }
}

/// SM3 of `bytes` as computed by the `openssl` command line.
func openSSLSM3(_ bytes: [UInt8]) throws -> [UInt8] {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("merkle-sm3-\(UUID().uuidString)")
    try Data(bytes).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl", "dgst", "-sm3", "-binary", file.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    return [UInt8](data)
}
