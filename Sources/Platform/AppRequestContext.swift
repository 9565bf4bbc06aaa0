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
    /// Who is asking: set by `AuthMiddleware` from a valid bearer token on the API, and by the
    /// console's session middleware from its session cookie (the console ignores bearer tokens).
    public var principal: Principal?
    /// The console session's token when `principal` came from the session cookie (its CSRF token
    /// is derived from it); nil on the API.
    public var sessionToken: String?
    /// The client a broker acts for (`Corridor-On-Behalf-Of`, issue 18), set by the API's
    /// delegation middleware on the operations that accept it.
    public var actingFor: ActingFor?
    /// The peer of the connection (nil in router tests without a socket).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The principal, or 401.
    public func requirePrincipal() throws -> Principal {
        guard let principal else { throw Kernel.DomainError.unauthenticated }
        return principal
    }
}
