import Foundation
import HTTPTypes
import HummingbirdTesting
import Kernel
import NIOCore
import Testing

/// Match subscriptions (issue 17's first "done when"): an enterprise posts a need and the
/// university whose portfolio matches is told in its inbox, with the need to open; an
/// enterprise subscribed to its need hears of a new matching patent. Nobody subscribes for
/// another organisation's need or to a portfolio they do not have.
struct MatchSubscriptionRoutesTests {
    @Test func aNewNeedReachesTheMatchingUniversityAndNewSupplyTheNeed() async throws {
        let world = try HTTPWorld()
        let routes = ListingRoutesTests()
        let university = try await routes.signIn(world, "university", "WH", .orgMember, "tto.sub")
        let enterprise = try await routes.signIn(world, "enterprise", "HS", .orgAdmin, "eng.sub")
        let stranger = try await routes.signIn(world, "enterprise", "EZ", .orgAdmin, "eng.sub2")
        let deadline = Timestamp.format(Date().addingTimeInterval(90 * 86_400))
        try await world.test { client in
            func call(
                _ method: HTTPRequest.Method, _ uri: String, _ token: String, _ body: String? = nil
            )
                async throws -> (HTTPResponse.Status, [String: Any])
            {
                var result: (HTTPResponse.Status, [String: Any]) = (.ok, [:])
                try await client.execute(
                    uri: uri, method: method, headers: headers(token: token), body: body.map { ByteBuffer(string: $0) }
                ) { response in
                    result = (response.status, (try? json(response.body)) ?? [:])
                }
                return result
            }
            #expect(try await call(.post, "/v1/patents", university, ListingRoutesTests.patent).0 == .created)
            let (subscribed, portfolio) = try await call(
                .post, "/v1/match-subscriptions", university, #"{"subject":"portfolio","minScore":0}"#)
            #expect(subscribed == .created && portfolio["subject"] as? String == "portfolio", "\(portfolio)")
            _ = try await world.services.matchSubscriptionEvaluation.run()  // marks where the listings end

            let (posted, need) = try await call(
                .post, "/v1/needs", enterprise, ListingRoutesTests.need(deadline: deadline))
            #expect(posted == .created)
            let needID = need["id"] as? Int64 ?? 0
            #expect(try await world.services.matchSubscriptionEvaluation.run() == 1)
            _ = try await world.services.outboxDrain.drain()
            let (_, inbox) = try await call(.get, "/v1/notifications", university)
            let item = (inbox["items"] as? [[String: Any]] ?? []).first { $0["kind"] as? String == "match.found" }
            #expect(
                item?["targetType"] as? String == "need" && item?["targetId"] as? String == String(needID), "\(inbox)")
            let (_, strangerInbox) = try await call(.get, "/v1/notifications", stranger)
            #expect((strangerInbox["items"] as? [Any])?.isEmpty == true)

            // The enterprise follows its need; a new matching patent tells it.
            let (needSub, _) = try await call(
                .post, "/v1/match-subscriptions", enterprise, #"{"subject":"need","needId":\#(needID),"minScore":0}"#)
            #expect(needSub == .created)
            let second = ListingRoutesTests.patent.replacingOccurrences(
                of: "ZL201710601862.3", with: "ZL201510000001.0")
            #expect(try await call(.post, "/v1/patents", university, second).0 == .created)
            #expect(try await world.services.matchSubscriptionEvaluation.run() == 1)
            _ = try await world.services.outboxDrain.drain()
            let (_, enterpriseInbox) = try await call(.get, "/v1/notifications", enterprise)
            #expect(
                (enterpriseInbox["items"] as? [[String: Any]] ?? []).contains {
                    $0["kind"] as? String == "match.found" && $0["targetType"] as? String == "patent"
                }, "\(enterpriseInbox)")

            // Refusals, each with its code.
            for (token, body, status, code) in [
                (enterprise, #"{"subject":"portfolio"}"#, HTTPResponse.Status.forbidden, "subscription_not_research"),
                (stranger, #"{"subject":"need","needId":\#(needID)}"#, .notFound, "need_not_found"),
                (
                    university, #"{"subject":"portfolio","minScore":5000}"#, .unprocessableContent,
                    "min_score_out_of_range"
                ),
                (
                    university, #"{"subject":"portfolio","needId":\#(needID)}"#, .unprocessableContent,
                    "need_not_expected"
                ),
            ] {
                let (answered, problem) = try await call(.post, "/v1/match-subscriptions", token, body)
                #expect(answered == status && problem["code"] as? String == code, "\(body): \(problem)")
            }
            let id = portfolio["id"] as? Int64 ?? 0
            #expect(try await call(.delete, "/v1/match-subscriptions/\(id)", stranger).0 == .notFound)
            #expect(try await call(.delete, "/v1/match-subscriptions/\(id)", university).0 == .ok)
            let (_, left) = try await call(.get, "/v1/match-subscriptions", university)
            #expect((left["items"] as? [Any])?.isEmpty == true)
        }
    }
}
