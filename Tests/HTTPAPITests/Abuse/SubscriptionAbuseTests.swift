import CorridorCrypto
import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Attacks on saved searches, match subscriptions and feeds (issue 17): a race of 64 past the
/// per-person limit, 64 token renewals at once, a replayed creation, another organisation's
/// person reaching for someone else's search or need, and guessed feed tokens.
struct SubscriptionAbuseTests {
    static let save = #"{"name":"检测","query":{"text":"检测"}}"#

    @Test func sixtyFourSavesAtOnceStopAtTheLimit() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let answers = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for _ in 0..<64 {
                    group.addTask {
                        let (status, body) = try await c.call(.post, "/v1/saved-searches", "member", Self.save)
                        return (status, body["code"] as? String)
                    }
                }
                return try await group.reduce(into: [(HTTPResponse.Status, String?)]()) { $0.append($1) }
            }
            #expect(answers.filter { $0.0 == .created }.count == 50, "the limit is 50 a person")
            #expect(answers.filter { $0.1 == "saved_search_limit" }.count == 14)
            #expect(!answers.contains { $0.0 == .internalServerError })
            let (_, list) = try await c.call(.get, "/v1/saved-searches", "member")
            #expect((list["items"] as? [Any])?.count == 50)
        }
    }

    @Test func sixtyFourRenewalsLeaveOneWorkingFeed() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let (_, created) = try await c.call(.post, "/v1/saved-searches", "member", Self.save)
            let id = (created["search"] as? [String: Any])?["id"] as? Int64 ?? 0
            let paths = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<64 {
                    group.addTask {
                        try await c.call(.post, "/v1/saved-searches/\(id)/feed", "member", "{}").1["feedPath"]
                            as? String
                    }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            let issued = paths.compactMap { $0 } + [created["feedPath"] as? String].compactMap { $0 }
            #expect(issued.count == 65 && Set(issued).count == 65, "each renewal is a new token")
            // Which token reads the feed is the one whose hash is stored: exactly one of them (asked
            // of the database, as 129 requests would meet the rate limit).
            let stored = try await c.stage.world.database.read { db in
                try String.fetchOne(
                    db, sql: "SELECT feed_token_sha256 FROM saved_searches WHERE id = ?", arguments: [id])
            }
            let live = issued.filter {
                Digest.sha256(String($0.dropFirst("/v1/feeds/saved/".count))).hexString == stored
            }
            #expect(live.count == 1, "only the last token reads the feed")
            // Another caller's budget reads it (the member's own is spent by the race).
            if let path = live.first { #expect(try await c.call(.get, path, "auditor").0 == .ok) }
        }
    }

    @Test func replaysStrangersAndGuessesGetNothing() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            // A replayed creation answers the same search, once, without its token.
            let (_, first) = try await c.call(.post, "/v1/saved-searches", "member", Self.save, key: "save-once")
            let (_, again) = try await c.call(.post, "/v1/saved-searches", "member", Self.save, key: "save-once")
            let id = (first["search"] as? [String: Any])?["id"] as? Int64
            #expect(id != nil && (again["search"] as? [String: Any])?["id"] as? Int64 == id)
            #expect(first["feedPath"] is String && (again["feedPath"] == nil || again["feedPath"] is NSNull))
            let (_, mine) = try await c.call(.get, "/v1/saved-searches", "member")
            #expect((mine["items"] as? [Any])?.count == 1)
            // Another organisation's administrator, and a colleague: not found, whatever they try.
            for who in ["provider", "enterprise"] {
                #expect(try await c.call(.delete, "/v1/saved-searches/\(id ?? 0)", who).0 == .notFound)
                #expect(try await c.call(.post, "/v1/saved-searches/\(id ?? 0)/feed", who, "{}").0 == .notFound)
            }
            // A provider is no research organisation; nor may it follow the enterprise's need.
            let (_, need) = try await c.call(
                .post, "/v1/needs", "enterprise", ListingRoutesTests.need(deadline: "2027-02-01T00:00:00Z"))
            let needID = need["id"] as? Int64 ?? 0
            let (portfolio, _) = try await c.call(
                .post, "/v1/match-subscriptions", "provider", #"{"subject":"portfolio"}"#)
            #expect(portfolio == .forbidden)
            let (foreign, problem) = try await c.call(
                .post, "/v1/match-subscriptions", "provider", #"{"subject":"need","needId":\#(needID)}"#)
            #expect(foreign == .notFound && problem["code"] as? String == "need_not_found")
            // The need's own organisation may, even its member.
            let (own, _) = try await c.call(
                .post, "/v1/match-subscriptions", "member", #"{"subject":"need","needId":\#(needID)}"#)
            #expect(own == .created)
            // Guessed or malformed feed tokens.
            for token in [String(repeating: "f", count: 64), "../../etc/passwd", String(repeating: "a", count: 63)] {
                let encoded = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
                let (status, _) = try await c.call(.get, "/v1/feeds/saved/\(encoded)", "auditor")
                #expect(status == .notFound || status == .unprocessableContent, "\(token)")
            }
        }
    }
}
