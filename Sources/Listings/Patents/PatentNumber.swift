import Foundation
import Kernel

/// A Chinese patent application (or patent) number: the 12-digit form since 2004
/// (4-digit year, type digit, 7-digit serial, check digit) or the older 8-digit form
/// (2-digit year, type digit, 5-digit serial, check digit). Written `201710601862.3`;
/// a granted patent is often written `ZL201710601862.3`. Both are accepted and normalised.
public struct PatentNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Digits and the check character, normalised: `201710601862.3`.
    public let value: String

    public enum Kind: String, Sendable, Codable {
        case invention
        case utilityModel = "utility_model"
        case design
        case pctInvention = "pct_invention"
        case pctUtilityModel = "pct_utility_model"
    }

    public var year: Int
    public var kind: Kind

    public var description: String { value }

    static let weights12 = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    static let weights8 = [2, 3, 4, 5, 6, 7, 8, 9]

    /// The check character for the digits before it: sum of digit × weight, mod 11; 10 is X.
    static func checkCharacter(_ digits: [Int]) -> Character {
        let weights = digits.count == 12 ? weights12 : weights8
        let remainder = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11
        return remainder == 10 ? "X" : Character(String(remainder))
    }

    /// Parses and validates, throwing a precise error naming `field`. `currentYear` bounds the year.
    public init(_ raw: String, field: String = "number", currentYear: Int) throws {
        var text = raw.trimmingCharacters(in: .whitespaces).uppercased()
            .replacingOccurrences(of: " ", with: "")
        if text.hasPrefix("ZL") { text.removeFirst(2) }
        if text.hasPrefix("CN") { text.removeFirst(2) }
        text = text.replacingOccurrences(of: ".", with: "")
        guard text.count == 13 || text.count == 9 else {
            throw ListingsError.patentNumberLength(field: field)
        }
        let body = Array(text.dropLast())
        guard body.allSatisfy(\.isASCII), body.allSatisfy(\.isNumber), let check = text.last else {
            throw ListingsError.patentNumberFormat(field: field)
        }
        let digits = body.compactMap { $0.wholeNumberValue }
        let typeDigit: Int
        if digits.count == 12 {
            year = digits[0..<4].reduce(0) { $0 * 10 + $1 }
            typeDigit = digits[4]
            guard (1985...currentYear).contains(year), year >= 2003 else {
                throw Self.impossibleYear(field: field, year: year)
            }
        } else {
            let twoDigit = digits[0] * 10 + digits[1]
            year = twoDigit >= 85 ? 1900 + twoDigit : 2000 + twoDigit
            typeDigit = digits[2]
            guard (1985...2004).contains(year) else { throw Self.impossibleYear(field: field, year: year) }
        }
        switch typeDigit {
        case 1: kind = .invention
        case 2: kind = .utilityModel
        case 3: kind = .design
        case 8: kind = .pctInvention
        case 9: kind = .pctUtilityModel
        default:
            throw ListingsError.patentTypeDigit(field: field, digit: typeDigit)
        }
        guard Self.checkCharacter(digits) == check else {
            throw ListingsError.patentCheckDigit(field: field)
        }
        value = String(body) + "." + String(check)
    }

    private static func impossibleYear(field: String, year: Int) -> DomainError {
        ListingsError.patentYear(field: field, year: year)
    }
}
