import Foundation
import Testing

@testable import Identity

/// RFC 6238's SHA-1 test vectors (the last six of their eight digits) and the base32 the apps read.
struct TOTPTests {
    @Test(arguments: [
        (59, "287082"), (1_111_111_109, "081804"), (1_111_111_111, "050471"), (1_234_567_890, "005924"),
        (2_000_000_000, "279037"),
    ])
    func codesMatchRFC6238(_ time: Int, _ code: String) {
        let secret = Array("12345678901234567890".utf8)
        #expect(TOTP.code(secret: secret, step: TOTP.step(at: Date(timeIntervalSince1970: TimeInterval(time)))) == code)
    }

    @Test func base32AndTheWindow() {
        #expect(TOTP.base32(Array("12345678901234567890".utf8)) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        let secret = Array("12345678901234567890".utf8)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let step = TOTP.step(at: now)
        let previous = TOTP.code(secret: secret, step: step - 1)
        #expect(TOTP.matchingStep(previous, secret: secret, now: now, after: 0) == step - 1)
        #expect(TOTP.matchingStep(previous, secret: secret, now: now, after: step - 1) == nil, "used once")
        #expect(TOTP.matchingStep(TOTP.code(secret: secret, step: step - 2), secret: secret, now: now, after: 0) == nil)
        #expect(TOTP.matchingStep("12345", secret: secret, now: now, after: 0) == nil)
    }
}
