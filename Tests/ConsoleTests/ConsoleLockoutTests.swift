import Foundation
import HTTPTypes
import HummingbirdTesting
import Identity
import Kernel
import NIOCore
import Testing

/// The console signs in through the same `AuthService.login` as the API, so the lockout after
/// repeated failures holds there too, and failures through either count for both.
struct ConsoleLockoutTests {
    @Test func repeatedFailedConsoleSignInsLockTheAccountForTheAPIToo() async throws {
        let world = try await ConsoleWorld(listings: false)
        let user = try await world.user(.orgMember, kind: .enterprise, city: .huangshi, username: "hs.locked")
        let failures = world.configuration.limits.loginFailures
        try await world.test { client in
            let browser = Browser(client)
            for _ in 0..<failures {
                _ = try await browser.get("/console/login")
                let wrong = try await browser.post(
                    "/console/login", [("username", user.username), ("password", "wrong password")])
                #expect(wrong.status == .unauthorized)
            }
            _ = try await browser.get("/console/login")
            let locked = try await browser.post(
                "/console/login", [("username", user.username), ("password", user.password)])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] == String(world.configuration.limits.lockoutSeconds))
            #expect(locked.html.contains("role=\"alert\"") && locked.html.contains("登录失败次数过多"))
            #expect(locked.headers[values: .setCookie].contains { $0.hasPrefix("corridor_session=") } == false)
            // The API refuses the same account.
            let body = ByteBuffer(string: #"{"username":"hs.locked","password":"console password 2026"}"#)
            let api = try await client.execute(
                uri: "/v1/auth/login", method: .post, headers: [.contentType: "application/json"], body: body
            ) { $0 }
            #expect(api.status == .tooManyRequests && api.headers[.retryAfter] != nil)
            // After the delay the right password works again.
            world.clock.advance(by: Double(world.configuration.limits.lockoutSeconds) + 1)
            try await browser.signIn(user.username, user.password)
        }
    }
}
