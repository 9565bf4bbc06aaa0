import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import NIOCore
import OpenAPIRuntime
import Platform
import Store

/// An RFC 9457 problem document, with a stable `code`, the offending `field` and the message
/// in Chinese and English: the contract's `Problem`, and the headers that go with it.
struct Problem {
    var body: Components.Schemas.Problem
    /// For the `Retry-After` header of a 429.
    let retryAfterSeconds: Int64?

    init(_ error: DomainError, requestID: String) {
        let status = error.kind.status
        // A JSONValue holds nothing the runtime's container refuses, so the details are never lost.
        let details = error.details.isEmpty ? nil : try? OpenAPIObjectContainer(JSONValue.object(error.details))
        body = Components.Schemas.Problem(
            code: error.code, detail: error.messageEn, details: details, field: error.field,
            messageEn: error.messageEn, messageZh: error.messageZh, requestId: requestID, status: Int64(status.code),
            title: status.reasonPhrase, _type: "urn:corridor:problem:\(error.code)")
        if case .int(let seconds)? = error.details["retryAfterSeconds"] {
            retryAfterSeconds = seconds
        } else {
            retryAfterSeconds = nil
        }
    }

    var status: Int {
        get { Int(body.status) }
        set { body.status = Int64(newValue) }
    }

    var title: String {
        get { body.title }
        set { body.title = newValue }
    }

    func response(headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "application/problem+json"
        if status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        if status == 429, let seconds = retryAfterSeconds {
            headers[.retryAfter] = String(seconds)
        }
        var buffer = ByteBuffer(bytes: (try? WireEncoder.encode(body)) ?? Array("{}".utf8))
        buffer.writeStaticString("\n")
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: buffer))
    }
}

/// Translates every error a handler can throw into a precise `DomainError`.
enum ErrorTranslation {
    static func domainError(for error: any Error) -> DomainError? {
        switch error {
        case let error as DomainError:
            return error
        case let error as DecodingError:
            return decoding(error)
        case let error as HTTPError:
            return http(error)
        default:
            // Database failures, translated by Store (StoreErrors.swift): only Store knows GRDB.
            return StoreErrors.domainError(for: error)
        }
    }

    static func http(_ error: HTTPError) -> DomainError {
        switch error.status {
        case .contentTooLarge:
            return DomainError(
                .payloadTooLarge, code: "body_too_large",
                zh: "请求体超过大小上限", en: "The request body is larger than the limit"
            )
        case .notFound:
            return DomainError(.notFound, code: "route_not_found", zh: "没有这个地址", en: "No such route")
        case .badRequest:
            return DomainError(.malformed, code: "bad_request", zh: "请求格式错误", en: error.body ?? "Bad request")
        default:
            let kind: DomainError.Kind = error.status.code >= 500 ? .unavailable : .malformed
            return DomainError(kind, code: "http_\(error.status.code)", zh: "请求无法处理", en: error.status.reasonPhrase)
        }
    }

    static func decoding(_ error: DecodingError) -> DomainError {
        DomainError(decoding: error)
    }
}
