/// Voucher numbers people can read out and type: `HS-2026-000123-K` — the issuing city, the
/// budget year, a serial, and a check character over the rest (ISO 7064 MOD 31-style over the
/// alphabet of GB 32100 credit codes, which leaves out I, O, S, V and Z).
public enum VoucherNumber {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    public static func make(city: String, year: Int, serial: Int64) -> String {
        let body = "\(city)-\(year)-\(String(format6(serial)))"
        return "\(body)-\(check(body))"
    }

    /// True when the number is well-formed and its check character is right.
    public static func isValid(_ number: String) -> Bool {
        let parts = number.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].count == 2, parts[1].count == 4, parts[2].count >= 6, parts[3].count == 1,
            parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber), parts[2].allSatisfy(\.isASCII),
            parts[2].allSatisfy(\.isNumber)
        else { return false }
        let body = parts[0...2].joined(separator: "-")
        return String(check(body)) == parts[3]
    }

    /// Weighted sum of the characters' values (digits and letters by their place in the
    /// alphabet; hyphens skipped), position weights 1, 3, 9, … mod 31.
    static func check(_ body: String) -> Character {
        var sum = 0
        var weight = 1
        for character in body where character != "-" {
            let value = alphabet.firstIndex(of: character) ?? Int(character.asciiValue ?? 0) % 31
            sum = (sum + value * weight) % 31
            weight = (weight * 3) % 31
        }
        return alphabet[(31 - sum) % 31]
    }

    static func format6(_ serial: Int64) -> String {
        let digits = String(serial)
        return digits.count >= 6 ? digits : String(repeating: "0", count: 6 - digits.count) + digits
    }
}
