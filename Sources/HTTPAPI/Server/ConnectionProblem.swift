import CorridorCrypto
import Foundation
import HTTPTypes
import Kernel
import NIOCore
import NIOHTTPTypes

/// The answer a connection-level guard gives below the router (408, 431): a problem document
/// with the security headers, then the connection (or HTTP/2 stream) is closed.
enum ConnectionProblem {
    static func refuse(
        _ context: ChannelHandlerContext, status: HTTPResponse.Status, error: DomainError, tls: Bool, http2: Bool
    ) {
        var problem = Problem(error, requestID: Base64URL.encode(SecureRandom.bytes(12)))
        problem.status = status.code
        problem.title = status.reasonPhrase
        var body = ByteBuffer(bytes: (try? JSON.encoder.encode(problem.body)) ?? Data("{}".utf8))
        body.writeStaticString("\n")
        var head = HTTPResponse(status: status)
        head.headerFields = [.contentType: "application/problem+json", .contentLength: String(body.readableBytes)]
        // Connection-specific fields are not allowed in HTTP/2; the stream is reset instead.
        if !http2 { head.headerFields[.connection] = "close" }
        SecurityHeadersMiddleware.apply(to: &head.headerFields, tls: tls, authenticated: false)
        context.write(NIOAny(HTTPResponsePart.head(head)), promise: nil)
        context.write(NIOAny(HTTPResponsePart.body(body)), promise: nil)
        context.writeAndFlush(NIOAny(HTTPResponsePart.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
