import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import NIOCore
import Platform
import Store

/// An RFC 9457 problem document, with a stable `code`, the offending `field` and the message
/// in Chinese and English.
struct Problem: Encodable {
    var type: String
    var title: String
    var status: Int
    var code: String
    var field: String?
    var detail: String
    var messageZh: String
    var messageEn: String
    var requestId: String
    var details: [String: JSONValue]?

    init(_ error: DomainError, requestID: String) {
        let status = error.kind.status
        type = "urn:corridor:problem:\(error.code)"
        title = status.reasonPhrase
        self.status = status.code
        code = error.code
        field = error.field
        detail = error.messageEn
        messageZh = error.messageZh
        messageEn = error.messageEn
        self.requestId = requestID
        details = error.details.isEmpty ? nil : error.details
    }

    func response(headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "application/problem+json"
        if status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        if status == 429, case .int(let seconds)? = details?["retryAfterSeconds"] {
            headers[.retryAfter] = String(seconds)
        }
        var body = ByteBuffer(bytes: (try? JSON.encoder.encode(self)) ?? Data("{}".utf8))
        body.writeStaticString("\n")
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: body))
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
