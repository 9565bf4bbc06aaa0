import Logging
import NIOCore
import Synchronization

/// Open connections per client address (IPv4 as is, IPv6 per /64, as the rate limits count
/// them): at `maximum` for an address, its next connection is refused, so one client cannot take
/// every connection of `limits.maxConnections` (issue 14). Pure state; `ConnectionShareGuard`
/// does the I/O.
struct AddressShares: Sendable, Equatable {
    let maximum: Int
    private(set) var open: [String: Int] = [:]

    init(maximum: Int) {
        self.maximum = maximum
    }

    /// Counts a new connection from `key`; false (and nothing counted) when the address is full.
    mutating func admit(_ key: String) -> Bool {
        let count = open[key, default: 0]
        guard count < maximum else { return false }
        open[key] = count + 1
        return true
    }

    mutating func release(_ key: String) {
        guard let count = open[key] else { return }
        open[key] = count > 1 ? count - 1 : nil
    }
}

/// The shares of one server, used from every event loop.
final class ConnectionShares: Sendable {
    private let state: Mutex<AddressShares>
    let logger: Logger

    init(maximum: Int, logger: Logger) {
        state = Mutex(AddressShares(maximum: maximum))
        self.logger = logger
    }

    func admit(_ key: String) -> Bool {
        let (admitted, maximum) = state.withLock { ($0.admit(key), $0.maximum) }
        if !admitted {
            logger.notice(
                "connection refused: the address has its share",
                metadata: [
                    "peer": .string(key), "maxConnectionsPerAddress": .stringConvertible(maximum),
                ])
        }
        return admitted
    }

    func release(_ key: String) {
        state.withLock { $0.release(key) }
    }
}

/// First in every connection's pipeline: counts the connection under its client address while it
/// is open, and closes it before TLS or HTTP when the address already has its share.
final class ConnectionShareGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let shares: ConnectionShares
    private var key: String?
    private var refused = false

    init(shares: ConnectionShares) {
        self.shares = shares
    }

    func handlerAdded(context: ChannelHandlerContext) {
        guard let key = context.channel.remoteAddress.flatMap(RateLimitMiddleware.addressKey) else { return }
        if shares.admit(key) {
            self.key = key
        } else {
            refused = true
            if context.channel.isActive { context.close(promise: nil) }
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if let key { shares.release(key) }
        key = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        if refused { context.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if refused { return }
        context.fireChannelRead(data)
    }
}
