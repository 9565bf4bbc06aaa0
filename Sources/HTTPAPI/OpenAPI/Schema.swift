import Kernel

/// A small vocabulary for JSON Schema (OpenAPI 3.1) built as `JSONValue`.
enum Schema {
    static func string(
        max: Int, min: Int = 0, pattern: String? = nil, format: String? = nil, description: String? = nil
    ) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string", "maxLength": .int(Int64(max))]
        if min > 0 { schema["minLength"] = .int(Int64(min)) }
        if let pattern { schema["pattern"] = .string(pattern) }
        if let format { schema["format"] = .string(format) }
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var members) = schema, case .string(let type) = members["type"] else {
            return ["anyOf": [schema, ["type": "null"]]]
        }
        members["type"] = [.string(type), "null"]
        if case .array(let values) = members["enum"] { members["enum"] = .array(values + [.null]) }
        return .object(members)
    }

    static func integer(min: Int64? = nil, max: Int64? = nil, description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "integer", "format": "int64"]
        if let min { schema["minimum"] = .int(min) }
        if let max { schema["maximum"] = .int(max) }
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    static let boolean: JSONValue = ["type": "boolean"]
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let anyJSON: JSONValue = [:]

    static func enumeration(_ values: [String], description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string", "enum": .array(values.map { .string($0) })]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    static func array(_ items: JSONValue, max: Int? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "array", "items": items]
        if let max { schema["maxItems"] = .int(Int64(max)) }
        return .object(schema)
    }

    static func object(
        _ properties: [String: JSONValue], required: [String] = [], additional: Bool = false
    ) -> JSONValue {
        [
            "type": "object",
            "properties": .object(properties),
            "required": .array(required.sorted().map { .string($0) }),
            "additionalProperties": .bool(additional),
        ]
    }

    static func ref(_ name: String) -> JSONValue {
        ["$ref": .string("#/components/schemas/\(name)")]
    }

    static func page(of item: String) -> JSONValue {
        object(
            ["items": array(ref(item)), "nextCursor": nullable(string(max: 64))], required: ["items", "nextCursor"])
    }

    static func items(of item: String) -> JSONValue {
        object(["items": array(ref(item))], required: ["items"])
    }
}
