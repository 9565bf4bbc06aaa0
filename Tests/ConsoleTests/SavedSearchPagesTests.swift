@testable import Console
import Foundation
import Identity
import Kernel
import Testing

/// Saving a search from the console (issue 17): the search page offers it to a signed-in
/// visitor, the feed's address is shown once, another person cannot delete it, a hostile name is
/// refused in place with nothing written.
struct SavedSearchPagesTests {
    @Test func aSearchIsSavedListedAndOnlyItsOwnerDeletesIt() async throws {
        let world = try await ConsoleWorld()
        let owner = try await world.user(.orgMember, kind: .enterprise, city: .huangshi, username: "hs.saver")
        let other = try await world.user(.orgMember, kind: .enterprise, city: .wuhan, username: "wh.other")
        try await world.test { client in
            let anonymous = Browser(client)
            #expect(try await anonymous.get("/console?q=电池").html.contains("save-search") == false)
            let browser = Browser(client)
            try await browser.signIn(owner.username, owner.password)
            let search = try await browser.get("/console?q=电池&city=WH")
            #expect(search.html.contains(#"action="/console/saved-searches""#))
            #expect(search.html.contains(#"<input type="hidden" name="city" value="WH">"#))
            let refused = try await browser.post(
                "/console/saved-searches", [("q", "电池"), ("city", "WH"), ("name", "电池\u{7}")])
            #expect(refused.status == .unprocessableContent && refused.html.contains("名称不能含控制字符"))
            #expect(try await world.count("SELECT count(*) FROM saved_searches") == 0)
            _ = try await browser.get("/console?q=电池&city=WH")
            let saved = try await browser.post(
                "/console/saved-searches", [("q", "电池"), ("city", "WH"), ("name", "<b>电池</b>")])
            #expect(saved.status == .created)
            #expect(saved.html.contains(#"<code class="feed-url">/v1/feeds/saved/"#))
            #expect(saved.html.contains("&lt;b&gt;电池&lt;/b&gt;") && !saved.html.contains("<b>电池</b>"))
            let list = try await browser.get("/console/saved-searches")
            #expect(!list.html.contains("feed-url"), "the address is shown once")
            #expect(list.html.contains("“电池”") && list.html.contains("武汉"))
            let id = try #require(
                try await world.database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM saved_searches") })

            let intruder = Browser(client)
            try await intruder.signIn(other.username, other.password)
            _ = try await intruder.get("/console/saved-searches")
            let attempt = try await intruder.post("/console/saved-searches/\(id)/delete", [])
            #expect(attempt.status == .notFound)
            #expect(try await world.count("SELECT count(*) FROM saved_searches WHERE deleted_at IS NULL") == 1)

            _ = try await browser.get("/console/saved-searches")
            let deleted = try await browser.post("/console/saved-searches/\(id)/delete", [])
            #expect(deleted.status == .seeOther && deleted.location == "/console/saved-searches?done=deleted")
            #expect(try await world.count("SELECT count(*) FROM saved_searches WHERE deleted_at IS NULL") == 0)
        }
    }
}
