import CorridorCrypto
import Dispatch
import Foundation
import Synchronization
import Testing

@Suite("Digest")
struct DigestTests {
    @Test(
        "SHA-256 known vectors (FIPS 180-2)",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func sha256Vectors(input: String, expectedHex: String) {
        #expect(Digest.sha256(input).hexString == expectedHex)
        #expect(Digest.sha256(Array(input.utf8)).hexString == expectedHex)
        #expect(Digest.hash(Array(input.utf8), using: .sha256).hexString == expectedHex)
        #expect(Digest.hash(Data(input.utf8), using: .sha256).hexString == expectedHex)
        #expect(Digest.hash(input, using: .sha256).hexString == expectedHex)
    }

    @Test(
        "SM3 known vectors (GB/T 32905-2016)",
        arguments: [
            ("abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"),
            (
                String(repeating: "abcd", count: 16),
                "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
            ),
        ])
    func sm3Vectors(input: String, expectedHex: String) {
        #expect(DigestAlgorithm.sm3.isAvailable)
        #expect(Digest.hash(Array(input.utf8), using: .sm3).hexString == expectedHex)
        #expect(Digest.hash(Data(input.utf8), using: .sm3).hexString == expectedHex)
        #expect(Digest.sm3(Array(input.utf8)).hexString == expectedHex)
    }

    @Test func algorithmsDiffer() {
        #expect(Digest.hash([1, 2, 3], using: .sha256) != Digest.hash([1, 2, 3], using: .sm3))
        #expect(Digest.sha256([1, 2, 3]) != Digest.sha256([1, 2, 4]))
        for algorithm in DigestAlgorithm.allCases {
            #expect(Digest.hash([], using: algorithm).count == algorithm.outputLength)
        }
    }

    @Test func sliceAndDataInputsHashOnlyTheirBytes() {
        let bytes = Array("xxabcxx".utf8)
        let slice = bytes[2..<5]  // non-zero startIndex
        #expect(Digest.hash(slice, using: .sha256) == Digest.sha256("abc"))
        let data = Data("xxabcxx".utf8).dropFirst(2).dropLast(2)
        #expect(Digest.hash(data, using: .sha256) == Digest.sha256("abc"))
    }

    @Test("many tasks hashing concurrently agree with the serial answer")
    func concurrentTasks() async {
        let inputs = (0..<40).map { SecureRandom.bytes($0 * 13) }
        let results = await withTaskGroup(of: (Int, [UInt8], [UInt8]).self) { group in
            for task in 0..<64 {
                group.addTask {
                    var last: (Int, [UInt8], [UInt8]) = (0, [], [])
                    for round in 0..<300 {
                        let index = (task * 7 + round) % inputs.count
                        last = (index, Digest.sha256(inputs[index]), Digest.hash(inputs[index], using: .sm3))
                        // Every intermediate result must be stable too.
                        if last.1 != Digest.sha256(inputs[index]) { return (-1, [], []) }
                    }
                    return last
                }
            }
            var collected: [(Int, [UInt8], [UInt8])] = []
            for await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == 64)
        for (index, sha, sm3) in results {
            #expect(index >= 0)
            guard index >= 0 else { continue }
            #expect(sha == Digest.sha256(inputs[index]))
            #expect(sm3 == Digest.hash(inputs[index], using: .sm3))
        }
    }

    @Test("many OS threads hashing concurrently get the known answer")
    func concurrentThreads() {
        let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        let expectedSM3 = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        let mismatches = MismatchCounter()
        let done = DispatchGroup()
        for _ in 0..<16 {
            done.enter()
            Thread {
                defer { done.leave() }
                for _ in 0..<2_000 {
                    if Digest.sha256("abc").hexString != expected
                        || Digest.hash(Array("abc".utf8), using: .sm3).hexString != expectedSM3
                    {
                        mismatches.count.withLock { $0 += 1 }
                    }
                }
            }.start()
        }
        #expect(done.wait(timeout: .now() + 120) == .success)
        #expect(mismatches.count.withLock { $0 } == 0)
    }
}

private final class MismatchCounter: Sendable {
    let count = Mutex(0)
}

struct StreamingDigestTests {
    @Test func piecesGiveTheOneShotDigest() {
        let bytes = SecureRandom.bytes(100_000)
        for split in [0, 1, 63, 64, 65, 50_000, 99_999] {
            let digest = StreamingDigest(.sha256)
            digest.update(bytes[..<split])
            digest.update(bytes[split...])
            #expect(digest.finalize() == Digest.sha256(bytes))
        }
        let sm3 = StreamingDigest(.sm3)
        sm3.update(Array("ab".utf8))
        sm3.update(Array("c".utf8))
        #expect(sm3.finalize().hexString == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
    }
}
