import Foundation
import HTTPTypes
import HummingbirdTesting
import Kernel
import NIOCore
import Testing

/// Saved searches (issue 17): a new listing that matches tells the owner through the inbox;
/// the private feed's token is shown once and kept only as a hash; another user cannot touch
/// the search; a renewed or revoked token stops working.
struct SavedSearchRoutesTests {
    @Test func aNewMatchingPatentReachesTheOwnerAndTheFeed() async throws {
        let world = try HTTPWorld()
        let routes = ListingRoutesTests()
        let university = try await routes.signIn(world, "university", "WH", .orgAdmin, "tto.saved")
        let enterprise = try await routes.signIn(world, "enterprise", "HS", .orgMember, "eng.saved")
        let stranger = try await routes.signIn(world, "enterprise", "EZ", .orgAdmin, "eng.stranger")
        try await world.test { client in
            func call(
                _ method: HTTPRequest.Method, _ uri: String, _ token: String?, _ body: String? = nil, key: String? = nil
            )
                async throws -> (HTTPResponse.Status, ByteBuffer)
            {
                var fields: HTTPFields = token.map { headers(token: $0) } ?? [:]
                if let key { fields[HTTPField.Name("Idempotency-Key")!] = key }
                var result: (HTTPResponse.Status, ByteBuffer) = (.ok, ByteBuffer())
                try await client.execute(
                    uri: uri, method: method, headers: fields, body: body.map { ByteBuffer(string: $0) }
                ) { response in result = (response.status, response.body) }
                return result
            }
            let save = #"{"name":"锂电池专利","query":{"text":"锂电池 正极","kinds":["patent"],"city":"WH"}}"#
            let (created, createdBody) = try await call(.post, "/v1/saved-searches", enterprise, save, key: "save-1")
            let first = try json(createdBody)
            #expect(created == .created, "\(first)")
            let feedPath = try #require(first["feedPath"] as? String)
            #expect(feedPath.hasPrefix("/v1/feeds/saved/") && feedPath.count == "/v1/feeds/saved/".count + 64)
            let token = String(feedPath.dropFirst("/v1/feeds/saved/".count))
            let id = (first["search"] as? [String: Any])?["id"] as? Int64 ?? 0
            let (_, replayBody) = try await call(.post, "/v1/saved-searches", enterprise, save, key: "save-1")
            let replay = try json(replayBody)
            #expect(replay["feedPath"] is NSNull || replay["feedPath"] == nil, "a replay never shows the token again")
            let stored = try await world.database.read { db in
                (
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM idempotency_keys WHERE response LIKE ?",
                        arguments: ["%\(token)%"]),
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM saved_searches WHERE feed_token_sha256 = ?", arguments: [token]),
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM audit_log WHERE change LIKE ?", arguments: ["%\(token)%"])
                )
            }
            #expect(stored.0 == 0 && stored.1 == 0 && stored.2 == 0, "the token is nowhere at rest")

            // The first run only notes where the listings end; a matching patent then tells the owner.
            _ = try await world.services.savedSearchEvaluation.run()
            let (posted, _) = try await call(.post, "/v1/patents", university, ListingRoutesTests.patent)
            #expect(posted == .created)
            let other = ListingRoutesTests.patent
                .replacingOccurrences(of: "ZL201710601862.3", with: "ZL201510000001.0")
                .replacingOccurrences(of: "一种高能量密度锂电池正极材料的制备方法", with: "一种水稻育种方法")
                .replacingOccurrences(of: "本发明公开了一种锂电池正极材料及其制备方法，提高了循环寿命。", with: "本发明公开了一种杂交水稻育种方法。")
                .replacingOccurrences(of: #"["锂电池","正极材料"]"#, with: #"["水稻"]"#)
            #expect(try await call(.post, "/v1/patents", university, other).0 == .created)
            let report = try await world.services.savedSearchEvaluation.run()
            #expect(report.matched == 1 && report.newListings == 2, "\(report)")
            _ = try await world.services.outboxDrain.drain()
            let (_, inboxBody) = try await call(.get, "/v1/notifications", enterprise)
            let items = try json(inboxBody)["items"] as? [[String: Any]] ?? []
            #expect(items.contains { $0["kind"] as? String == "saved_search.matched" }, "\(items)")
            let (_, strangerInbox) = try await call(.get, "/v1/notifications", stranger)
            #expect((try json(strangerInbox)["items"] as? [Any])?.isEmpty == true)
            #expect(try await world.services.savedSearchEvaluation.run().matched == 0, "nothing new, nothing told")

            let (feedStatus, feed) = try await call(.get, feedPath, nil)
            #expect(feedStatus == .ok && String(buffer: feed).contains("锂电池正极材料"))
            #expect(!String(buffer: feed).contains("水稻"))
            let (guessed, guessedBody) = try await call(
                .get, "/v1/feeds/saved/" + String(repeating: "0", count: 64), nil)
            let guessedCode = try json(guessedBody)["code"] as? String
            #expect(guessed == .notFound && guessedCode == "saved_search_not_found")

            // Another user: not found, whatever they try.
            #expect(try await call(.delete, "/v1/saved-searches/\(id)", stranger).0 == .notFound)
            #expect(try await call(.post, "/v1/saved-searches/\(id)/feed", stranger, "{}").0 == .notFound)
            let (_, strangerList) = try await call(.get, "/v1/saved-searches", stranger)
            #expect((try json(strangerList)["items"] as? [Any])?.isEmpty == true)
            // A new token retires the old; revoking ends the feed.
            let (_, renewed) = try await call(.post, "/v1/saved-searches/\(id)/feed", enterprise, "{}")
            let newPath = try #require(try json(renewed)["feedPath"] as? String)
            #expect(newPath != feedPath)
            #expect(try await call(.get, feedPath, nil).0 == .notFound)
            #expect(try await call(.get, newPath, nil).0 == .ok)
            _ = try await call(.post, "/v1/saved-searches/\(id)/feed", enterprise, #"{"revoke":true}"#)
            #expect(try await call(.get, newPath, nil).0 == .notFound)

            // Hostile or empty input is refused with its code, nothing written.
            for (body, code) in [
                (#"{"name":"a\u0007b","query":{"text":"锂电池"}}"#, "control_characters"),
                (#"{"name":"空","query":{"text":"！！！"}}"#, "query_has_no_terms"),
                (#"{"name":"  ","query":{}}"#, "required"),
                (#"{"name":"x","query":{"city":"BJ"}}"#, "invalid_value"),
            ] {
                let (status, problem) = try await call(.post, "/v1/saved-searches", enterprise, body)
                let answered = try json(problem)["code"] as? String
                #expect(status == .unprocessableContent && answered == code, "\(body)")
            }
            #expect(try await call(.delete, "/v1/saved-searches/\(id)", enterprise).0 == .ok)
            let (_, mine) = try await call(.get, "/v1/saved-searches", enterprise)
            #expect((try json(mine)["items"] as? [Any])?.isEmpty == true)
        }
    }
}
