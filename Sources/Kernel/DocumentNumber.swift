import Foundation

/// Contract and invoice numbers as the rules compare them: full-width folded to half-width,
/// upper case, with spaces and separators (- _ / . ·) removed, so that `WH-2026-118`,
/// `wh 2026 118` and `ＷＨ－２０２６－１１８` are one number.
public enum DocumentNumber {
    public static func key(_ text: String) -> String {
        let separators = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "-_/.·—–"))
        let kept = text.precomposedStringWithCompatibilityMapping.uppercased().unicodeScalars.filter {
            !separators.contains($0)
        }
        return String(String.UnicodeScalarView(kept))
    }

    /// Refuses control characters in a single-line reference a person typed.
    public static func checked(_ text: String, field: String, max: Int) throws -> String {
        let value = try Validate.text(text, field: field, max: max)
        if value.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            throw DomainError.invalid(
                "control_characters", field: field, zh: "\(field) 含控制字符", en: "\(field) contains control characters")
        }
        guard !key(value).isEmpty else {
            throw DomainError.invalid("required", field: field, zh: "\(field) 不能为空", en: "\(field) must not be empty")
        }
        return value
    }
}
