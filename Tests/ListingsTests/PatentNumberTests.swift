import Foundation
import Kernel
@testable import Listings
import Testing

struct PatentNumberTests {
    static let currentYear = 2027

    @Test(arguments: [
        "201710601862.3", "ZL201710601862.3", "2017106018623", "zl201710601862.3", " ZL 2017 1060 1862.3 ",
    ])
    func theWrittenFormsOfOneNumberNormaliseAlike(_ raw: String) throws {
        let number = try PatentNumber(raw, currentYear: Self.currentYear)
        #expect(number.value == "201710601862.3")
        #expect(number.year == 2017)
        #expect(number.kind == .invention)
    }

    /// Numbers whose check character was worked out by hand from the rule (digits × 2,3,4,5,6,7,
    /// 8,9,2,3,4,5 — or 2…9 for the old 8-digit form — summed, mod 11, 10 written X), not by code.
    static let knownAnswers: [(body: String, check: Character)] = [
        // A real invention patent: 2·2 + 0·3 + 1·4 + 7·5 + 1·6 + 0·7 + 6·8 + 0·9 + 1·2 + 8·3 + 6·4 + 2·5 = 157 = 14·11 + 3.
        ("201710601862", "3"),
        // 4 + 0 + 8 + 0 + 12 + 0 + 8 + 18 + 6 + 12 + 20 + 30 = 118 = 10·11 + 8 (a utility model).
        ("202020123456", "8"),
        // 4 + 0 + 4 + 45 + 18 + 0 + 40 + 9 + 4 + 9 + 16 + 25 = 174 = 15·11 + 9 (a design).
        ("201930512345", "9"),
        // 4 + 0 + 4 + 40 + 6 = 54 = 4·11 + 10: X.
        ("201810000000", "X"),
        // 4 + 0 + 8 + 15 + 6 = 33 = 3·11 + 0.
        ("202310000000", "0"),
        // The old form: 9·2 + 3·3 + 1·4 + 1·5 + 2·6 + 3·7 + 4·8 + 5·9 = 146 = 13·11 + 3.
        ("93112345", "3"),
        // 0 + 6 + 8 + 5 + 12 + 21 + 32 + 45 = 129 = 11·11 + 8.
        ("02212345", "8"),
    ]

    @Test func theCheckCharacterMatchesAnswersWorkedOutByHand() throws {
        for (body, check) in Self.knownAnswers {
            #expect(PatentNumber.checkCharacter(body.compactMap(\.wholeNumberValue)) == check, "\(body)")
            #expect(try PatentNumber("\(body).\(check)", currentYear: Self.currentYear).value == "\(body).\(check)")
        }
    }

    /// Every weight is 2…9 and 11 is prime, so changing any one digit or the check character
    /// changes the remainder: each such number is refused (by the check, or by the year or type
    /// digit when the change lands there first).
    @Test func everySingleCharacterChangeIsRefused() {
        let characters = Array("0123456789X")
        for (body, check) in Self.knownAnswers {
            let valid = Array(body) + [check]
            var refused = 0, tried = 0
            for position in valid.indices {
                for replacement in characters where replacement != valid[position] {
                    // X is only ever a check character.
                    if replacement == "X" && position < valid.count - 1 { continue }
                    var mutated = valid
                    mutated[position] = replacement
                    let number = String(mutated.dropLast()) + "." + String(mutated.last!)
                    tried += 1
                    let error = domainErrorSync { try PatentNumber(number, currentYear: Self.currentYear) }
                    let year = body.count == 12 ? 0..<4 : 0..<2
                    let type = body.count == 12 ? 4 : 2
                    let allowed: Set<String> =
                        year.contains(position)
                        ? ["patent_check_digit", "patent_year"]
                        : position == type ? ["patent_check_digit", "patent_type_digit"] : ["patent_check_digit"]
                    // An accepted number is recorded by domainErrorSync; a refusal for another reason here.
                    guard let code = error?.code else { continue }
                    if allowed.contains(code) { refused += 1 } else { Issue.record("\(number) refused as \(code)") }
                }
            }
            #expect(tried == body.count * 9 + 10 && refused == tried, "\(body)")
        }
    }

    @Test(arguments: [
        (1, PatentNumber.Kind.invention), (2, .utilityModel), (3, .design), (8, .pctInvention), (9, .pctUtilityModel),
    ])
    func theTypeDigitGivesTheKind(_ digit: Int, _ kind: PatentNumber.Kind) throws {
        let raw = patentNumber(year: 2020, type: digit, serial: 1_234_567)
        let number = try PatentNumber(raw, currentYear: Self.currentYear)
        #expect(number.kind == kind)
        #expect(number.value == raw)
    }

    @Test func aRemainderOfTenIsWrittenXInEitherCase() throws {
        // 201810000000 leaves 10 (worked out above).
        let body = "201810000000"
        #expect(try PatentNumber(body + ".X", currentYear: Self.currentYear).value == body + ".X")
        #expect(try PatentNumber(body + "x", currentYear: Self.currentYear).value == body + ".X")
        let wrong = domainErrorSync { try PatentNumber(body + ".0", currentYear: Self.currentYear) }
        #expect(wrong?.code == "patent_check_digit")
    }

    @Test(arguments: ["201710601862.4", "201710601862.X", "ZL201710601862.0"])
    func aWrongCheckDigitIsRefusedNamingTheField(_ raw: String) {
        let error = domainErrorSync { try PatentNumber(raw, currentYear: Self.currentYear) }
        #expect(error?.code == "patent_check_digit")
        #expect(error?.field == "number")
        #expect(error?.kind == .invalid)
    }

    @Test func theFieldNameIsTheCallers() {
        let error = domainErrorSync {
            try PatentNumber("201710601862.4", field: "rows[3].number", currentYear: Self.currentYear)
        }
        #expect(error?.field == "rows[3].number")
    }

    @Test(arguments: [0, 4, 5, 6, 7])
    func anUnknownTypeDigitIsRefused(_ digit: Int) {
        // The check digit is right, so only the type digit can be at fault.
        let raw = patentNumber(year: 2017, type: digit, serial: 601_862)
        let error = domainErrorSync { try PatentNumber(raw, currentYear: Self.currentYear) }
        #expect(error?.code == "patent_type_digit")
        #expect(error?.field == "number")
    }

    @Test(arguments: [2099, 2028, 1975, 1990, 2002])
    func anImpossibleYearIsRefused(_ year: Int) {
        // The 12-digit form exists since 2003 and cannot be from the future (2027 here).
        let raw = patentNumber(year: year, type: 1, serial: 601_862)
        let error = domainErrorSync { try PatentNumber(raw, currentYear: Self.currentYear) }
        #expect(error?.code == "patent_year")
        #expect(error?.field == "number")
    }

    @Test func thisYearsNumbersAreFine() throws {
        let raw = patentNumber(year: 2027, type: 2, serial: 42)
        #expect(try PatentNumber(raw, currentYear: 2027).year == 2027)
        #expect(domainErrorSync { try PatentNumber(raw, currentYear: 2026) }?.code == "patent_year")
    }

    @Test func theOldEightDigitFormUsesWeightsTwoToNine() throws {
        // 1993, invention, serial 12345: 9·2 + 3·3 + 1·4 + 1·5 + 2·6 + 3·7 + 4·8 + 5·9 = 146 = 13·11 + 3.
        let body = "93112345"
        let check = checkCharacter(of: body)
        #expect(check == "3")
        let number = try PatentNumber("ZL\(body).\(check)", currentYear: Self.currentYear)
        #expect(number.value == "93112345.3")
        #expect(number.year == 1993)
        #expect(number.kind == .invention)
        #expect(try PatentNumber("\(body)\(check)", currentYear: Self.currentYear).value == "93112345.3")
        // 2-digit years from 85 are the 1900s; the old form ends in 2004.
        let utility = "02212345"
        #expect(
            try PatentNumber(utility + "." + String(checkCharacter(of: utility)), currentYear: Self.currentYear).year
                == 2002)
        let error = domainErrorSync { try PatentNumber("93112345.4", currentYear: Self.currentYear) }
        #expect(error?.code == "patent_check_digit")
        let late = "10112345"  // 2010 in the old form: impossible
        #expect(
            domainErrorSync {
                try PatentNumber(late + "." + String(checkCharacter(of: late)), currentYear: Self.currentYear)
            }?.code == "patent_year")
        let early = "84112345"  // 2084 by the rule, impossible either way
        #expect(
            domainErrorSync {
                try PatentNumber(early + "." + String(checkCharacter(of: early)), currentYear: Self.currentYear)
            }?.code == "patent_year")
    }

    @Test(arguments: ["20171060186.3", "2017106018623.3", "9311234.3", "", "ZL", "1234567890"])
    func aWrongLengthIsRefused(_ raw: String) {
        let error = domainErrorSync { try PatentNumber(raw, currentYear: Self.currentYear) }
        #expect(error?.code == "patent_number_length")
        #expect(error?.field == "number")
    }

    @Test(arguments: ["20171O601862.3", "2017-0601862.3", "２０１７１０６０１８６２.3"])
    func nonDigitsAreAFormatError(_ raw: String) {
        let error = domainErrorSync { try PatentNumber(raw, currentYear: Self.currentYear) }
        #expect(error?.code == "patent_number_format")
        #expect(error?.field == "number")
    }
}
