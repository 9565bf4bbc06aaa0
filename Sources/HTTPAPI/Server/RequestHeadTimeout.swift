import HTTPTypes
import Logging
import NIOCore

/// Slow-client protection. The idle timeout restarts on every byte, so a client that sends its
/// request head one byte a second would hold a connection for ever; this handler, first in the
/// connection's pipeline (before TLS), gives the whole head a deadline instead:
///
/// - a new connection must deliver its first request head (TLS handshake included) within
///   `timeout` of being accepted;
/// - after a response, the connection is idle (the idle timeout applies) until a byte arrives;
///   from that byte the next head must be complete within `timeout`;
/// - while a request is being answered (its head arrived, its response is not finished) there is
///   no deadline here: bodies are bounded by the body limit and the idle timeout.
///
/// `RequestHeadGuard`, after the HTTP decoder, reports heads and finished responses, and answers
/// 408 when it is there to do so (HTTP/1.1); otherwise the connection is just closed. Over HTTP/2
/// the deadline covers the handshake and the first stream's head; after that the connection is
/// left to NIO's HTTP/2 limits and the idle timeout.
final class RequestHeadTimer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let timeout: TimeAmount
    let logger: Logger
    /// Heads received minus responses finished (more than one when requests are pipelined).
    private var outstanding = 0
    private var deadline: Scheduled<Void>?
    private var exempt = false
    private var context: ChannelHandlerContext?
    /// The HTTP/1.1 handler that can answer 408; weak: the pipeline owns both.
    weak var responder: RequestHeadGuard?

    init(timeout: TimeAmount, logger: Logger) {
        self.timeout = timeout
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { arm() }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        arm()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if outstanding == 0 { arm() }
        context.fireChannelRead(data)
    }

    /// A complete request head was decoded.
    func headReceived() {
        outstanding += 1
        disarm()
    }

    /// A response was written to its end.
    func responseFinished() {
        outstanding = max(0, outstanding - 1)
    }

    /// The connection speaks HTTP/2: stop policing it here.
    func exemptHTTP2() {
        exempt = true
        disarm()
    }

    private func arm() {
        guard !exempt, deadline == nil, let context else { return }
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [weak self] in
            self?.expired()
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }

    private func expired() {
        deadline = nil
        guard let context, outstanding == 0, !exempt else { return }
        logger.info(
            "request head timeout: closing a slow client",
            metadata: ["peer": .string(context.channel.remoteAddress?.description ?? "unknown")]
        )
        if let responder {
            responder.refuse(status: .requestTimeout)
        } else {
            context.close(promise: nil)
        }
    }
}
