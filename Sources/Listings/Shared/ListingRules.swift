import Foundation
import Kernel

/// Checks shared by every kind of listing. "Put a limit on everything."
enum ListingRules {
    static let titleMax = 200
    static let summaryMax = 5_000
    static let keywordMax = 30
    static let keywordsMax = 12
    static let namesMax = 30
    static let nameMax = 100

    static func fields(_ fields: [Field], field: String = "fields") throws -> [Field] {
        guard !fields.isEmpty else {
            throw ListingsError.fieldsRequired(field: field)
        }
        guard fields.count <= Field.allCases.count else {
            throw ListingsError.tooManyFields(field: field)
        }
        var seen: [Field] = []
        for item in fields where !seen.contains(item) { seen.append(item) }
        return seen
    }

    static func keywords(_ keywords: [String], field: String = "keywords") throws -> [String] {
        guard keywords.count <= keywordsMax else {
            throw ListingsError.tooManyKeywords(field: field, max: keywordsMax)
        }
        var result: [String] = []
        for (index, keyword) in keywords.enumerated() {
            let trimmed = try Validate.text(keyword, field: "\(field)[\(index)]", max: keywordMax)
            if !result.contains(trimmed) { result.append(trimmed) }
        }
        return result
    }

    static func names(_ names: [String], field: String, required: Bool) throws -> [String] {
        if required && names.isEmpty {
            throw ListingsError.namesRequired(field: field)
        }
        guard names.count <= namesMax else {
            throw ListingsError.tooManyNames(field: field, max: namesMax)
        }
        return try names.enumerated().map { try Validate.text($1, field: "\(field)[\($0)]", max: nameMax) }
    }

    static func trl(_ value: Int?, field: String = "trl", required: Bool) throws -> Int? {
        guard let value else {
            if required {
                throw ListingsError.trlRequired(field: field)
            }
            return nil
        }
        guard (1...9).contains(value) else {
            throw ListingsError.trlOutOfRange(field: field)
        }
        return value
    }

    static func future(_ date: Date, field: String, now: Date, maxYears: Int = 5) throws -> Date {
        guard date > now else {
            throw ListingsError.dateInPast(field: field)
        }
        guard date < now.addingTimeInterval(Double(maxYears) * 366 * 86_400) else {
            throw ListingsError.dateTooFar(field: field, years: maxYears)
        }
        return date
    }

    /// The bit set of fields, for filtering in SQL.
    static func mask(_ fields: [Field]) -> Int64 {
        fields.reduce(0) { $0 | (1 << Int64(Field.allCases.firstIndex(of: $1) ?? 0)) }
    }

    static func bit(_ field: Field) -> Int64 { 1 << Int64(Field.allCases.firstIndex(of: field) ?? 0) }
}
