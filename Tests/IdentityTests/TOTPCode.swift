import CorridorCrypto
import Foundation

@testable import Identity

/// Computes codes the way an authenticator app does, from the base32 secret shown once.
enum AuthenticatorApp {
    static func secretBytes(_ base32: String) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for character in base32.uppercased() where character != " " {
            guard let index = alphabet.firstIndex(of: character) else { continue }
            buffer = (buffer << 5) | UInt32(index)
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((buffer >> UInt32(bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return bytes
    }

    static func code(_ base32: String, at date: Date) -> String {
        TOTP.code(secret: secretBytes(base32), step: TOTP.step(at: date))
    }
}
