import Testing

@testable import CorridorCrypto

struct AESGCMTests {
    @Test func aSealedBoxOpensOnlyWithItsKeyAndContext() throws {
        let key = SecureRandom.bytes(32)
        let secret = Array("12345678901234567890".utf8)
        let box = AESGCM.seal(secret, key: key, context: Array("totp:user:7".utf8))
        #expect(box.count == 12 + secret.count + 16)
        #expect(AESGCM.open(box, key: key, context: Array("totp:user:7".utf8)) == secret)
        #expect(AESGCM.open(box, key: key, context: Array("totp:user:8".utf8)) == nil, "another user's context")
        #expect(AESGCM.open(box, key: SecureRandom.bytes(32), context: Array("totp:user:7".utf8)) == nil)
        var tampered = box
        tampered[14] ^= 1
        #expect(AESGCM.open(tampered, key: key, context: Array("totp:user:7".utf8)) == nil)
        // Each seal has its own nonce.
        #expect(AESGCM.seal(secret, key: key) != AESGCM.seal(secret, key: key))
    }

    @Test func hmacSHA1MatchesRFC2202() {
        // RFC 2202, test case 2.
        let mac = HMAC.sha1(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(mac.map { String(format: "%02x", $0) }.joined() == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
    }
}
