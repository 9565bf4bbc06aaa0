import Hummingbird
import Identity
import Logging
import Kernel
import NIOCore

/// The one request context of the app. Middleware fills it; handlers only read it.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request id: the client's sane `X-Request-Id`, or one made here.
    public var requestID: String = ""
    /// Set by `AuthMiddleware` when a valid bearer token came with the request.
    public var principal: Principal?
    /// The peer of the connection (nil in router tests without a socket).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The principal, or 401.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw Kernel.DomainError.unauthenticated }
        return principal
    }
}
