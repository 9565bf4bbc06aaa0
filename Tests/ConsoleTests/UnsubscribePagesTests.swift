import Foundation
import Identity
import Kernel
import Notifications
import Testing

/// The page a notification e-mail's "stop e-mail of this kind" link opens: fetching it changes
/// nothing (mail scanners fetch links); its button turns that category's e-mail off for the
/// person the link names; an altered link is refused with a message and writes nothing.
struct UnsubscribePagesTests {
    @Test func fetchingAsksThePostUnsubscribesAndAForgedLinkIsRefused() async throws {
        let world = try await ConsoleWorld(listings: false)
        let person = try await world.user(.orgMember, kind: .enterprise, city: .xianning, username: "li.xn")
        let user = try await world.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = 'li.xn'") ?? 0
        }
        let mac = MailUnsubscribe.mac(key: world.services.unsubscribeKey, user: user, category: .discovery)
        let link = try #require(
            MailUnsubscribe.url(
                base: "", key: world.services.unsubscribeKey, user: user, category: .discovery, page: true))
        let audited = "SELECT count(*) FROM audit_log WHERE action = 'notification.unsubscribe'"
        try await world.test { client in
            let browser = Browser(client)
            let page = try await browser.get(link.absoluteString)
            #expect(page.status == .ok && page.html.contains("发现与匹配") && page.html.contains("确认退订"))
            #expect(try await world.count(audited) == 0, "fetching the link changes nothing")

            let forged = try await browser.post(
                "/console/unsubscribe",
                [("user", String(user)), ("category", "discovery"), ("mac", String(mac.reversed()))])
            #expect(forged.status == .notFound && forged.html.contains("退订链接无效"))
            let otherPerson = try await browser.post(
                "/console/unsubscribe", [("user", String(user + 1)), ("category", "discovery"), ("mac", mac)])
            #expect(otherPerson.status == .notFound)
            #expect(try await world.count(audited) == 0)

            let done = try await browser.post(
                "/console/unsubscribe", [("user", String(user)), ("category", "discovery"), ("mac", mac)])
            #expect(done.status == .ok && done.html.contains("已退订此类邮件"))
            #expect(try await world.count(audited) == 1)
            let broken = try await browser.get("/console/unsubscribe?user=1&category=%3Cscript%3E&mac=x")
            #expect(broken.html.contains("退订链接无效") && !broken.html.contains("<script>"))
        }
        let preferences = try await world.services.preferences.effective(
            for: Actor(
                userID: user, organizationID: person.organization, city: .xianning, role: .orgMember,
                requestID: "t"))
        #expect(preferences.first { $0.category == .discovery }?.email == false)
    }
}
