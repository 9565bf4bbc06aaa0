@testable import Console
import Foundation
import Identity
import Kernel
import Testing

/// The account page: a wrong current password is shown next to its field; a change ends every
/// other session (another browser is sent to sign in); an organisation's admin sees its
/// sign-in alerts, a member does not.
struct AccountPagesTests {
    @Test func changingThePasswordEndsTheOtherSessions() async throws {
        let world = try await ConsoleWorld(listings: false)
        let admin = try await world.user(.orgAdmin, kind: .enterprise, city: .huangshi, username: "hs.account")
        let member = try await world.user(.orgMember, kind: .enterprise, city: .huangshi, username: "hs.member")
        try await world.test { client in
            let here = Browser(client), elsewhere = Browser(client)
            try await here.signIn(admin.username, admin.password)
            try await elsewhere.signIn(admin.username, admin.password)
            let page = try await here.get("/console/account")
            #expect(page.status == .ok && page.html.contains("登录告警"))
            let wrong = try await here.post(
                "/console/account/password", [("currentPassword", "guess"), ("newPassword", "a brand new password")])
            #expect(wrong.status == .unprocessableContent && wrong.html.contains(#"id="currentPassword-error""#))
            _ = try await here.get("/console/account")
            let changed = try await here.post(
                "/console/account/password",
                [("currentPassword", admin.password), ("newPassword", "a brand new password")])
            #expect(changed.status == .seeOther && changed.location == "/console/account?done=1")
            #expect(try await here.get("/console/account").status == .ok, "this session goes on")
            let other = try await elsewhere.get("/console/account")
            #expect(
                other.status == .seeOther && other.location?.hasPrefix("/console/login") == true,
                "the other session ended")
            let plain = Browser(client)
            try await plain.signIn(member.username, member.password)
            let memberPage = try await plain.get("/console/account")
            #expect(
                memberPage.status == .ok && !memberPage.html.contains("登录告警") && !memberPage.html.contains("/disable"))
            // The administrator disables the member: the member's session ends at once.
            let users = try await here.get("/console/account")
            #expect(users.html.contains("/console/account/users/") && users.html.contains(member.username))
            let (memberID, adminID) = try await world.database.read { db in
                (
                    try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = ?", arguments: [member.username])
                        ?? 0,
                    try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = ?", arguments: [admin.username])
                        ?? 0
                )
            }
            #expect(
                try await plain.post("/console/account/users/\(adminID)/disable", []).status == .notFound,
                "a member disables nobody")
            #expect(try await here.post("/console/account/users/\(memberID)/disable", []).status == .seeOther)
            #expect(try await plain.get("/console/account").status == .seeOther, "the disabled member is signed out")
        }
    }
}
