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
            throw DomainError.invalid("required", field: field, zh: "至少选择一个领域", en: "Choose at least one field")
        }
        guard fields.count <= Field.allCases.count else {
            throw DomainError.invalid("too_many", field: field, zh: "领域过多", en: "Too many fields")
        }
        var seen: [Field] = []
        for item in fields where !seen.contains(item) { seen.append(item) }
        return seen
    }

    static func keywords(_ keywords: [String], field: String = "keywords") throws -> [String] {
        guard keywords.count <= keywordsMax else {
            throw DomainError.invalid(
                "too_many_keywords", field: field,
                zh: "关键词最多 \(keywordsMax) 个", en: "At most \(keywordsMax) keywords"
            )
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
            throw DomainError.invalid("required", field: field, zh: "\(field) 不能为空", en: "\(field) must not be empty")
        }
        guard names.count <= namesMax else {
            throw DomainError.invalid(
                "too_many", field: field, zh: "\(field) 最多 \(namesMax) 项", en: "At most \(namesMax) entries in \(field)"
            )
        }
        return try names.enumerated().map { try Validate.text($1, field: "\(field)[\($0)]", max: nameMax) }
    }

    static func trl(_ value: Int?, field: String = "trl", required: Bool) throws -> Int? {
        guard let value else {
            if required {
                throw DomainError.invalid("required", field: field, zh: "请给出技术成熟度（1–9）", en: "trl (1–9) is required")
            }
            return nil
        }
        guard (1...9).contains(value) else {
            throw DomainError.invalid(
                "trl_out_of_range", field: field, zh: "技术成熟度须在 1 到 9 之间", en: "trl must be between 1 and 9"
            )
        }
        return value
    }

    static func future(_ date: Date, field: String, now: Date, maxYears: Int = 5) throws -> Date {
        guard date > now else {
            throw DomainError.invalid(
                "deadline_in_past", field: field, zh: "截止日期必须在将来", en: "The deadline must be in the future")
        }
        guard date < now.addingTimeInterval(Double(maxYears) * 366 * 86_400) else {
            throw DomainError.invalid(
                "deadline_too_far", field: field, zh: "截止日期不能超过 \(maxYears) 年",
                en: "The deadline must be within \(maxYears) years"
            )
        }
        return date
    }

    /// The bit set of fields, for filtering in SQL.
    static func mask(_ fields: [Field]) -> Int64 {
        fields.reduce(0) { $0 | (1 << Int64(Field.allCases.firstIndex(of: $1) ?? 0)) }
    }

    static func bit(_ field: Field) -> Int64 { 1 << Int64(Field.allCases.firstIndex(of: field) ?? 0) }
}
