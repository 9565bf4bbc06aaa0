import Kernel
import OpenAPIRuntime

// Kernel's JSONValue into the runtime's free-form containers, which the generated types use for
// members the document leaves open (`type: object`, or no type): the same JSON, nothing lost
// (JSONValue holds no number but an integer).

extension JSONValue {
    var openAPIValue: (any Sendable)? {
        switch self {
        case .null: nil
        case .bool(let value): value
        case .int(let value): Int(value)
        case .string(let value): value
        case .array(let values): values.map(\.openAPIValue)
        case .object(let members): members.mapValues(\.openAPIValue)
        }
    }
}

extension OpenAPIObjectContainer {
    /// Refuses anything but an object (what the document promises).
    init(_ domain: JSONValue) throws {
        guard case .object(let members) = domain else {
            throw EncodingError.invalidValue(
                domain, .init(codingPath: [], debugDescription: "a JSON object was expected"))
        }
        try self.init(unvalidatedValue: members.mapValues(\.openAPIValue))
    }
}

extension OpenAPIValueContainer {
    init(_ domain: JSONValue) throws {
        try self.init(unvalidatedValue: domain.openAPIValue)
    }
}
