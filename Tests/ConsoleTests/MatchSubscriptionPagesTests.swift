@testable import Console
import Foundation
import GRDB
import Identity
import Kernel
import Listings
import Testing

/// Match subscriptions in the console: an enterprise subscribes to new supply for its own need,
/// is refused for another organisation's need and for a score out of range (nothing written),
/// and unsubscribes; another user cannot remove it.
struct MatchSubscriptionPagesTests {
    @Test func anEnterpriseSubscribesForItsNeedAndUnsubscribes() async throws {
        let world = try await ConsoleWorld(listings: true)
        let user = try await world.user(.orgAdmin, kind: .enterprise, city: .wuhan, username: "wh.alerts")
        let other = try await world.user(.orgAdmin, kind: .enterprise, city: .huangshi, username: "hs.alerts")
        let (own, foreign) = try await world.database.read { db in
            (
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM listings WHERE kind = 'need' AND owner_org_id = ? ORDER BY id",
                    arguments: [user.organization]),
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM listings WHERE kind = 'need' AND owner_org_id != ? ORDER BY id",
                    arguments: [user.organization])
            )
        }
        let need = try #require(own), theirs = try #require(foreign)
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(user.username, user.password)
            let page = try await browser.get("/console/match-subscriptions")
            #expect(page.status == .ok && page.html.contains(#"<option value="\#(need)""#))
            #expect(page.html.contains(#"href="/console/match-subscriptions""#), "in the menu")

            let foreignNeed = try await browser.post(
                "/console/match-subscriptions", [("subject", "need"), ("need", String(theirs)), ("minScore", "40")])
            #expect(foreignNeed.status == .notFound || foreignNeed.status == .unprocessableContent)
            _ = try await browser.get("/console/match-subscriptions")
            let tooHigh = try await browser.post(
                "/console/match-subscriptions", [("subject", "need"), ("need", String(need)), ("minScore", "101")])
            #expect(tooHigh.status == .unprocessableContent && tooHigh.html.contains(#"id="minScore-error""#))
            #expect(try await world.count("SELECT count(*) FROM match_subscriptions WHERE deleted_at IS NULL") == 0)

            _ = try await browser.get("/console/match-subscriptions")
            let created = try await browser.post(
                "/console/match-subscriptions", [("subject", "need"), ("need", String(need)), ("minScore", "40")])
            #expect(created.status == .seeOther && created.location == "/console/match-subscriptions?done=created")
            let listed = try await browser.get("/console/match-subscriptions")
            #expect(listed.html.contains("40 %") && listed.html.contains("/console/needs/\(need)/matches"))
            let id = try #require(
                try await world.database.read { db in
                    try Int64.fetchOne(db, sql: "SELECT id FROM match_subscriptions WHERE min_score = 400")
                })

            let stranger = Browser(client)
            try await stranger.signIn(other.username, other.password)
            _ = try await stranger.get("/console/match-subscriptions")
            let theft = try await stranger.post("/console/match-subscriptions/\(id)/delete", [])
            #expect(theft.status == .notFound || theft.status == .forbidden)
            #expect(try await world.count("SELECT count(*) FROM match_subscriptions WHERE deleted_at IS NULL") == 1)

            _ = try await browser.get("/console/match-subscriptions")
            let deleted = try await browser.post("/console/match-subscriptions/\(id)/delete", [])
            #expect(deleted.status == .seeOther)
            #expect(try await world.count("SELECT count(*) FROM match_subscriptions WHERE deleted_at IS NULL") == 0)
        }
    }
}
