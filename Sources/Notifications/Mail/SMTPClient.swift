import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Where and how to hand e-mail over: a relay, with STARTTLS and credentials when configured.
public struct SMTPConfiguration: Sendable {
    public enum Security: String, Sendable {
        /// Plain text: only for a relay on the same machine.
        case none
        /// STARTTLS before anything else is said; refused if the server does not offer it.
        case startTLS = "starttls"
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// The name this host gives in EHLO.
    public var heloName: String
    /// A PEM file of roots to trust instead of the system's (a private relay's CA).
    public var trustRootsFile: String?
    public var timeout: TimeAmount

    public init(
        host: String, port: Int, security: Security = .startTLS, username: String? = nil, password: String? = nil,
        heloName: String = "corridor.localhost", trustRootsFile: String? = nil, timeout: TimeAmount = .seconds(20)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.trustRootsFile = trustRootsFile
        self.timeout = timeout
    }
}

/// A small SMTP client (RFC 5321) over swift-nio: one connection per message, STARTTLS
/// (RFC 3207), AUTH PLAIN (RFC 4954) after TLS only, and a MIME body from `MailComposer`.
public struct SMTPClient: Sendable {
    let configuration: SMTPConfiguration

    public init(configuration: SMTPConfiguration) {
        self.configuration = configuration
    }

    /// Sends one message; returns the server's final reply to DATA (its queue id, usually).
    @discardableResult
    public func send(_ message: MailMessage, date: Date = Date()) async throws -> String {
        let configuration = self.configuration
        let tls = try configuration.security == .startTLS ? Self.tlsContext(configuration) : nil
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(configuration.timeout)
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    var session = SMTPSession(inbound: inbound.makeAsyncIterator(), outbound: outbound)
                    return try await session.run(message, date: date, configuration: configuration) { session in
                        guard let tls else { return }
                        let hostname = Self.isIPAddress(configuration.host) ? nil : configuration.host
                        try await channel.channel.eventLoop.submit {
                            let handler = try NIOSSLClientHandler(context: tls, serverHostname: hostname)
                            try channel.channel.pipeline.syncOperations.addHandler(handler, position: .first)
                        }.get()
                    }
                }
            }
            group.addTask {
                try await Task.sleep(for: .nanoseconds(configuration.timeout.nanoseconds) * 3)
                return nil
            }
            defer { group.cancelAll() }
            guard let reply = try await group.next() ?? nil else {
                channel.channel.close(promise: nil)
                throw MailError.timedOut
            }
            return reply
        }
    }

    static func tlsContext(_ configuration: SMTPConfiguration) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let file = configuration.trustRootsFile { tls.trustRoots = .file(file) }
        return try NIOSSLContext(configuration: tls)
    }

    static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}
