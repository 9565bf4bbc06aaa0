import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import NIOCore

/// The API's JSON: camelCase (from the types), ISO 8601 times with zone, sorted keys. Answers are
/// written by `WireEncoder` (the same bytes as `encoder`, faster); `encoder` stays for the rest.
enum JSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an ISO 8601 time with zone"
                )
            }
            return date
        }
        return decoder
    }()

    static func response(
        _ value: some WireBody, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]
    ) throws -> Response {
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        var bytes = try WireEncoder.encode(value)
        bytes.append(UInt8(ascii: "\n"))  // so that a terminal shows each answer on its own line
        let buffer = ByteBuffer(bytes: bytes)
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }
}

/// What an answer's body may be: a type generated from the document (each schema is marked in
/// `Contract/Generated/WireBody.swift`), or a page of one (`PageBody`). A domain value cannot be
/// answered by mistake: it has to be mapped to its documented type first.
protocol WireBody: Encodable {}
