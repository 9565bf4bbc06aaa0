import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Kernel
import NIOCore
import Platform

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
        case let error as DatabaseError:
            return database(error)
        default:
            return nil
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

    static func database(_ error: DatabaseError) -> DomainError? {
        switch error.resultCode {
        case .SQLITE_CONSTRAINT:
            return DomainError(
                .conflict, code: "constraint_violation",
                zh: "与现有数据冲突", en: "The change conflicts with existing data"
            )
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_IOERR:
            return DomainError(
                .unavailable, code: "database_unavailable",
                zh: "数据库暂时不可用，请稍后重试", en: "The database is unavailable; try again shortly"
            )
        default:
            return nil
        }
    }
}
