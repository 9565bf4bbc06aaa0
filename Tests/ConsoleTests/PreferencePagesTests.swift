@testable import Console
import Foundation
import GRDB
import HTTPTypes
import Identity
import Kernel
import Testing

/// Notification preferences in the console (issue 17): a person sees the platform's defaults,
/// saves their own (an unticked box is off), is refused a category without any channel; an
/// organisation's administrator also sets its defaults, which a member does not see.
struct PreferencePagesTests {
    @Test func aPersonSavesTheirOwnAndAnAdministratorTheOrganisations() async throws {
        let world = try await ConsoleWorld(listings: false)
        let admin = try await world.user(.orgAdmin, kind: .enterprise, city: .wuhan, username: "wh.enterprise")
        let member = try await world.user(.orgMember, kind: .enterprise, city: .wuhan, username: "wh.member")
        try await world.test { client in
            let anonymous = try await Browser(client).get("/console/notifications/preferences")
            #expect(anonymous.status == .seeOther)
            let person = Browser(client)
            try await person.signIn(member.username, member.password)
            let first = try await person.get("/console/notifications/preferences")
            #expect(first.status == .ok && first.html.contains("平台默认"))
            #expect(first.html.contains(#"<option value="daily_digest" selected>每日汇总</option>"#))
            #expect(!first.html.contains(#"action="/console/notifications/defaults""#), "a member sets no defaults")
            let fields: [(String, String)] = [
                ("money.inbox", "1"), ("money.email", "1"), ("money.timing", "immediate"),
                ("workflow.inbox", "1"), ("workflow.timing", "daily_digest"),
                ("discovery.email", "1"), ("discovery.timing", "daily_digest"),
            ]
            let saved = try await person.post("/console/notifications/preferences", fields)
            #expect(saved.status == .seeOther && saved.location == "/console/notifications/preferences?done=1")
            let after = try await person.get(saved.location ?? "")
            #expect(after.html.contains("通知设置已保存") && after.html.contains("本人"))
            #expect(try await world.count("SELECT count(*) FROM notification_preferences WHERE scope = 'user'") == 3)
            let silent = try await person.post(
                "/console/notifications/preferences",
                [("money.timing", "immediate"), ("workflow.inbox", "1"), ("discovery.inbox", "1")])
            #expect(silent.status == .unprocessableContent && silent.html.contains("每类通知至少选择一个渠道"))
            #expect(try await person.post("/console/notifications/defaults", fields).status == .forbidden)
            let administrator = Browser(client)
            try await administrator.signIn(admin.username, admin.password)
            let page = try await administrator.get("/console/notifications/preferences")
            #expect(page.html.contains(#"action="/console/notifications/defaults""#))
            let defaults = try await administrator.post("/console/notifications/defaults", fields)
            #expect(defaults.status == .seeOther)
            #expect(
                try await world.count("SELECT count(*) FROM notification_preferences WHERE scope = 'organization'")
                    == 3)
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'notification.defaults'") == 1)
        }
    }
}
