import Foundation
import HTTPTypes
import Identity
import NIOCore
import Testing

/// Smaller leaks (issue 14), each tried through the API: a city's internal note left on a
/// published challenge, the id of someone else's unpublished patent in a conflict, feedback that
/// probes for hidden listings or praises one's own, and who objected to a provider.
struct LeakAbuseTests {
    /// The stage with a Wuhan university member, signed in through the real login.
    static func stage() async throws -> AbuseWorld {
        var stage = try await AbuseWorld()
        stage.tokens["university"] = try await ListingRoutesTests().signIn(
            stage.world, "university", "WH", .orgAdmin, "tto.wh")
        return stage
    }

    static func patent(_ number: String, status: String = "listed") -> String {
        ListingRoutesTests.patent.replacingOccurrences(of: "ZL201710601862.3", with: number)
            .replacingOccurrences(of: #""trl":6"#, with: #""trl":6,"status":"\#(status)""#)
    }

    @Test func aRejectionNoteIsNotPublishedWithTheChallenge() async throws {
        let stage = try await Self.stage()
        try await stage.run { c in
            let body =
                #"{"year":2026,"title":"光纤传感监测系统攻关","description":"面向长江大桥的分布式光纤传感监测。","goals":"毫米级形变监测","indicators":["精度 ≤ 1 mm"],"fields":["optoelectronics"],"rewardFen":100000000,"tranches":[{"name":"揭榜立项","amountFen":60000000},{"name":"最终验收","amountFen":40000000}],"deadline":"2026-12-20T00:00:00Z","reviewMode":"expert","eligibility":{"organizationKinds":["university","institute"],"cities":[]}}"#
            let (created, challenge) = try await c.post("/v1/challenges", "enterprise", body)
            #expect(created == .created, "\(challenge)")
            let path = "/v1/challenges/\(challenge["id"] as? Int64 ?? 0)"
            _ = try await c.post(path + "/transitions", "enterprise", #"{"event":"submit"}"#)
            let note = "内部意见：该企业上年度纳税异常，暂缓"
            let (rejected, draft) = try await c.post(
                path + "/transitions", "hs", #"{"event":"reject_approval","reason":"\#(note)"}"#)
            #expect(rejected == .ok && (draft["reasons"] as? [String: String])?["rejectApproval"] == note, "\(draft)")
            // The owner resubmits; the city approves; the challenge is public.
            _ = try await c.post(path + "/transitions", "enterprise", #"{"event":"submit"}"#)
            let (approved, published) = try await c.post(path + "/transitions", "hs", #"{"event":"approve"}"#)
            #expect(approved == .ok && published["state"] as? String == "published", "\(published)")
            var publicView: [String: Any] = [:]
            try await c.client.execute(uri: path, method: .get) { response in
                publicView = try json(response.body)["challenge"] as? [String: Any] ?? [:]
            }
            #expect(publicView["state"] as? String == "published", "\(publicView)")
            #expect((publicView["reasons"] as? [String: String])?["rejectApproval"] == nil, "\(publicView)")
            let (_, listed) = try await c.call(.get, "/v1/challenges?year=2026", "member")
            #expect(!"\(listed)".contains(note))
            // The note is kept where the record belongs: the audit log.
            let kept = try await c.stage.world.database.read { db in
                try Int.fetchOne(
                    db,
                    sql: "SELECT count(*) FROM audit_log WHERE action = 'challenge.reject_approval' AND change LIKE ?",
                    arguments: ["%\(note)%"])
            }
            #expect(kept == 1)
        }
    }

    @Test func aTakenPatentNumberNamesOnlyAPatentTheCallerMaySee() async throws {
        let stage = try await Self.stage()
        try await stage.run { c in
            let (draftCreated, draft) = try await c.post(
                "/v1/patents", "university", Self.patent("ZL201710601862.3", status: "draft"))
            #expect(draftCreated == .created, "\(draft)")
            let (hiddenCreated, hidden) = try await c.post("/v1/patents", "university", Self.patent("ZL201520012345.9"))
            #expect(hiddenCreated == .created, "\(hidden)")
            let (moderated, _) = try await c.post(
                "/v1/patents/\(hidden["id"] as? Int64 ?? 0)/moderation", "platform", #"{"hidden":true,"reason":"权属争议"}"#
            )
            #expect(moderated == .ok)
            for number in ["ZL201710601862.3", "ZL201520012345.9"] {
                // Another organisation learns the number is listed, not where.
                let (status, problem) = try await c.post("/v1/patents", "enterprise", Self.patent(number))
                #expect(status == .conflict && problem["code"] as? String == "patent_number_taken", "\(problem)")
                #expect(
                    problem["patentId"] == nil && (problem["details"] as? [String: Any])?["patentId"] == nil,
                    "\(problem)")
                // The owner may read its own patent, so it is told which.
                let (again, own) = try await c.post("/v1/patents", "university", Self.patent(number))
                #expect(
                    again == .conflict && (own["details"] as? [String: Any])?["patentId"] as? Int64 != nil, "\(own)")
            }
        }
    }

    @Test func feedbackCannotProbeHiddenListingsNorPraiseOnesOwn() async throws {
        let stage = try await Self.stage()
        try await stage.run { c in
            let deadline = "2027-03-01T00:00:00Z"
            let (_, need) = try await c.post("/v1/needs", "enterprise", ListingRoutesTests.need(deadline: deadline))
            let needID = need["id"] as? Int64 ?? 0
            let (_, hidden) = try await c.post("/v1/patents", "university", Self.patent("ZL201710601862.3"))
            let (_, draft) = try await c.post(
                "/v1/patents", "university", Self.patent("ZL201520012345.9", status: "draft"))
            _ = try await c.post(
                "/v1/patents/\(hidden["id"] as? Int64 ?? 0)/moderation", "platform", #"{"hidden":true,"reason":"权属争议"}"#
            )
            func feedback(
                _ candidate: Any?, _ action: String = "contacted"
            ) async throws -> (HTTPResponse.Status, [String: Any]) {
                try await c.post(
                    "/v1/matches/feedback", "enterprise",
                    #"{"subjectKind":"need","subjectId":\#(needID),"candidateKind":"patent","candidateId":\#(candidate as? Int64 ?? 0),"action":"\#(action)"}"#
                )
            }
            // Hidden, draft and missing candidates get the same answer.
            let missing = try await feedback(Int64(9_999_999))
            #expect(missing.0 == .notFound && missing.1["code"] as? String == "candidate_not_found")
            for candidate in [hidden["id"], draft["id"]] {
                let answer = try await feedback(candidate)
                #expect(
                    answer.0 == missing.0 && answer.1["code"] as? String == "candidate_not_found"
                        && answer.1["field"] as? String == "candidateId", "\(answer.1)")
            }
            // A "deal" with one's own patent would raise it in others' matches.
            let (_, own) = try await c.post("/v1/patents", "enterprise", Self.patent("ZL201620098765.8"))
            #expect(own["id"] as? Int64 != nil, "\(own)")
            let (refused, problem) = try await feedback(own["id"], "deal")
            #expect(refused == .unprocessableContent && problem["code"] as? String == "candidate_is_own", "\(problem)")
            let recorded = try await c.stage.world.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM match_feedback")
            }
            #expect(recorded == 0)
        }
    }

    @Test func whoObjectedToAProviderIsShownToItsCityOnly() async throws {
        let stage = try await Self.stage()
        try await stage.run { c in
            let (_, applied) = try await c.post("/v1/providers", "provider", #"{"categories":["testing"]}"#)
            let path = "/v1/providers/\(applied["id"] as? Int64 ?? 0)"
            _ = try await c.post(path + "/actions", "wh", #"{"action":"approve"}"#)
            let (objected, body) = try await c.post(path + "/objections", "enterprise", #"{"reason":"该机构曾出具虚假检测报告"}"#)
            #expect(objected == .created, "\(body)")
            func objection(_ who: String?) async throws -> [String: Any]? {
                var view: [String: Any] = [:]
                try await c.client.execute(uri: path, method: .get, headers: headers(token: who.map(c.stage.token))) {
                    response in
                    view = try json(response.body)
                }
                return (view["objections"] as? [[String: Any]])?.first
            }
            // The objector's own answer, the public, the provider itself and a rival city: no name.
            #expect((body["objections"] as? [[String: Any]])?.first?["organizationId"] == nil, "\(body)")
            for who in [nil, "provider", "hs", "member"] as [String?] {
                let seen = try await objection(who)
                #expect(seen?["reason"] as? String == "该机构曾出具虚假检测报告")
                #expect(seen?["organizationId"] == nil, "\(who ?? "anonymous") sees the objector")
            }
            let (_, page) = try await c.call(.get, "/v1/providers?status=in_notice", "provider")
            let listed =
                (page["items"] as? [[String: Any]])?.flatMap { ($0["objections"] as? [[String: Any]]) ?? [] } ?? []
            #expect(listed.count == 1 && listed.allSatisfy { $0["organizationId"] == nil }, "\(page)")
            // The provider's city decides on it, and the platform and auditors oversee: they see who.
            for who in ["wh", "platform", "auditor"] {
                #expect(try await objection(who)?["organizationId"] as? Int64 == c.stage.enterpriseOrg, "\(who)")
            }
        }
    }
}
