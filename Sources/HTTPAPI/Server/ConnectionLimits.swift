import HTTPTypes
import HummingbirdCore
import HummingbirdHTTP2
import Kernel
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOSSL
import Platform

/// Connection-level limits, below the router:
///
/// - **Request head size**: the HTTP/1.1 decoder refuses header fields over
///   `limits.maxHeaderBytes` in total; `RequestHeadGuard` answers that with 431 (problem+json) and
///   closes. Over HTTP/2, NIO's HPACK decoder enforces its own 16 KiB header list limit.
/// - **Slow clients**: `RequestHeadTimer` (see there) gives every request head
///   `limits.requestHeadTimeoutSeconds`; a late one gets 408 and the connection is closed.
/// - **Slow bodies**: `BodyRateGuard` (see there) wants a body at `limits.minBodyBytesPerSecond`
///   after `limits.bodyGraceSeconds`; a slower one gets 408 and is closed.
/// - **Concurrent connections**: at `limits.maxConnections` open connections the server stops
///   accepting; further clients wait in the kernel's listen backlog (256) and are served, in
///   order, as connections close. They are queued, not refused: a burst is absorbed, and slow
///   or idle clients cannot hold a slot for longer than the head, body and idle timeouts.
/// - **Connections per address**: one client address holds at most
///   `limits.maxConnectionsPerAddress` of them; its next connection is closed at once
///   (`ConnectionShareGuard`), so one client cannot fill the server and make everyone else wait.
extension CorridorServer {
    static func serverBuilder(
        configuration: Platform.ServerConfiguration, tls: TLSConfiguration?, logger: Logger
    ) -> HTTPServerBuilder {
        let limits = configuration.limits
        let secure = tls != nil
        let headTimeout = TimeAmount.seconds(Int64(limits.requestHeadTimeoutSeconds))
        let shares = ConnectionShares(maximum: limits.maxConnectionsPerAddress, logger: logger)
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [
                RequestHeadGuard(tls: secure),
                BodyRateGuard(
                    minimumBytesPerSecond: limits.minBodyBytesPerSecond,
                    grace: .seconds(Int64(limits.bodyGraceSeconds)), tls: secure,
                    logger: logger
                ),
            ],
            idleTimeout: .seconds(Int64(configuration.http.idleTimeoutSeconds)),
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: limits.maxHeaderBytes, maxHeaderListSize: limits.maxHeaderBytes,
                maxHeaderFieldCount: 1_000
            )
        )
        guard let tls else {
            return HTTPServerBuilder { responder in
                GuardedChildChannel(
                    base: HTTP1Channel(responder: responder, configuration: http1), headTimeout: headTimeout,
                    shares: shares)
            }
        }
        // HTTP/1.1 over TLS uses the stream configuration: the same limits and idle timeout.
        let http2 = HTTP2UpgradeChannel.Configuration(
            idleTimeout: .seconds(Int64(configuration.http.idleTimeoutSeconds)), streamConfiguration: http1
        )
        return HTTPServerBuilder { responder in
            GuardedChildChannel(
                base: try HTTP2UpgradeChannel(tlsConfiguration: tls, configuration: http2, responder: responder),
                headTimeout: headTimeout, shares: shares
            )
        }
    }
}

/// A server child channel with `ConnectionShareGuard` and `RequestHeadTimer` first in its
/// pipeline, before TLS and HTTP.
struct GuardedChildChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    let base: Base
    let headTimeout: TimeAmount
    let shares: ConnectionShares

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(
                RequestHeadTimer(timeout: headTimeout, logger: logger), position: .first)
            try channel.pipeline.syncOperations.addHandler(ConnectionShareGuard(shares: shares), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// Stops accepting at `maximum` open connections (Hummingbird holds the accept loop; clients wait
/// in the listen backlog) and says so once each time the limit is reached.
struct ConnectionCap: AvailableConnectionsDelegate {
    let maximum: Int
    let logger: Logger
    private var open = 0

    init(maximum: Int, logger: Logger) {
        self.maximum = maximum
        self.logger = logger
    }

    mutating func connectionOpened() {
        open += 1
        if open == maximum {
            logger.warning(
                "connection limit reached: new connections wait",
                metadata: ["maxConnections": .stringConvertible(maximum)])
        }
    }

    mutating func connectionClosed() {
        open -= 1
    }

    func isAcceptingNewConnections() -> Bool {
        open < maximum
    }
}

/// After the HTTP decoder (HTTP/1.1 connections and HTTP/2 streams): tells `RequestHeadTimer`
/// when heads arrive and responses end, answers 431 when the decoder finds the head too large,
/// and 408 when the timer gives up on a head.
final class RequestHeadGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let tls: Bool
    private weak var timer: RequestHeadTimer?
    private var context: ChannelHandlerContext?
    /// In an HTTP/2 stream: the timer belongs to the parent connection.
    private var http2 = false
    private var refused = false

    init(tls: Bool) {
        self.tls = tls
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if let timer = try? context.pipeline.syncOperations.handler(type: RequestHeadTimer.self) {
            self.timer = timer
            timer.responder = self
        } else if let parent = context.channel.parent, parent.eventLoop.inEventLoop,
            let timer = try? parent.pipeline.syncOperations.handler(type: RequestHeadTimer.self)
        {
            self.timer = timer
            http2 = true
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if refused { return }
        if case .head = unwrapInboundIn(data) {
            if http2 { timer?.exemptHTTP2() } else { timer?.headReceived() }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !http2, case .end = unwrapOutboundIn(data) { timer?.responseFinished() }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !http2, let parserError = error as? HTTPParserError, parserError == .headerOverflow {
            refuse(status: .requestHeaderFieldsTooLarge)
            return
        }
        context.fireErrorCaught(error)
    }

    /// Answers 408 or 431 with a problem document and closes the connection.
    func refuse(status: HTTPResponse.Status) {
        guard let context, !refused else { return }
        refused = true
        let error: DomainError =
            status == .requestTimeout
            ? DomainError(
                .malformed, code: "request_timeout", zh: "请求头发送超时", en: "The request head took too long to arrive")
            : DomainError(
                .malformed, code: "headers_too_large", zh: "请求头过大", en: "The request header fields are too large")
        ConnectionProblem.refuse(context, status: status, error: error, tls: tls, http2: http2)
    }
}
