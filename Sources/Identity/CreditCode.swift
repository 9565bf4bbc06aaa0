import Foundation
import Kernel

/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a
/// 31-character alphabet; the last is a check character over the first 17.
public enum CreditCode {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    private static let values: [Character: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) }
    )

    /// The check character for the first 17 characters, or nil if one is not in the alphabet.
    public static func checkCharacter(for body: some StringProtocol) -> Character? {
        let characters = Array(body)
        guard characters.count == 17 else { return nil }
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let value = values[character] else { return nil }
            sum += value * weights[index]
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// Normalises (trim, upper-case) and validates a code; throws a precise error naming `field`.
    public static func validate(_ raw: String, field: String = "creditCode") throws -> String {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 18 else {
            throw IdentityError.creditCodeLength(field: field, length: code.count)
        }
        if let bad = code.first(where: { values[$0] == nil }) {
            throw IdentityError.creditCodeCharacter(field: field, character: bad)
        }
        let expected = checkCharacter(for: code.prefix(17))
        guard let expected, code.last == expected else {
            throw IdentityError.creditCodeCheck(field: field)
        }
        return code
    }
}
