/// Turning a Codable decoding failure into a precise error naming the field.
extension DomainError {
    /// How swift-openapi-runtime begins the description of an undocumented key in a body.
    static let undocumentedKeyMarker = "Additional properties are disabled"

    public init(decoding error: DecodingError) {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacing(".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            self = .invalid("required", field: field, zh: "缺少字段 \(field)", en: "\(field) is required")
        case .valueNotFound(_, let context):
            let field = path(context.codingPath)
            self = .invalid("required", field: field, zh: "\(field) 不能为 null", en: "\(field) must not be null")
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            let name = String(describing: type)
            let expected =
                name.contains("Int")
                ? "an integer"
                : name.contains("Bool")
                    ? "true or false"
                    : name.contains("String") ? "a string" : "another type"
            self = .invalid("wrong_type", field: field, zh: "\(field) 的类型不正确", en: "\(field) must be \(expected)")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            if !field.isEmpty, context.debugDescription.hasPrefix(Self.undocumentedKeyMarker) {
                // A wire type generated with `additionalProperties: false` met a key it does not know.
                self = .invalid(
                    "unknown_field", field: field, zh: "未知字段 \(field)", en: "\(field) is not a known field")
            } else if field.isEmpty {
                self = DomainError(
                    .malformed, code: "malformed_json", zh: "请求体不是有效的 JSON", en: "The body is not valid JSON")
            } else {
                self = .invalid(
                    "invalid_value", field: field, zh: "\(field) 的取值无效", en: "\(field) has a value that is not allowed")
            }
        @unknown default:
            self = DomainError(
                .malformed, code: "malformed_json", zh: "请求体不是有效的 JSON", en: "The body is not valid JSON")
        }
    }
}
