import CorridorCrypto
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Kernel
import NIOCore
import Platform

/// Reading a JSON request body: media type, size limit, syntax, a JSON object, then its wire
/// type generated from the contract (members, types, undocumented keys) — each failure with its
/// own status and code.
struct RequestBody {
    let limit: Int

    /// The raw body, refused with 415 unless JSON and 413 past the limit.
    func collect(_ request: Request) async throws -> ByteBuffer {
        let mediaType = request.headers[.contentType]?
            .split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard let mediaType, mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            throw DomainError(
                .unsupportedMediaType, code: "unsupported_media_type", field: "Content-Type",
                zh: "请求体必须是 application/json", en: "The body must be application/json"
            )
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw HTTPError(.contentTooLarge)
        }
        return try await request.body.collect(upTo: limit)
    }

    /// Decodes a body into its wire type, generated from the contract: JSON syntax, a JSON
    /// object, then the type, which refuses undocumented keys (`additionalProperties: false`).
    func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        let data = Data(buffer.readableBytesView)
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
            throw DomainError(
                .malformed, code: "malformed_json", zh: "请求体不是有效的 JSON", en: "The body is not valid JSON")
        }
        guard data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") else {
            throw DomainError(
                .invalid, code: "body_not_object", zh: "请求体必须是 JSON 对象", en: "The body must be a JSON object")
        }
        return try JSON.decoder.decode(T.self, from: data)
    }

    /// For a PATCH: the wire value and the top-level members the body set to `null`, which
    /// clear a value (the generated types cannot tell `null` from a member left out).
    func decodePatch<T: Decodable>(_ type: T.Type, from request: Request) async throws -> (T, nulls: Set<String>) {
        let buffer = try await collect(request)
        let value = try decode(type, from: buffer)
        let members = try? JSON.decoder.decode([String: JSONValue].self, from: Data(buffer.readableBytesView))
        return (value, Set(members?.filter { $0.value == .null }.keys ?? [:].keys))
    }

    func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        try decode(type, from: try await collect(request))
    }

    /// For a write: the signed-in actor, carrying the request's `Idempotency-Key` claim, and the
    /// body decoded into its generated wire type.
    func decodeWrite<T: Decodable>(
        _ type: T.Type, from request: Request, context: AppRequestContext
    ) async throws -> (T, Actor) {
        let principal = try context.requirePrincipal()
        let buffer = try await collect(request)
        let input = try decode(type, from: buffer)
        let claim = try IdempotencyHeader.claim(request, body: buffer)
        return (input, try principal.actor(requestID: context.requestID, idempotency: claim).acting(context.actingFor))
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}

enum IdempotencyHeader {
    /// The claim for this request, nil without the header; 422 for a key that is not sane.
    static func claim(_ request: Request, body: ByteBuffer?) throws -> IdempotencyClaim? {
        guard let key = request.headers[.idempotencyKey] else { return nil }
        let sane = (1...255).contains(key.utf8.count) && key.utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }
        guard sane else {
            throw DomainError.invalid(
                "invalid_idempotency_key", field: "Idempotency-Key",
                zh: "Idempotency-Key 须为 1–255 个可见 ASCII 字符",
                en: "Idempotency-Key must be 1–255 visible ASCII characters"
            )
        }
        var material = Array("\(request.method.rawValue) \(request.uri.path)\n".utf8)
        if let body { material += body.readableBytesView }
        return IdempotencyClaim(key: key, requestHash: Digest.sha256(material).hexString)
    }
}
