@testable import Console
import Foundation
import GRDB
import Identity
import Kernel
import Testing

/// Moderation in the console: a platform administrator hides a need with a reason (refused
/// without one, nothing written), the public no longer sees it, and it is shown again; nobody
/// else reaches the page.
struct ModerationPagesTests {
    @Test func thePlatformHidesANeedWithAReasonAndShowsItAgain() async throws {
        let world = try await ConsoleWorld(listings: true)
        let admin = try await world.user(.platformAdmin, kind: .platform, city: .wuhan, username: "platform.moderator")
        let owner = try await world.user(.orgAdmin, kind: .enterprise, city: .wuhan, username: "wh.owner")
        let need = try #require(
            try await world.database.read { db in
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM listings WHERE kind = 'need' AND owner_org_id = ? ORDER BY id",
                    arguments: [owner.organization])
            })
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(admin.username, admin.password)
            let listing = try await browser.get("/console/needs/\(need)")
            #expect(listing.html.contains(#"href="/console/moderation/need/\#(need)""#))
            let page = try await browser.get("/console/moderation/need/\(need)")
            #expect(page.status == .ok && page.html.contains(#"name="reason""#))
            let blank = try await browser.post(
                "/console/moderation/need/\(need)", [("action", "hide"), ("reason", "  ")])
            #expect(blank.status == .unprocessableContent && blank.html.contains(#"id="reason-error""#))
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'need.moderate'") == 0)
            _ = try await browser.get("/console/moderation/need/\(need)")
            let hidden = try await browser.post(
                "/console/moderation/need/\(need)", [("action", "hide"), ("reason", "联系方式为广告")])
            #expect(hidden.status == .seeOther && hidden.location == "/console/moderation/need/\(need)?done=hidden")
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'need.moderate'") == 1)
            let after = try await browser.get("/console/moderation/need/\(need)?done=hidden")
            #expect(after.html.contains("联系方式为广告") && after.html.contains(#"value="show""#))
            let anonymous = Browser(client)
            #expect(try await anonymous.get("/console/needs/\(need)").status == .notFound)

            let shown = try await browser.post("/console/moderation/need/\(need)", [("action", "show")])
            #expect(shown.status == .seeOther)
            #expect(try await anonymous.get("/console/needs/\(need)").status == .ok)

            let other = Browser(client)
            try await other.signIn(owner.username, owner.password)
            #expect(try await other.get("/console/moderation/need/\(need)").status == .forbidden)
            #expect(try await other.get("/console/needs/\(need)").html.contains("/console/moderation/") == false)
            #expect(try await browser.get("/console/moderation/challenge/\(need)").status == .notFound)
        }
    }
}
