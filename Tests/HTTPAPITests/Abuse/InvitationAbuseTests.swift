import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Identity
import Kernel
import Testing

/// Attacks on invitations, resets and one-time passwords through the API (issue 18): strangers
/// and weaker roles inviting, a replayed or guessed token, an enumeration by reset, staff
/// without TOTP, another user's sessions, hostile strings.
struct InvitationAbuseTests {
    typealias Call = (HTTPRequest.Method, String, String?, String?) async throws -> (HTTPResponse.Status, [String: Any])

    func calls(_ client: any TestClientProtocol) -> Call {
        { method, uri, token, body in
            var result: (HTTPResponse.Status, [String: Any]) = (.ok, [:])
            try await client.execute(
                uri: uri, method: method, headers: headers(token: token), body: body.map { .init(string: $0) }
            ) {
                result = ($0.status, (try? json($0.body)) ?? [:])
            }
            return result
        }
    }

    @Test func invitationsThroughTheAPIResistStrangersReplaysAndHostileStrings() async throws {
        let world = try HTTPWorld()
        let routes = ListingRoutesTests()
        let boss = try await routes.signIn(world, "enterprise", "XN", .orgAdmin, "laoban.xn")
        let clerk = try await routes.signIn(world, "enterprise", "XN", .orgMember, "wenyuan.xn")
        let stranger = try await routes.signIn(world, "enterprise", "WH", .orgAdmin, "laoban.wh")
        let organization = try await world.organizationID("enterprise", "XN")
        let path = "/v1/organizations/\(organization)/invitations"
        try await world.test { client in
            let call = calls(client)
            let body = #"{"email":"chen.jing@example.cn","displayName":"陈静","role":"org_member"}"#
            #expect(try await call(.post, path, stranger, body).0 == .forbidden, "another organisation's admin")
            #expect(try await call(.post, path, clerk, body).0 == .forbidden, "a member")
            #expect(try await call(.get, path, clerk, nil).0 == .forbidden)
            for role in ["city_admin", "platform_admin", "auditor"] {
                let (status, problem) = try await call(
                    .post, path, boss, #"{"email":"x@example.cn","displayName":"X","role":"\#(role)"}"#)
                #expect(status == .forbidden && problem["code"] as? String == "role_not_grantable", "\(role)")
            }
            for hostile in [#""x@y.cn\r\nBcc: z@w.cn""#, #""=cmd|' /C calc'!A0""#, #""<a@b.cn>""#] {
                let (status, _) = try await call(
                    .post, path, boss, #"{"email":\#(hostile),"displayName":"X","role":"org_member"}"#)
                #expect(status == .unprocessableContent, "\(hostile)")
            }
            let (badName, _) = try await call(
                .post, path, boss, #"{"email":"x@y.cn","displayName":"X\u0007","role":"org_member"}"#)
            #expect(badName == .unprocessableContent)
            let (admin, _) = try await call(
                .post, path, boss, #"{"email":"deputy@example.cn","displayName":"副手","role":"org_admin"}"#)
            #expect(admin == .created, "an org admin may invite another")
            let (created, issued) = try await call(.post, path, boss, body)
            #expect(created == .created && issued["mailed"] as? Bool == false)
            let token = try #require(issued["token"] as? String)
            #expect(token.hasPrefix("inv_") && (issued["acceptPath"] as? String)?.contains(token) == true)
            // The token is nowhere in the database or the audit log.
            let leaked = try await world.database.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM audit_log WHERE change LIKE ? OR change LIKE ?",
                    arguments: ["%\(token)%", "%inv_%"]) ?? -1
            }
            #expect(leaked == 0)
            let (preview, offered) = try await call(.post, "/v1/invitations/preview", nil, #"{"token":"\#(token)"}"#)
            #expect(preview == .ok && offered["role"] as? String == "org_member")
            let (guessed, _) = try await call(
                .post, "/v1/invitations/preview", nil, #"{"token":"inv_\#(String(repeating: "A", count: 43))"}"#)
            #expect(guessed == .notFound)
            let acceptance = #"{"token":"\#(token)","username":"chen.jing","password":"river stone lantern 7"}"#
            let (weak, weakProblem) = try await call(
                .post, "/v1/invitations/accept", nil,
                #"{"token":"\#(token)","username":"chen.jing","password":"chen.jing 2026!"}"#)
            #expect(weak == .unprocessableContent && weakProblem["code"] as? String == "password_contains_username")
            let (accepted, user) = try await call(.post, "/v1/invitations/accept", nil, acceptance)
            #expect(accepted == .created && user["email"] as? String == "chen.jing@example.cn")
            let (replayed, replay) = try await call(.post, "/v1/invitations/accept", nil, acceptance)
            #expect(replayed == .conflict && replay["code"] as? String == "invitation_not_pending")
            let (listed, list) = try await call(.get, path, boss, nil)
            let items = list["items"] as? [[String: Any]] ?? []
            #expect(listed == .ok && items.contains { $0["status"] as? String == "accepted" })
            // Revoking: the inviter's organisation only.
            let pending = try #require(items.first { $0["status"] as? String == "pending" }?["id"] as? Int64)
            #expect(try await call(.post, "/v1/invitations/\(pending)/revoke", stranger, nil).0 == .notFound)
            #expect(try await call(.post, "/v1/invitations/\(pending)/revoke", boss, nil).0 == .ok)
            #expect(try await call(.post, "/v1/invitations/\(pending)/revoke", boss, nil).0 == .conflict)
        }
    }

    @Test func aResetRequestAnswersTheSameForAnyoneAndNeverShowsTheLink() async throws {
        let world = try HTTPWorld()
        let organization = try await world.organizationID("enterprise", "XN")
        _ = try await world.services.users.create(
            in: organization,
            NewUser(
                username: "zhou.min", displayName: "周敏", role: .orgMember, password: "river stone lantern 7",
                email: "zhou.min@example.cn"),
            by: .system("test", requestID: "t"))
        try await world.test { client in
            let call = calls(client)
            var answers: [String] = []
            for identifier in ["zhou.min", "zhou.min@example.cn", "nobody", "nobody@example.cn"] {
                let (status, body) = try await call(
                    .post, "/v1/auth/password-reset", nil, #"{"identifier":"\#(identifier)"}"#)
                #expect(status == .accepted)
                answers.append(String(describing: body.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }))
            }
            #expect(Set(answers).count == 1, "\(answers)")
            let (bad, problem) = try await call(
                .post, "/v1/auth/password-reset/complete", nil,
                #"{"token":"rst_\#(String(repeating: "A", count: 43))","newPassword":"meadow copper violin 4"}"#)
            #expect(bad == .conflict && problem["code"] as? String == "reset_token_invalid")
        }
        #expect(
            try await world.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM password_resets") }
                == 2)
    }

    @Test func staffWithoutTOTPMayOnlyEnrolThenSignInWithACode() async throws {
        let world = try HTTPWorld { $0.security.requireTOTPForStaff = true }
        let bureau = try await world.organizationID("government", "XN")
        _ = try await world.services.users.create(
            in: bureau,
            NewUser(username: "xn.city", displayName: "咸宁", role: .cityAdmin, password: "river stone lantern 7"),
            by: .system("test", requestID: "t"))
        try await world.test { client in
            let call = calls(client)
            let login = #"{"username":"xn.city","password":"river stone lantern 7"}"#
            let (signedIn, issued) = try await call(.post, "/v1/auth/login", nil, login)
            #expect(signedIn == .ok && issued["totpEnrollmentRequired"] as? Bool == true)
            let token = try #require(issued["token"] as? String)
            let (refused, problem) = try await call(.get, "/v1/organizations?limit=1", token, nil)
            #expect(refused == .forbidden && problem["code"] as? String == "totp_required")
            #expect(try await call(.post, "/v1/tokens", token, #"{"name":"x"}"#).0 == .forbidden)
            #expect(try await call(.get, "/v1/me", token, nil).0 == .ok)
            let (started, enrollment) = try await call(.post, "/v1/me/totp/start", token, nil)
            let secret = try #require(enrollment["secret"] as? String)
            #expect(started == .ok && (enrollment["uri"] as? String)?.hasPrefix("otpauth://totp/") == true)
            let code = TOTP.code(secret: Base32Test.decode(secret), step: TOTP.step(at: Date()))
            let (confirmed, recovery) = try await call(.post, "/v1/me/totp/confirm", token, #"{"code":"\#(code)"}"#)
            #expect(confirmed == .ok && (recovery["codes"] as? [String])?.count == 10)
            #expect(try await call(.get, "/v1/organizations?limit=1", token, nil).0 == .ok)
            // Now a sign-in needs a code; the spent one and a wrong one are refused.
            let (noCode, noCodeProblem) = try await call(.post, "/v1/auth/login", nil, login)
            #expect(noCode == .unauthorized && noCodeProblem["code"] as? String == "totp_code_required")
            let (spent, _) = try await call(
                .post, "/v1/auth/login", nil,
                #"{"username":"xn.city","password":"river stone lantern 7","code":"\#(code)"}"#)
            #expect(spent == .unauthorized)
            let codes = recovery["codes"] as? [String] ?? []
            let withRecovery = #"{"username":"xn.city","password":"river stone lantern 7","code":"\#(codes[0])"}"#
            #expect(try await call(.post, "/v1/auth/login", nil, withRecovery).0 == .ok)
            #expect(try await call(.post, "/v1/auth/login", nil, withRecovery).0 == .unauthorized, "used once")
            // Staff cannot turn it off.
            let (off, offProblem) = try await call(
                .post, "/v1/me/totp/disable", token, #"{"password":"river stone lantern 7","code":"\#(codes[1])"}"#)
            #expect(off == .forbidden && offProblem["code"] as? String == "totp_mandatory")
        }
    }

    @Test func usersSeeAndRevokeOnlyTheirOwnSessions() async throws {
        let world = try HTTPWorld()
        let routes = ListingRoutesTests()
        let mine = try await routes.signIn(world, "enterprise", "XN", .orgMember, "own.xn")
        let other = try await routes.signIn(world, "enterprise", "XN", .orgMember, "other.xn")
        let second = try await world.services.auth.login(
            username: "own.xn", password: "listing password", requestID: "t")
        try await world.test { client in
            let call = calls(client)
            let (listed, list) = try await call(.get, "/v1/me/tokens", mine, nil)
            let items = list["items"] as? [[String: Any]] ?? []
            #expect(listed == .ok && items.count == 2 && items.filter { $0["current"] as? Bool == true }.count == 1)
            #expect(try await call(.delete, "/v1/me/tokens/\(second.id)", other, nil).0 == .notFound)
            #expect(try await call(.delete, "/v1/me/tokens/\(second.id)", mine, nil).0 == .noContent)
            #expect(try await call(.get, "/v1/me", second.token, nil).0 == .unauthorized)
        }
    }
}

/// Base32 (RFC 4648) as an authenticator app reads a secret.
enum Base32Test {
    static func decode(_ text: String) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.uppercased() {
            guard let index = alphabet.firstIndex(of: character) else { continue }
            buffer = (buffer << 5) | UInt32(index)
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((buffer >> UInt32(bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return bytes
    }
}
