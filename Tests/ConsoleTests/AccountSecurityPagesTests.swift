@testable import Console
import Foundation
import Identity
import Kernel
import Testing

/// Invitations, accepting one, and two-step sign-in on the console (issue 18).
struct AccountSecurityPagesTests {
    static func base32(_ text: String) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bytes: [UInt8] = [], buffer: UInt32 = 0, bits = 0
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

    static func between(_ html: String, _ start: String, _ end: String) -> String? {
        guard let from = html.range(of: start) else { return nil }
        let rest = html[from.upperBound...]
        guard let to = rest.range(of: end) else { return nil }
        return String(rest[..<to.lowerBound])
    }

    @Test func anInviteeSetsTheirPasswordAndTurnsOnTwoStepSignIn() async throws {
        let world = try await ConsoleWorld(listings: false)
        let admin = try await world.user(.orgAdmin, kind: .enterprise, city: .xianning, username: "xn.console")
        let member = try await world.user(.orgMember, kind: .enterprise, city: .xianning, username: "xn.member")
        try await world.test { client in
            let boss = Browser(client)
            try await boss.signIn(admin.username, admin.password)
            let page = try await boss.get("/console/account/invitations")
            #expect(page.status == .ok && page.html.contains(#"name="role""#))
            #expect(!page.html.contains(#"value="city_admin""#), "only roles the admin may grant")
            let refused = try await boss.post(
                "/console/account/invitations",
                [("email", "not an address"), ("displayName", "陈静"), ("role", "org_member")])
            #expect(refused.status == .unprocessableContent && refused.html.contains(#"id="email-error""#))
            _ = try await boss.get("/console/account/invitations")
            let invited = try await boss.post(
                "/console/account/invitations",
                [("email", "chen.jing@example.cn"), ("displayName", "陈静"), ("role", "org_member")])
            let link = try #require(Self.between(invited.html, #"<code id="invitation-link">"#, "</code>"))
            #expect(invited.status == .ok && link.hasPrefix("/console/invitation?token=inv_"))
            // A member has no invitations page.
            let clerk = Browser(client)
            try await clerk.signIn(member.username, member.password)
            #expect(try await clerk.get("/console/account/invitations").status == .forbidden)

            let invitee = Browser(client)
            let offer = try await invitee.get(link)
            #expect(offer.status == .ok && offer.html.contains("陈静"))
            let token = String(link.dropFirst("/console/invitation?token=".count))
            let weak = try await invitee.post(
                "/console/invitation", [("token", token), ("username", "chen.jing"), ("password", "1234567890")])
            #expect(weak.status == .unprocessableContent && weak.html.contains(#"id="password-error""#))
            _ = try await invitee.get(link)
            let accepted = try await invitee.post(
                "/console/invitation",
                [("token", token), ("username", "chen.jing"), ("password", "river stone lantern 7")])
            #expect(accepted.status == .seeOther && accepted.location == "/console/login?invited=1")
            #expect(try await invitee.get(link).status == .conflict, "the link works once")

            try await invitee.signIn("chen.jing", "river stone lantern 7")
            _ = try await invitee.get("/console/account/security")
            let started = try await invitee.post("/console/account/security/totp/start", [])
            let grouped = try #require(Self.between(started.html, #"<code id="totp-secret">"#, "</code>"))
            #expect(grouped.contains(" ") && started.html.contains("otpauth://totp/Corridor:chen.jing"))
            let secret = Self.base32(grouped.replacingOccurrences(of: " ", with: ""))
            let code = TOTP.code(secret: secret, step: TOTP.step(at: world.clock.now()))
            let confirmed = try await invitee.post(
                "/console/account/security/totp/confirm", [("code", code)], csrf: Browser.csrf(in: started.html))
            #expect(confirmed.status == .ok && confirmed.html.contains(#"id="recovery-codes""#))
            let sessions = try await invitee.get("/console/account/security")
            #expect(sessions.html.contains("当前会话"))

            let again = Browser(client)
            _ = try await again.get("/console/login")
            let asked = try await again.post(
                "/console/login",
                [("username", "chen.jing"), ("password", "river stone lantern 7"), ("next", "/console")])
            #expect(asked.status == .unauthorized && asked.html.contains(#"id="code""#))
            world.clock.advance(by: 30)
            let next = TOTP.code(secret: secret, step: TOTP.step(at: world.clock.now()))
            let signedIn = try await again.post(
                "/console/login",
                [
                    ("username", "chen.jing"), ("password", "river stone lantern 7"), ("code", next),
                    ("next", "/console"),
                ],
                csrf: Browser.csrf(in: asked.html))
            #expect(signedIn.status == .seeOther)
        }
    }

    @Test func aResetRequestLooksTheSameForAnyone() async throws {
        let world = try await ConsoleWorld(listings: false)
        try await world.test { client in
            let visitor = Browser(client)
            #expect(try await visitor.get("/console/password-reset").status == .ok)
            let answer = try await visitor.post("/console/password-reset", [("identifier", "nobody@example.cn")])
            #expect(answer.status == .seeOther && answer.location == "/console/password-reset?sent=1")
            let bad = try await visitor.get("/console/password-reset?token=rst_guess")
            #expect(bad.status == .ok && bad.html.contains(#"name="newPassword""#))
            let refused = try await visitor.post(
                "/console/password-reset/complete", [("token", "rst_guess"), ("newPassword", "meadow copper violin 4")])
            #expect(refused.status == .conflict)
        }
    }
}
