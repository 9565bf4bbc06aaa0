import Foundation
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where an endpoint's host points, asked again before every delivery: a name that was public
/// when it was registered may resolve to a private, loopback or link-local address later (DNS
/// rebinding), and then nothing is sent. The HTTP client resolves the name once more when it
/// connects, so a resolver answering differently within milliseconds is a remaining gap (see
/// the module's README); redirects are never followed (`WebhookClient`).
public struct WebhookResolver: Sendable {
    let addresses: @Sendable (String) async throws -> [String]

    /// `addresses`: the numeric addresses a host name resolves to (tests give their own).
    public init(addresses: @escaping @Sendable (String) async throws -> [String]) {
        self.addresses = addresses
    }

    /// The system's resolver (getaddrinfo, on NIO's blocking-work pool).
    public static let system = WebhookResolver { host in
        try await NIOThreadPool.singleton.runIfActive { try lookup(host) }
    }

    /// Why the host must not be called, or nil when every address it resolves to is public.
    func refusal(host: String) async -> String? {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let found: [String]
        do {
            found = try await addresses(bare)
        } catch {
            return "the host name does not resolve"
        }
        guard !found.isEmpty else { return "the host name does not resolve" }
        if let inside = found.first(where: { WebhookTarget.isPrivate($0.lowercased()) }) {
            return "the host resolves to a non-public address (\(inside))"
        }
        return nil
    }

    struct LookupFailure: Error {}

    static func lookup(_ host: String) throws -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { throw LookupFailure() }
        defer { freeaddrinfo(first) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        // Bounded: a resolver's answer is a short list.
        while let info = cursor, addresses.count < 64 {
            var name = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(
                info.pointee.ai_addr, info.pointee.ai_addrlen, &name, socklen_t(name.count), nil, 0, NI_NUMERICHOST)
                == 0
            {
                addresses.append(String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            cursor = info.pointee.ai_next
        }
        return addresses
    }
}
