import CorridorCrypto
import Testing

/// HMAC-SHA256 against RFC 4231's published test cases, and the constant-time comparison.
struct HMACTests {
    func bytes(_ hex: String) throws -> [UInt8] { try #require([UInt8](hexString: hex)) }

    @Test func rfc4231TestCase1() throws {
        let mac = HMAC.sha256(key: [UInt8](repeating: 0x0b, count: 20), message: "Hi There")
        #expect(mac.hexString == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func rfc4231TestCase2() throws {
        let mac = HMAC.sha256(key: Array("Jefe".utf8), message: "what do ya want for nothing?")
        #expect(mac.hexString == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func rfc4231TestCase6AKeyLongerThanABlock() throws {
        let mac = HMAC.sha256(
            key: [UInt8](repeating: 0xaa, count: 131), message: "Test Using Larger Than Block-Size Key - Hash Key First"
        )
        #expect(mac.hexString == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func anEmptyKeyAndMessageStillMAC() {
        #expect(HMAC.sha256(key: [], message: []).count == 32)
    }

    @Test func comparisonIsExact() {
        let mac = HMAC.sha256(key: Array("k".utf8), message: "m")
        var flipped = mac
        flipped[31] ^= 1
        #expect(HMAC.constantTimeEqual(mac, mac))
        #expect(!HMAC.constantTimeEqual(mac, flipped))
        #expect(!HMAC.constantTimeEqual(mac, Array(mac.dropLast())))
    }
}
