import Foundation

/// A precise, user-facing failure: a stable machine code, the offending field, and the message
/// in Chinese and English. The HTTP layer maps `kind` to a status; domain code never sees HTTP.
public struct DomainError: Error, Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case malformed  // the request could not be parsed at all
        case unauthenticated  // no or bad credentials
        case forbidden  // authenticated, not allowed
        case notFound
        case methodNotAllowed
        case conflict  // clashes with existing state
        case payloadTooLarge
        case unsupportedMediaType
        case invalid  // well-formed but a value breaks a rule
        case tooManyRequests
        case unavailable
    }

    public var kind: Kind
    public var code: String
    public var field: String?
    public var messageZh: String
    public var messageEn: String
    /// Extra machine-readable facts (for example the current state and allowed events).
    public var details: [String: JSONValue]

    public init(
        _ kind: Kind,
        code: String,
        field: String? = nil,
        zh: String,
        en: String,
        details: [String: JSONValue] = [:]
    ) {
        self.kind = kind
        self.code = code
        self.field = field
        self.messageZh = zh
        self.messageEn = en
        self.details = details
    }
}

extension DomainError {
    public static func invalid(_ code: String, field: String, zh: String, en: String) -> DomainError {
        DomainError(.invalid, code: code, field: field, zh: zh, en: en)
    }

    public static func notFound(_ what: String, zh: String) -> DomainError {
        DomainError(
            .notFound, code: "\(what)_not_found", zh: "\(zh)不存在",
            en: "The \(what.replacingOccurrences(of: "_", with: " ")) does not exist")
    }

    public static var forbidden: DomainError {
        DomainError(.forbidden, code: "forbidden", zh: "无权执行此操作", en: "You are not allowed to do this")
    }

    public static var unauthenticated: DomainError {
        DomainError(
            .unauthenticated, code: "unauthenticated",
            zh: "缺少或无效的访问令牌", en: "A valid bearer token is required"
        )
    }
}

extension DomainError: CustomStringConvertible {
    public var description: String {
        "\(code)\(field.map { " (\($0))" } ?? ""): \(messageEn) / \(messageZh)"
    }
}
