import Kernel
import Testing

struct ValidationTests {
    @Test func textIsTrimmedAndBounded() throws {
        #expect(try Validate.text("  光谷  ", field: "name", max: 5) == "光谷")
        #expect(throws: DomainError.invalid("too_long", field: "name", zh: "name 不能超过 2 个字符", en: "name must be at most 2 characters")) {
            try Validate.text("光谷大", field: "name", max: 2)
        }
        #expect(throws: DomainError.self) { try Validate.text("   ", field: "name", max: 5) }
    }

    @Test func optionalTextTurnsBlankIntoNil() throws {
        #expect(try Validate.optionalText("  ", field: "x", max: 3) == nil)
        #expect(try Validate.optionalText(nil, field: "x", max: 3) == nil)
        #expect(throws: DomainError.self) { try Validate.optionalText("abcd", field: "x", max: 3) }
    }

    @Test func citiesCarryTheirDivisionCodes() {
        #expect(CityCode.allCases.map(\.divisionCode) == ["420100", "420700", "420200", "421100", "421200"])
        #expect(CityCode(rawValue: "HS")?.nameZh == "黄石")
    }
}
