import Hummingbird
import Kernel
import Platform

/// Typed query parameters with precise 422s.
struct Query {
    let parameters: Parameters

    init(_ request: Request) {
        parameters = request.uri.queryParameters
    }

    func string(_ name: String, max: Int = 200) throws -> String? {
        guard let value = parameters.get(name) else { return nil }
        try Validate.length(value, field: name, max: max)
        return value
    }

    func int(_ name: String) throws -> Int? {
        guard let text = parameters.get(name) else { return nil }
        guard let value = Int(text) else {
            throw DomainError.invalid("wrong_type", field: name, zh: "\(name) 必须是整数", en: "\(name) must be an integer")
        }
        return value
    }

    func int64(_ name: String) throws -> Int64? {
        try int(name).map(Int64.init)
    }

    func choice<T: RawRepresentable & CaseIterable>(_ name: String, as type: T.Type) throws -> T?
    where T.RawValue == String {
        guard let text = parameters.get(name) else { return nil }
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError.invalid(
                "invalid_value", field: name, zh: "\(name) 只能是 \(allowed)", en: "\(name) must be one of \(allowed)"
            )
        }
        return value
    }

    func page() throws -> PageRequest {
        try PageRequest(limit: int("limit"), cursor: string("cursor", max: 64))
    }
}

extension AppRequestContext {
    /// A numeric path id; anything else is a resource that does not exist.
    func id(_ name: String = "id", resource: String, zh: String) throws -> Int64 {
        guard let id = parameters.get(name, as: Int64.self), id > 0 else {
            throw DomainError.notFound(resource, zh: zh)
        }
        return id
    }
}
