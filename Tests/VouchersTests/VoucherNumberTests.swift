import Testing
import Vouchers

/// Voucher numbers against answers worked out by hand from the rule in VoucherNumber.swift:
/// each character's value (a digit its own value, a letter its place in
/// 0123456789ABCDEFGHJKLMNPQRTUWXY, a letter outside it its ASCII code mod 31; hyphens
/// skipped) times the weights 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8 (3ⁿ mod 31),
/// summed mod 31; the check character is the alphabet's character at (31 − sum) mod 31.
struct VoucherNumberTests {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    static let knownAnswers: [(city: String, year: Int, serial: Int64, number: String)] = [
        // H 17·1 + S (83 mod 31 = 21)·3 + 2·9 + 0·27 + 2·19 + 6·26 + 0 + 0 + 0 + 1·29 + 2·25 + 3·13
        // = 410 = 13·31 + 7; 31 − 7 = 24: Q.
        ("HS", 2026, 123, "HS-2026-000123-Q"),
        // W 28·1 + H 17·3 + 2·9 + 0 + 2·19 + 6·26 + 0 + 0 + 0 + 0 + 0 + 1·13 = 304 = 9·31 + 25; 31 − 25 = 6.
        ("WH", 2026, 1, "WH-2026-000001-6"),
        // X 29 + N 22·3 + 18 + 0 + 38 + 7·26 + 1·16 + 2·17 + 3·20 + 4·29 + 5·25 + 6·13 = 762 = 24·31 + 18; 13: D.
        ("XN", 2027, 123_456, "XN-2027-123456-D"),
        // E 14 + Z (90 mod 31 = 28)·3 + 18 + 0 + 38 + 5·26 + 9·(16 + 17 + 20 + 29 + 25 + 13) = 1364 = 44·31: 0.
        ("EZ", 2025, 999_999, "EZ-2025-999999-0"),
        // A seven-digit serial: H 17 + G 16·3 + 18 + 0 + 38 + 6·26 + 1·16 + 0·(17 + 20 + 29 + 25 + 13 + 8)
        // = 293 = 9·31 + 14; 31 − 14 = 17: H.
        ("HG", 2026, 1_000_000, "HG-2026-1000000-H"),
    ]

    @Test func numbersMatchAnswersWorkedOutByHand() {
        for (city, year, serial, number) in Self.knownAnswers {
            #expect(VoucherNumber.make(city: city, year: year, serial: serial) == number)
            #expect(VoucherNumber.isValid(number), "\(number)")
        }
    }

    /// 31 is prime and no weight is a multiple of it, so changing one digit of the year or the
    /// serial, or the check character, always changes the check.
    @Test func everySingleDigitOrCheckCharacterChangeIsRefused() {
        for (_, _, _, number) in Self.knownAnswers {
            let valid = Array(number)
            var tried = 0, refused = 0
            for position in valid.indices.dropFirst(3) where valid[position] != "-" {
                let isCheck = position == valid.count - 1
                for replacement in isCheck ? Self.alphabet : Array("0123456789") where replacement != valid[position] {
                    var mutated = valid
                    mutated[position] = replacement
                    tried += 1
                    if VoucherNumber.isValid(String(mutated)) {
                        Issue.record("\(String(mutated)) accepted")
                    } else {
                        refused += 1
                    }
                }
            }
            let digits = valid.count - 3 - 3  // the city and its hyphen, two more hyphens, the check
            #expect(tried == digits * 9 + 30 && refused == tried, "\(number)")
        }
    }

    /// A change of city letter to another of the alphabet is caught as well, except where the
    /// letter outside the alphabet takes the same value as one inside it.
    @Test func aChangedCityLetterIsRefused() {
        var accepted: [String] = []
        for (_, _, _, number) in Self.knownAnswers {
            for position in 0..<2 {
                for replacement in Self.alphabet where replacement.isLetter && replacement != Array(number)[position] {
                    var mutated = Array(number)
                    mutated[position] = replacement
                    if VoucherNumber.isValid(String(mutated)) { accepted.append(String(mutated)) }
                }
            }
        }
        // S (83 mod 31) and M are both 21, Z (90 mod 31) and W both 28: HS- and EZ- numbers
        // have a twin one letter away with the same check character.
        withKnownIssue("the city letters S and Z are outside the check alphabet and collide with M and W") {
            #expect(accepted.isEmpty, "\(accepted)")
        }
        #expect(Set(accepted) == ["HM-2026-000123-Q", "EW-2025-999999-0"])
    }

    @Test(arguments: [
        "HS-2026-000123", "HS-2026-00123-Q", "HS-26-000123-Q", "HSX-2026-000123-Q", "HS-2026-000123-QQ",
        "HS2026-000123-Q", "HS-2026-00012A-Q", "HS-2026-000123-q", "", "HS-２０２６-000123-Q",
    ])
    func malformedNumbersAreRefused(_ number: String) {
        #expect(!VoucherNumber.isValid(number))
    }
}
