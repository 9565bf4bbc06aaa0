import HTTPTypes
import Kernel
import Logging
import NIOCore
import NIOHTTPTypes

/// A request body must keep coming (issue 14): the idle timeout restarts on every byte, so a body
/// sent a byte at a time would hold a connection for as long as the client likes. As Apache's
/// mod_reqtimeout does, once a request head has arrived its body must be complete within `grace`,
/// plus one second for every `minimumBytesPerSecond` bytes received; otherwise the client gets 408
/// `body_too_slow` and the connection (over HTTP/2, the stream) is closed.
///
/// After the HTTP decoder, on HTTP/1.1 connections and HTTP/2 streams alike. The clock stops
/// when the body ends or the server finished its answer (a request refused before its body was
/// read is not the client's delay).
final class BodyRateGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let minimumBytesPerSecond: Int
    let grace: TimeAmount
    let tls: Bool
    let logger: Logger
    private var context: ChannelHandlerContext?
    private var http2 = false
    /// When the current request's head arrived; nil when no body is awaited.
    private var started: NIODeadline?
    private var received = 0
    private var check: Scheduled<Void>?
    /// The server began its answer to the current request.
    private var answering = false
    private var refused = false

    init(minimumBytesPerSecond: Int, grace: TimeAmount, tls: Bool, logger: Logger) {
        self.minimumBytesPerSecond = minimumBytesPerSecond
        self.grace = grace
        self.tls = tls
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        // The head timer sits in an HTTP/1.1 connection's own pipeline; a stream has none.
        http2 = (try? context.pipeline.syncOperations.handler(type: RequestHeadTimer.self)) == nil
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if refused { return }
        switch unwrapInboundIn(data) {
        case .head:
            stop()
            answering = false
            if minimumBytesPerSecond > 0 {
                started = .now()
                received = 0
                schedule(at: started! + grace)
            }
        case .body(let buffer):
            received += buffer.readableBytes
        case .end:
            stop()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if refused {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head: answering = true
        case .end: stop()
        case .body: break
        }
        context.write(data, promise: promise)
    }

    /// When the body must be complete, given what has arrived.
    private var deadline: NIODeadline? {
        let rate = Int64(minimumBytesPerSecond)
        let bytes = Int64(received)
        return started.map { $0 + grace + .seconds(bytes / rate) + .nanoseconds(bytes % rate * 1_000_000_000 / rate) }
    }

    private func schedule(at time: NIODeadline) {
        guard let context else { return }
        check = context.eventLoop.assumeIsolated().scheduleTask(deadline: time) { [weak self] in
            self?.expired()
        }
    }

    private func stop() {
        check?.cancel()
        check = nil
        started = nil
    }

    private func expired() {
        check = nil
        guard let context, let deadline else { return }
        if deadline > .now() {
            schedule(at: deadline)
            return
        }
        started = nil
        refused = true
        logger.info(
            "request body too slow: closing",
            metadata: [
                "peer": .string((context.channel.parent ?? context.channel).remoteAddress?.description ?? "unknown"),
                "receivedBytes": .stringConvertible(received),
            ]
        )
        if answering {
            context.close(promise: nil)
        } else {
            let error = DomainError(
                .malformed, code: "body_too_slow", zh: "请求体发送过慢", en: "The request body arrived too slowly")
            ConnectionProblem.refuse(context, status: .requestTimeout, error: error, tls: tls, http2: http2)
        }
    }
}
