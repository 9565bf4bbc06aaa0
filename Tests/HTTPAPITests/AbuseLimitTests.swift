import Foundation
@testable import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Kernel
import Logging
import NIOCore
import Testing

/// Rate limits per token and per address, the sign-in lockout, and the security headers, through
/// the router (and, where the client address matters, a real loopback socket).
struct AbuseLimitTests {
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        /// The string fields of the JSON body.
        var body: [String: String]?

        var code: String? { body?["code"] }

        init(_ response: TestResponse) {
            status = response.status
            headers = response.headers
            body = (try? json(response.body))?.compactMapValues { $0 as? String }
        }
        var retryAfter: Int? { headers[.retryAfter].flatMap { Int($0) } }
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, token: String? = nil) async throws -> Answer {
        try await client.execute(uri: uri, method: .get, headers: headers(token: token, json: false)) { Answer($0) }
    }

    static func login(_ client: some TestClientProtocol, _ username: String, _ password: String) async throws -> Answer
    {
        let body = try JSONSerialization.data(withJSONObject: ["username": username, "password": password])
        return try await client.execute(
            uri: "/v1/auth/login", method: .post, headers: headers(), body: ByteBuffer(bytes: body)
        ) { Answer($0) }
    }

    /// The app of `world` over a real loopback socket, so that requests have a client address.
    static func live(
        _ world: HTTPWorld, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = try CorridorServer.buildApplication(
            services: world.services, configuration: world.configuration, tls: nil, logger: Logger(label: "test")
        )
        try await app.test(.live, body)
    }

    // MARK: - Rate limits

    @Test func aTokenOverItsRateGets429WithRetryAfterAndOtherTokensAreServed() async throws {
        let clock = ManualClock()
        let world = try HTTPWorld(clock: clock) {
            $0.limits.requestsPerMinutePerToken = 60
            $0.limits.burst = 3
        }
        let other = try await world.services.auth.login(username: "admin", password: "admin password 1", requestID: "t")
            .token
        try await world.test { client in
            for _ in 0..<3 { #expect(try await Self.get(client, "/v1/me", token: world.adminToken).status == .ok) }
            let limited = try await Self.get(client, "/v1/me", token: world.adminToken)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.code == "rate_limited")
            #expect(limited.retryAfter == 1)
            #expect(limited.headers[.contentType] == "application/problem+json")
            #expect(limited.body?["messageZh"]?.contains("请求过于频繁") == true)
            #expect(limited.body?["messageEn"]?.contains("Too many requests") == true)
            #expect(limited.headers[.cacheControl] == "no-store")
            // Another token (even of the same user) has its own bucket.
            #expect(try await Self.get(client, "/v1/me", token: other).status == .ok)
            // Probes are never limited.
            for _ in 0..<10 { #expect(try await Self.get(client, "/healthz", token: world.adminToken).status == .ok) }
            #expect(try await Self.get(client, "/readyz", token: world.adminToken).status == .ok)
            // The bucket refills at 1 a second.
            clock.advance(by: 1)
            #expect(try await Self.get(client, "/v1/me", token: world.adminToken).status == .ok)
            #expect(try await Self.get(client, "/v1/me", token: world.adminToken).status == .tooManyRequests)
        }
    }

    @Test func anAddressOverItsRateGets429WhateverTheToken() async throws {
        let clock = ManualClock()
        let world = try HTTPWorld(clock: clock) {
            $0.limits.requestsPerMinutePerAddress = 20
            $0.limits.requestsPerMinutePerToken = 0
            $0.limits.burst = 4
        }
        try await Self.live(world) { client in
            for _ in 0..<4 { #expect(try await Self.get(client, "/v1/cities").status == .ok) }
            let limited = try await Self.get(client, "/v1/cities")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.code == "rate_limited")
            #expect(limited.retryAfter == 3)
            // A token does not lift the limit of the address it comes from.
            #expect(try await Self.get(client, "/v1/me", token: world.adminToken).status == .tooManyRequests)
            #expect(try await Self.get(client, "/healthz").status == .ok)
            clock.advance(by: 3)
            #expect(try await Self.get(client, "/v1/cities").status == .ok)
        }
    }

    @Test func limitsOfZeroAreOff() async throws {
        let world = try HTTPWorld {
            $0.limits.requestsPerMinutePerAddress = 0
            $0.limits.requestsPerMinutePerToken = 0
            $0.limits.burst = 1
        }
        try await world.test { client in
            for _ in 0..<20 {
                let answer = try await Self.get(client, "/v1/me", token: world.adminToken)
                #expect(answer.status == .ok)
            }
        }
    }

    @Test func bucketsStayBoundedAndKeysAreHashed() {
        let clock = ManualClock()
        let buckets = TokenBuckets(perMinute: 60, burst: 1, clock: clock)!
        for n in 0..<(TokenBuckets.capacity + 10) { _ = buckets.take("key \(n)") }
        #expect(buckets.count <= TokenBuckets.capacity)
        // A fresh key after eviction still gets its one request, then waits.
        #expect(buckets.take("fresh") == nil)
        #expect(buckets.take("fresh") == 1)
        #expect(
            RateLimitMiddleware.addressKey(try! SocketAddress(ipAddress: "2001:db8:1:2:3:4:5:6", port: 1))
                == "2001:0db8:0001:0002::/64")
        #expect(
            RateLimitMiddleware.addressKey(try! SocketAddress(ipAddress: "::ffff:192.0.2.7", port: 1)) == "192.0.2.7")
        #expect(RateLimitMiddleware.addressKey(try! SocketAddress(ipAddress: "192.0.2.7", port: 1)) == "192.0.2.7")
    }

    // MARK: - Sign-in lockout

    @Test func repeatedFailedSignInsLockTheUsernameForADoublingDelayAndASuccessResets() async throws {
        let clock = ManualClock()
        let world = try HTTPWorld(clock: clock) {
            $0.limits.loginFailures = 3
            $0.limits.lockoutSeconds = 60
        }
        try await world.test { client in
            for _ in 0..<3 {
                #expect(try await Self.login(client, "admin", "wrong password").code == "invalid_credentials")
            }
            // Locked: even the right password is refused, before it is checked.
            let locked = try await Self.login(client, "admin", "admin password 1")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.code == "login_locked")
            #expect(locked.retryAfter == 60)
            #expect(locked.body?["messageZh"]?.contains("登录失败次数过多") == true)
            // Unknown usernames lock the same way (no way to tell which exist).
            for _ in 0..<3 { _ = try await Self.login(client, "nobody.here", "x") }
            #expect(try await Self.login(client, "nobody.here", "x").code == "login_locked")
            clock.advance(by: 30)
            #expect(try await Self.login(client, "admin", "admin password 1").retryAfter == 30)
            // After the lockout, three more failures lock it for twice as long.
            clock.advance(by: 31)
            for _ in 0..<3 { #expect(try await Self.login(client, "admin", "wrong password").status == .unauthorized) }
            #expect(try await Self.login(client, "admin", "admin password 1").retryAfter == 120)
            clock.advance(by: 121)
            #expect(try await Self.login(client, "admin", "wrong password").status == .unauthorized)
            #expect(try await Self.login(client, "admin", "wrong password").status == .unauthorized)
            #expect(try await Self.login(client, "admin", "wrong password").status == .unauthorized)
            #expect(try await Self.login(client, "admin", "admin password 1").retryAfter == 240)
            // A success resets the history: the next lockout is the first again.
            clock.advance(by: 241)
            #expect(try await Self.login(client, "admin", "admin password 1").status == .ok)
            for _ in 0..<2 { _ = try await Self.login(client, "admin", "wrong password") }
            #expect(try await Self.login(client, "admin", "admin password 1").status == .ok)
            for _ in 0..<3 { _ = try await Self.login(client, "admin", "wrong password") }
            #expect(try await Self.login(client, "admin", "admin password 1").retryAfter == 60)
        }
    }

    @Test func failuresFromOneAddressLockThatAddressForEveryUsername() async throws {
        let clock = ManualClock()
        let world = try HTTPWorld(clock: clock) {
            $0.limits.loginFailures = 100
            $0.limits.loginFailuresPerAddress = 3
        }
        let auth = world.services.auth
        for name in ["a.one", "b.two", "c.three"] {
            await #expect(throws: DomainError.self) {
                _ = try await auth.login(username: name, password: "x", requestID: "t", address: "192.0.2.9")
            }
        }
        do {
            _ = try await auth.login(
                username: "admin", password: "admin password 1", requestID: "t", address: "192.0.2.9")
            Issue.record("signed in from a locked address")
        } catch let error as DomainError {
            #expect(error.code == "login_locked")
        }
        // Another address is not affected, and a success does not unlock the address.
        _ = try await auth.login(username: "admin", password: "admin password 1", requestID: "t", address: "192.0.2.10")
        clock.advance(by: 61)
        _ = try await auth.login(username: "admin", password: "admin password 1", requestID: "t", address: "192.0.2.9")
    }

    @Test func theAPIPassesTheClientAddressToTheLockout() async throws {
        let world = try HTTPWorld {
            $0.limits.loginFailures = 100
            $0.limits.loginFailuresPerAddress = 2
        }
        try await Self.live(world) { client in
            #expect(try await Self.login(client, "first.guess", "x").status == .unauthorized)
            #expect(try await Self.login(client, "second.guess", "x").status == .unauthorized)
            let locked = try await Self.login(client, "admin", "admin password 1")
            #expect(locked.status == .tooManyRequests && locked.code == "login_locked")
            #expect((locked.retryAfter ?? 0) > 0)
        }
    }

    // MARK: - Security headers

    @Test func securityHeadersAreOnEveryResponse() async throws {
        let world = try HTTPWorld()
        try await world.test { client in
            let health = try await Self.get(client, "/healthz")
            #expect(health.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(health.headers[.strictTransportSecurity] == "max-age=31536000")
            #expect(health.headers[.cacheControl] == nil)
            let missing = try await Self.get(client, "/no/such/route")
            #expect(missing.status == .notFound)
            #expect(missing.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            // Answers to requests with a token are never cached, errors included.
            #expect(try await Self.get(client, "/v1/me", token: world.adminToken).headers[.cacheControl] == "no-store")
            let bad = try await Self.get(client, "/v1/me", token: "cor_" + String(repeating: "A", count: 43))
            #expect(bad.status == .unauthorized && bad.headers[.cacheControl] == "no-store")
            let missingPatent = try await Self.get(client, "/v1/patents/999999999", token: world.adminToken)
            #expect(missingPatent.status == .notFound && missingPatent.headers[.cacheControl] == "no-store")
        }
        let plain = try HTTPWorld { $0.http.plaintext = true }
        try await plain.test { client in
            let health = try await Self.get(client, "/healthz")
            #expect(health.headers[.strictTransportSecurity] == nil)
            #expect(health.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
        }
    }

    @Test func theDocumentAnnounces429OnLimitedRoutesOnly() throws {
        let document =
            try JSONSerialization.jsonObject(with: Data(APIContract.builtIn.buffer.readableBytesView)) as? [String: Any]
        let paths = document?["paths"] as? [String: [String: Any]]
        let login = (paths?["/v1/auth/login"]?["post"] as? [String: Any])?["responses"] as? [String: Any]
        #expect(login?["429"] != nil)
        let health = (paths?["/healthz"]?["get"] as? [String: Any])?["responses"] as? [String: Any]
        #expect(health?["429"] == nil)
    }
}
