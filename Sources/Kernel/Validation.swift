import Foundation

/// Field checks shared by every module, each failing with a precise `DomainError`.
public enum Validate {
    /// Trims surrounding white space, then checks 1...max characters.
    public static func text(_ value: String, field: String, max: Int, min: Int = 1) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count < min {
            throw DomainError.invalid(
                min <= 1 ? "required" : "too_short", field: field,
                zh: min <= 1 ? "\(field) 不能为空" : "\(field) 至少需要 \(min) 个字符",
                en: min <= 1 ? "\(field) must not be empty" : "\(field) must have at least \(min) characters"
            )
        }
        try length(trimmed, field: field, max: max)
        return trimmed
    }

    public static func optionalText(_ value: String?, field: String, max: Int) throws -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        try length(trimmed, field: field, max: max)
        return trimmed
    }

    public static func length(_ value: String, field: String, max: Int) throws {
        if value.count > max {
            throw DomainError.invalid(
                "too_long", field: field,
                zh: "\(field) 不能超过 \(max) 个字符", en: "\(field) must be at most \(max) characters"
            )
        }
    }
}
