import Foundation
import GRDB
import HTTPTypes
import Identity
import Kernel
import Testing

/// Attacks on accounts: a stranger locking a city administrator out by guessing from afar, a
/// stolen session outliving a password change or a disabled account, a password cut short.
struct AccountAbuseTests {
    @Test func aStrangerCannotLockTheOwnerOut() async throws {
        let clock = ManualClock()
        let world = try HTTPWorld(clock: clock) {
            $0.limits.loginFailures = 5
            $0.limits.loginFailuresPerAddress = 50
        }
        let auth = world.services.auth
        let stranger = "198.51.100.7", owner = "203.0.113.20"
        for _ in 0..<5 {
            await #expect(throws: DomainError.self) {
                _ = try await auth.login(username: "admin", password: "guess", requestID: "t", address: stranger)
            }
        }
        // The stranger's address is slowed for this account…
        do {
            _ = try await auth.login(username: "admin", password: "admin password 1", requestID: "t", address: stranger)
            Issue.record("the guesser's address was not slowed")
        } catch let error as DomainError {
            #expect(error.code == "login_locked")
        }
        // …the owner, from their own address, signs in.
        _ = try await auth.login(username: "admin", password: "admin password 1", requestID: "t", address: owner)
        // The lockout is reported to the account's organisation (an audited event naming the address).
        let reported = try await world.database.read { db in
            try String.fetchOne(db, sql: "SELECT change FROM audit_log WHERE action = 'auth.lockout' ORDER BY seq DESC")
        }
        #expect(reported?.contains(stranger) == true, "\(String(describing: reported))")
        let platform = try await world.organizationID("platform", "WH")
        let alerts = try await auth.signInAlerts(organizationID: platform, by: .system("test", requestID: "t"))
        #expect(alerts.count == 1 && alerts.first?.username == "admin" && alerts.first?.address == stranger)
        let enterpriseAdmin = try await ListingRoutesTests().signIn(world, "enterprise", "HS", .orgAdmin, "qiye.alerts")
        try await world.test { client in
            try await client.execute(
                uri: "/v1/organizations/\(platform)/sign-in-alerts", method: .get,
                headers: headers(token: enterpriseAdmin)
            ) {
                #expect($0.status == .forbidden, "another organisation's admin does not read them")
            }
            try await client.execute(
                uri: "/v1/organizations/\(platform)/sign-in-alerts", method: .get,
                headers: headers(token: world.adminToken)
            ) {
                let items = (try json($0.body))["items"] as? [[String: Any]] ?? []
                #expect($0.status == .ok && items.first?["address"] as? String == stranger)
            }
        }
        // The guesser's delay grows: five more failures after the first lockout wait twice as long.
        clock.advance(by: 61)
        for _ in 0..<5 {
            _ = try? await auth.login(username: "admin", password: "guess", requestID: "t", address: stranger)
        }
        #expect(auth.throttle.remainingLockout(username: "admin", address: stranger) ?? 0 > 100)
    }

    @Test func aPasswordChangeAndADisabledAccountEndEverySession() async throws {
        let world = try HTTPWorld()
        let routes = ListingRoutesTests()
        let boss = try await routes.signIn(world, "enterprise", "HS", .orgAdmin, "laoban.hs")
        let clerk = try await routes.signIn(world, "enterprise", "HS", .orgMember, "wenyuan.hs")
        let stolen = try await world.services.auth.login(
            username: "wenyuan.hs", password: "listing password", requestID: "t"
        ).token
        let other = try await routes.signIn(world, "enterprise", "WH", .orgAdmin, "laoban.wh")
        let clerkID = try await world.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = 'wenyuan.hs'") ?? 0
        }
        let bossID = try await world.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = 'laoban.hs'") ?? 0
        }
        try await world.test { client in
            func call(
                _ method: HTTPRequest.Method, _ uri: String, _ token: String, _ body: String? = nil
            ) async throws -> (HTTPResponse.Status, [String: Any]) {
                var result: (HTTPResponse.Status, [String: Any]) = (.ok, [:])
                try await client.execute(
                    uri: uri, method: method, headers: headers(token: token), body: body.map { .init(string: $0) }
                ) {
                    result = ($0.status, (try? json($0.body)) ?? [:])
                }
                return result
            }
            #expect(try await call(.get, "/v1/me", stolen).0 == .ok)
            // A password over bcrypt's 72 bytes would be cut short: refused.
            let long = String(repeating: "密", count: 25)  // 75 bytes
            let (tooLong, problem) = try await call(
                .post, "/v1/me/password", clerk, #"{"currentPassword":"listing password","newPassword":"\#(long)"}"#)
            #expect(tooLong == .unprocessableContent && problem["code"] as? String == "password_too_long")
            let (wrong, wrongProblem) = try await call(
                .post, "/v1/me/password", clerk, #"{"currentPassword":"guess","newPassword":"a brand new password"}"#)
            #expect(wrong == .unprocessableContent && wrongProblem["code"] as? String == "current_password_wrong")
            let (changed, revoked) = try await call(
                .post, "/v1/me/password", clerk,
                #"{"currentPassword":"listing password","newPassword":"a brand new password"}"#)
            #expect(changed == .ok && (revoked["revokedTokens"] as? Int64 ?? 0) >= 1)
            #expect(try await call(.get, "/v1/me", stolen).0 == .unauthorized, "the other session ended")
            #expect(try await call(.get, "/v1/me", clerk).0 == .ok, "the session that changed it goes on")
            // Another organisation's admin cannot disable the clerk; the clerk cannot disable the boss.
            #expect(try await call(.post, "/v1/users/\(clerkID)/disable", other).0 == .notFound)
            #expect(try await call(.post, "/v1/users/\(bossID)/disable", clerk).0 == .notFound)
            #expect(
                try await call(.post, "/v1/users/\(bossID)/disable", boss).1["code"] as? String == "cannot_disable_self"
            )
            let (disabled, _) = try await call(.post, "/v1/users/\(clerkID)/disable", boss)
            #expect(disabled == .ok)
            #expect(try await call(.get, "/v1/me", clerk).0 == .unauthorized, "disabled: every session ends at once")
            var signIn = HTTPResponse.Status.ok
            try await client.execute(
                uri: "/v1/auth/login", method: .post, headers: headers(),
                body: .init(string: #"{"username":"wenyuan.hs","password":"a brand new password"}"#)
            ) {
                signIn = $0.status
            }
            #expect(signIn == .unauthorized)
        }
    }

    @Test func thePlatformRevokesAnySession() async throws {
        let world = try HTTPWorld()
        let routes = ListingRoutesTests()
        let session = try await routes.signIn(world, "enterprise", "HS", .orgAdmin, "laoban.hs")
        let peer = try await routes.signIn(world, "enterprise", "HS", .orgAdmin, "laoban2.hs")
        let tokenID = try await world.database.read { db in
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT t.id FROM tokens t JOIN users u ON u.id = t.user_id WHERE u.username = 'laoban.hs' AND t.kind = 'session'
                    """) ?? 0
        }
        try await world.test { client in
            try await client.execute(uri: "/v1/tokens/\(tokenID)", method: .delete, headers: headers(token: peer)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(
                uri: "/v1/tokens/\(tokenID)", method: .delete, headers: headers(token: world.adminToken)
            ) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/v1/me", method: .get, headers: headers(token: session)) {
                #expect($0.status == .unauthorized)
            }
        }
    }
}
