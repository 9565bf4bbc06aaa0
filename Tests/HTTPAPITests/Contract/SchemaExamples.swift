import Foundation

/// Builds an example value for a JSON Schema of the contract: every member present, each
/// value the first the schema allows (an enum's first case, a string of its minimum length, an
/// integer at its minimum), references resolved. Deterministic, so a failure names the same
/// example every time.
struct SchemaExamples {
    let schemas: [String: Any]
    /// How the API writes a time (the examples must survive decoding and encoding unchanged).
    let time: String

    func example(_ schema: [String: Any], depth: Int = 0) -> Any {
        if let reference = schema["$ref"] as? String, let name = reference.split(separator: "/").last,
            let target = schemas[String(name)] as? [String: Any]
        {
            return example(target, depth: depth + 1)
        }
        if let values = schema["enum"] as? [Any], let first = values.first(where: { !($0 is NSNull) }) {
            return first
        }
        let types = (schema["type"] as? [String]) ?? [(schema["type"] as? String) ?? "object"]
        switch types.first(where: { $0 != "null" }) ?? "null" {
        case "string":
            if schema["format"] as? String == "date-time" { return time }
            let length = max(1, (schema["minLength"] as? Int) ?? 1)
            return String(repeating: "a", count: min(length, (schema["maxLength"] as? Int) ?? length))
        case "integer":
            return (schema["minimum"] as? Int) ?? 1
        case "number":
            return (schema["minimum"] as? Double) ?? 1.0
        case "boolean":
            return true
        case "array":
            guard depth < 12, let items = schema["items"] as? [String: Any] else { return [Any]() }
            let count = max(1, (schema["minItems"] as? Int) ?? 1)
            return Array(repeating: example(items, depth: depth + 1), count: count)
        case "object":
            var object: [String: Any] = [:]
            guard depth < 12 else { return object }
            for (name, member) in (schema["properties"] as? [String: [String: Any]]) ?? [:] {
                object[name] = example(member, depth: depth + 1)
            }
            if let values = schema["additionalProperties"] as? [String: Any], object.isEmpty {
                object["key"] = example(values, depth: depth + 1)
            }
            return object
        default:
            return NSNull()
        }
    }
}
