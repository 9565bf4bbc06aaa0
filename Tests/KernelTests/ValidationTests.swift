import Kernel
import Testing

struct ValidationTests {
    @Test func textIsTrimmedAndBounded() throws {
        #expect(try Validate.text("  光谷  ", field: "name", max: 5) == "光谷")
        #expect(
            throws: DomainError.invalid(
                "too_long", field: "name", zh: "name 不能超过 2 个字符", en: "name must be at most 2 characters")
        ) {
            try Validate.text("光谷大", field: "name", max: 2)
        }
        #expect(throws: DomainError.self) { try Validate.text("   ", field: "name", max: 5) }
    }

    /// Length is counted as the database counts it (Unicode scalars): five letters under 200
    /// combining marks are over a 200 limit, though they look like five characters.
    @Test func lengthCountsWhatTheDatabaseCounts() throws {
        let stacked = String(repeating: "e\u{0301}\u{0332}\u{0355}\u{0359}\u{031D}\u{0317}\u{0320}\u{032A}", count: 25)
        #expect(stacked.count == 25 && stacked.unicodeScalars.count == 225)
        #expect(
            throws: DomainError.invalid(
                "too_long", field: "nameEn", zh: "nameEn 不能超过 200 个字符", en: "nameEn must be at most 200 characters")
        ) {
            try Validate.text(stacked, field: "nameEn", max: 200)
        }
        #expect(try Validate.text(String(stacked.prefix(22)), field: "nameEn", max: 200).unicodeScalars.count == 198)
    }

    @Test func optionalTextTurnsBlankIntoNil() throws {
        #expect(try Validate.optionalText("  ", field: "x", max: 3) == nil)
        #expect(try Validate.optionalText(nil, field: "x", max: 3) == nil)
        #expect(throws: DomainError.self) { try Validate.optionalText("abcd", field: "x", max: 3) }
    }

    /// Issue 14: single-line text refuses every control character; multi-line text keeps its
    /// line breaks and tabs but no other control.
    @Test func singleLineTextRefusesControlCharacters() throws {
        for hostile in [
            "科技\r\n有限公司", "a\nb", "a\rb", "a\tb", "a\u{0}b", "a\u{1B}[31mb", "a\u{7F}b", "a\u{85}b", "a\u{2028}b",
            "a\u{2029}b",
        ] {
            do {
                _ = try Validate.text(hostile, field: "name", max: 50)
                Issue.record("accepted \(hostile.debugDescription)")
            } catch let error as DomainError {
                #expect(error.code == "control_characters" && error.field == "name" && error.kind == .invalid)
            }
            #expect(throws: DomainError.self) { try Validate.optionalText(hostile, field: "contact.name", max: 50) }
        }
        // Surrounding line breaks are trimmed, not refused; ordinary punctuation is fine.
        #expect(try Validate.text("\r\n=cmd|' /C calc'!A0 有限公司\n", field: "name", max: 50) == "=cmd|' /C calc'!A0 有限公司")
        #expect(
            try Validate.text("第一行\r\n第二行\t缩进\u{2028}", field: "description", max: 50, multiline: true)
                == "第一行\r\n第二行\t缩进")
        for hostile in ["a\u{0}b", "a\u{1B}b", "a\u{7F}b", "a\u{9B}b"] {
            #expect(throws: DomainError.self) {
                try Validate.text(hostile, field: "description", max: 50, multiline: true)
            }
        }
    }

    @Test func citiesCarryTheirDivisionCodes() {
        #expect(CityCode.allCases.map(\.divisionCode) == ["420100", "420700", "420200", "421100", "421200"])
        #expect(CityCode(rawValue: "HS")?.nameZh == "黄石")
    }
}
