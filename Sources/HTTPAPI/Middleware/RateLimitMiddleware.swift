import CorridorCrypto
import Foundation
import Hummingbird
import Identity
import Kernel
import NIOCore
import Platform
import Store
import Synchronization

/// Token buckets per client address and per bearer token (or console session): each holds
/// `limits.burst` requests and refills at the configured rate a minute. A request that finds its
/// bucket empty gets 429 `rate_limited` with `Retry-After`. `/healthz` and `/readyz` are never
/// limited (load balancers and probes). Also tells the sign-in lockout who the client is.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let perAddress: TokenBuckets?
    let perToken: TokenBuckets?

    static let exempt: Set<String> = ["/healthz", "/readyz"]
    /// The console's session cookie, limited like a bearer token.
    static let sessionCookie = "corridor_session"

    init(limits: Platform.ServerConfiguration.AbuseLimits, clock: any Kernel.Clock) {
        perAddress = TokenBuckets(perMinute: limits.requestsPerMinutePerAddress, burst: limits.burst, clock: clock)
        perToken = TokenBuckets(perMinute: limits.requestsPerMinutePerToken, burst: limits.burst, clock: clock)
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let address = context.remoteAddress.flatMap(Self.addressKey)
        if !Self.exempt.contains(request.uri.path) {
            if let address, let perAddress, let wait = perAddress.take(address) {
                return Self.limited(wait, context: context)
            }
            if let credential = Self.credential(request), let perToken, let wait = perToken.take(credential) {
                return Self.limited(wait, context: context)
            }
        }
        return try await LoginThrottle.$clientAddress.withValue(address) {
            try await next(request, context)
        }
    }

    static func limited(_ seconds: Int, context: Context) -> Response {
        let error = DomainError(
            .tooManyRequests, code: "rate_limited",
            zh: "请求过于频繁，请 \(seconds) 秒后再试", en: "Too many requests; try again in \(seconds) seconds",
            details: ["retryAfterSeconds": .int(Int64(seconds))]
        )
        return Problem(error, requestID: context.requestID).response()
    }

    /// The bearer token or console session of a request, hashed (buckets never hold a token).
    static func credential(_ request: Request) -> String? {
        let value: String
        if let header = request.headers[.authorization], !header.isEmpty {
            value = header
        } else if let cookie = request.cookies[sessionCookie]?.value, !cookie.isEmpty {
            value = "Bearer " + cookie
        } else {
            return nil
        }
        return Digest.sha256(Array(value.utf8)).prefix(16).hexString
    }

    /// The address a client is counted under: IPv4 as is, IPv6 by its /64 (one subscriber's
    /// block), an IPv4-mapped IPv6 address as its IPv4 address.
    static func addressKey(_ address: SocketAddress) -> String? {
        switch address {
        case .v4:
            return address.ipAddress
        case .v6:
            // From the text form: which C module declares `sin6_addr` depends on import order, so
            // reading the field breaks the build under MemberImportVisibility now and then.
            var bytes = [UInt8](repeating: 0, count: 16)
            guard let text = address.ipAddress, inet_pton(AF_INET6, text, &bytes) == 1 else { return address.ipAddress }
            if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
                return bytes[12..<16].map(String.init).joined(separator: ".")
            }
            return stride(from: 0, to: 8, by: 2).map { String(format: "%02x%02x", bytes[$0], bytes[$0 + 1]) }
                .joined(separator: ":") + "::/64"
        case .unixDomainSocket:
            return nil
        }
    }
}

/// Token buckets by key, bounded to `capacity` keys: when full, buckets that have refilled (the
/// same as absent) are dropped, then arbitrary ones down to 90 %, so memory stays bounded
/// whatever a client sends. Eviction can only ever give a client a fresh bucket.
final class TokenBuckets: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    static let capacity = 100_000

    let perSecond: Double
    let burst: Double
    private let clock: any Kernel.Clock
    private let buckets = Mutex<[String: Bucket]>([:])

    /// nil when `perMinute` is 0 (no limit).
    init?(perMinute: Int, burst: Int, clock: any Kernel.Clock) {
        guard perMinute > 0 else { return nil }
        perSecond = Double(perMinute) / 60
        self.burst = Double(max(1, burst))
        self.clock = clock
    }

    /// Takes one request from the key's bucket: nil when allowed, otherwise the whole seconds
    /// until the next request would be.
    func take(_ key: String) -> Int? {
        let now = clock.now().timeIntervalSince1970
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + max(0, now - bucket.updated) * perSecond)
            bucket.updated = now
            var wait: Int?
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
            } else {
                wait = max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
            }
            if buckets[key] == nil, buckets.count >= Self.capacity { evict(now: now, from: &buckets) }
            buckets[key] = bucket
            return wait
        }
    }

    var count: Int { buckets.withLock { $0.count } }

    private func evict(now: Double, from buckets: inout [String: Bucket]) {
        buckets = buckets.filter { _, bucket in bucket.tokens + (now - bucket.updated) * perSecond < burst }
        let target = Self.capacity * 9 / 10
        if buckets.count > target {
            for key in Array(buckets.keys.prefix(buckets.count - target)) { buckets.removeValue(forKey: key) }
        }
    }
}
