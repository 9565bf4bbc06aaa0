import CorridorCrypto
import Foundation
import Testing

@Suite("Hex and base64url")
struct EncodingTests {
    @Test func hexEncoding() {
        #expect([UInt8]().hexString == "")
        #expect([0x00, 0x01, 0xAB, 0xFF].hexString == "0001abff")
        #expect(Array(0...255).map(UInt8.init).hexString.count == 512)
        #expect([UInt8](hexString: "0001abff") == [0x00, 0x01, 0xAB, 0xFF])
        #expect([UInt8](hexString: "0001ABFF") == [0x00, 0x01, 0xAB, 0xFF])
        #expect([UInt8](hexString: "") == [])
        #expect([UInt8](hexString: "abc") == nil)
        #expect([UInt8](hexString: "zz") == nil)
        #expect([UInt8](hexString: "0x00") == nil)
        let random = SecureRandom.bytes(100)
        #expect([UInt8](hexString: random.hexString) == random)
    }

    @Test(
        "RFC 4648 vectors",
        arguments: [
            ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"),
            ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
        ])
    func base64URLVectors(plain: String, encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test func base64URLUsesURLAlphabet() {
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.encode([0xFB, 0xEF, 0xBE]) == "----")
        #expect(Base64URL.encode([0xFF, 0xFF, 0xFF]) == "____")
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
    }

    @Test func base64URLRoundTripMatchesFoundation() {
        for length in 0..<200 {
            let bytes = SecureRandom.bytes(length)
            let encoded = Base64URL.encode(bytes)
            let viaFoundation = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(encoded == viaFoundation)
            #expect(!encoded.contains("="))
            #expect(Base64URL.decode(encoded) == bytes)
        }
    }

    @Test(
        "strict decoding rejects malformed input",
        arguments: [
            "Z",  // impossible length
            "Zg=",  // padding
            "Zg==",  // padding
            "Zh",  // non-zero trailing bits
            "Zm9=",  // padding in the middle of a quantum
            "Zm9v+w",  // standard alphabet
            "Zm9v/w",  // standard alphabet
            "Zm 9v",  // whitespace
            "Zm9v\n",  // newline
            "Zm9vé",  // non-ASCII
        ])
    func base64URLRejects(input: String) {
        #expect(Base64URL.decode(input) == nil)
    }
}
