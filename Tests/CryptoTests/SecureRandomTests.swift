import CorridorCrypto
import Testing

@Suite("SecureRandom")
struct SecureRandomTests {
    @Test func lengths() {
        #expect(SecureRandom.bytes(0) == [])
        for count in [1, 16, 32, 33, 1000] {
            #expect(SecureRandom.bytes(count).count == count)
        }
    }

    @Test func successiveCallsDiffer() {
        let a = SecureRandom.bytes(32)
        let b = SecureRandom.bytes(32)
        #expect(a != b)
        #expect(a != [UInt8](repeating: 0, count: 32))
    }

    @Test("every byte value shows up in 100k random bytes")
    func roughlyUniform() {
        let bytes = SecureRandom.bytes(100_000)
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        // Expected 390 per value; these bounds are ~10 standard deviations wide.
        #expect(counts.min()! > 190)
        #expect(counts.max()! < 590)
    }
}
