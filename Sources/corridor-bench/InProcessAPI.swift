import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import Platform

/// The API's router (every route and middleware, as `corridor serve` builds it, without the
/// console's routes) called in process: a request as the HTTP server hands it to the router,
/// the response body written out as the server would write it. No sockets, TLS or NIO pipeline.
struct InProcessAPI {
    struct Answer {
        var status: HTTPResponse.Status
        var body: ByteBuffer

        /// The body as a JSON object (empty when it is not one).
        var object: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
        }

        var text: String { String(buffer: body) }
    }

    let responder: RouterResponder<AppRequestContext>
    let channel = NIOAsyncTestingChannel()
    let logger: Logger

    init(services: AppServices, configuration: ServerConfiguration) {
        responder = CorridorServer.buildRouter(services: services, configuration: configuration).0.buildResponder()
        var logger = Logger(label: "corridor-bench")
        logger.logLevel = .warning
        self.logger = logger
    }

    func call(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: String? = nil,
        idempotencyKey: String? = nil
    ) async throws -> Answer {
        var fields = HTTPFields()
        fields[.accept] = "application/json"
        if let token { fields[.authorization] = "Bearer \(token)" }
        var body = ByteBuffer()
        if let json {
            body = ByteBuffer(string: json)
            fields[.contentType] = "application/json"
            fields[.contentLength] = String(body.readableBytes)
        }
        if let idempotencyKey { fields[HTTPField.Name("Idempotency-Key")!] = idempotencyKey }
        let request = Request(
            head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: path, headerFields: fields),
            body: RequestBody(buffer: body)
        )
        let context = AppRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
        let response = try await responder.respond(to: request, context: context)
        let collector = BodyCollector()
        try await response.body.write(collector)
        return Answer(status: response.status, body: collector.buffer)
    }

    /// The call, which must answer `expect`; its JSON object.
    @discardableResult
    func expect(
        _ expect: HTTPResponse.Status, _ method: HTTPRequest.Method, _ path: String, token: String? = nil,
        json: String? = nil, idempotencyKey: String? = nil
    ) async throws -> [String: Any] {
        let answer = try await call(method, path, token: token, json: json, idempotencyKey: idempotencyKey)
        guard answer.status == expect else {
            throw BenchError("\(method) \(path) answered \(answer.status.code), not \(expect.code): \(answer.text)")
        }
        return answer.object
    }
}

/// Collects a response body as the server's writer would send it.
final class BodyCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ buffer: ByteBuffer) async throws {
        var copy = buffer
        self.buffer.writeBuffer(&copy)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
