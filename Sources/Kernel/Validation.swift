import Foundation

/// Field checks shared by every module, each failing with a precise `DomainError`.
///
/// Text is single-line unless a call site says `multiline: true` (descriptions, abstracts,
/// reasons, comments): names, titles, contact details and references refuse every control
/// character, so a name cannot add lines or cells to a report (issue 14).
public enum Validate {
    /// Trims surrounding white space, then checks 1...max characters and, unless `multiline`,
    /// that it is one line.
    public static func text(
        _ value: String, field: String, max: Int, min: Int = 1, multiline: Bool = false
    ) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count < min {
            throw DomainError.invalid(
                min <= 1 ? "required" : "too_short", field: field,
                zh: min <= 1 ? "\(field) 不能为空" : "\(field) 至少需要 \(min) 个字符",
                en: min <= 1 ? "\(field) must not be empty" : "\(field) must have at least \(min) characters"
            )
        }
        try length(trimmed, field: field, max: max)
        try characters(trimmed, field: field, multiline: multiline)
        return trimmed
    }

    public static func optionalText(
        _ value: String?, field: String, max: Int, multiline: Bool = false
    ) throws -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        try length(trimmed, field: field, max: max)
        try characters(trimmed, field: field, multiline: multiline)
        return trimmed
    }

    /// Counts Unicode scalars, as SQLite's `length()` in the tables' CHECKs does: a few letters
    /// under many combining marks are short to the eye but long to the database.
    public static func length(_ value: String, field: String, max: Int) throws {
        if value.unicodeScalars.count > max {
            throw DomainError.invalid(
                "too_long", field: field,
                zh: "\(field) 不能超过 \(max) 个字符", en: "\(field) must be at most \(max) characters"
            )
        }
    }

    /// Refuses control characters: every C0 control, DEL, the C1 controls and the Unicode line
    /// and paragraph separators in single-line text; in multi-line text tab, LF and CR (and the
    /// two separators) are allowed, the other controls are not.
    public static func characters(_ value: String, field: String, multiline: Bool) throws {
        let refused = value.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x2028, 0x2029: !multiline
            case 0x00...0x1F, 0x7F...0x9F: true
            default: false
            }
        }
        if refused {
            throw DomainError.invalid(
                "control_characters", field: field,
                zh: multiline ? "\(field) 不能包含控制字符" : "\(field) 须为单行文字，不能包含换行或控制字符",
                en: multiline
                    ? "\(field) must not contain control characters"
                    : "\(field) must be one line without control characters"
            )
        }
    }
}
