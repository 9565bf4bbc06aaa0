import Foundation
import HTTPTypes
import HummingbirdTesting
import Identity
import Kernel
import Listings
import NIOCore
import Testing

/// A 揭榜挂帅 challenge's whole life through the API: publish, apply, review with a
/// conflict-of-interest refusal, award, a milestone rejected then accepted, closed — every step
/// in the audit log, every illegal step answered 409.
struct ChallengeLifeTests {
    final class Tokens: @unchecked Sendable {
        var owner = "", admin = "", lead = "", rival = "", conflicted = "", neutral = ""
        var conflictedUser: Int64 = 0, neutralUser: Int64 = 0
    }

    func user(_ world: HTTPWorld, _ organization: Int64, _ role: Role, _ name: String) async throws -> (Int64, String) {
        let created = try await world.services.users.create(
            in: organization, .init(username: name, displayName: name, role: role, password: "life password 1"),
            by: .system("test", requestID: "t")
        )
        let token = try await world.services.auth.login(username: name, password: "life password 1", requestID: "t")
            .token
        return (created.user.id, token)
    }

    @Test func aChallengeRunsItsWholeLifeThroughTheAPI() async throws {
        let clock = ManualClock(Date())
        let world = try HTTPWorld(clock: clock) { $0.auth.tokenLifetimeSeconds = 365 * 86_400 }
        let tokens = Tokens()
        let ownerOrg = try await world.organizationID("enterprise", "WH")
        let leadOrg = try await world.organizationID("university", "HS")
        let rivalOrg = try await world.organizationID("university", "XN")
        let neutralOrg = try await world.organizationID("institute", "WH")
        let bureau = try await world.organizationID("government", "WH")
        tokens.owner = try await user(world, ownerOrg, .orgAdmin, "life.owner").1
        tokens.admin = try await user(world, bureau, .cityAdmin, "life.bureau").1
        tokens.lead = try await user(world, leadOrg, .orgAdmin, "life.lead").1
        tokens.rival = try await user(world, rivalOrg, .orgAdmin, "life.rival").1
        (tokens.conflictedUser, tokens.conflicted) = try await user(world, leadOrg, .expert, "life.expert.hs")
        (tokens.neutralUser, tokens.neutral) = try await user(world, neutralOrg, .expert, "life.expert.wh")
        let deadline = Timestamp.format(clock.now().addingTimeInterval(10 * 86_400))
        let year = Calendar(identifier: .gregorian).component(.year, from: clock.now())
        let body =
            #"{"year":\#(year),"title":"北斗高精度定位芯片攻关","description":"面向车道级导航的北斗高精度定位芯片。","goals":"厘米级定位","indicators":["定位精度 ≤ 2 cm"],"fields":["beidou"],"rewardFen":200000000,"tranches":[{"name":"揭榜立项","amountFen":120000000},{"name":"最终验收","amountFen":80000000}],"deadline":"\#(deadline)","reviewMode":"expert","eligibility":{"organizationKinds":["university","institute"],"cities":[]}}"#
        try await world.test { client in
            func post(
                _ path: String, _ token: String, _ json: String
            ) async throws -> (HTTPResponse.Status, [String: Any]) {
                try await client.execute(
                    uri: path, method: .post, headers: headers(token: token), body: ByteBuffer(string: json)
                ) { response in
                    (response.status, try HTTPAPITests.json(response.body))
                }
            }
            func event(
                _ id: Int, _ token: String, _ name: String, extra: String = ""
            ) async throws -> (HTTPResponse.Status, [String: Any]) {
                try await post("/v1/challenges/\(id)/transitions", token, #"{"event":"\#(name)"\#(extra)}"#)
            }
            let auditStart = try await world.snapshot()[3]
            var (status, object) = try await post("/v1/challenges", tokens.owner, body)
            #expect(status == .created)
            let id = try #require(object["id"] as? Int)
            #expect(try await event(id, tokens.owner, "submit").1["state"] as? String == "pending_approval")
            #expect(try await event(id, tokens.admin, "approve").1["state"] as? String == "published")
            // Applications: one per lead organisation.
            let application = #"{"plan":"自主研发基带与射频一体化芯片","budgetFen":150000000,"team":[{"name":"张教授","role":"负责人"}]}"#
            (status, object) = try await post("/v1/challenges/\(id)/applications", tokens.lead, application)
            #expect(status == .created)
            let leadApplication = try #require(object["id"] as? Int)
            (status, object) = try await post("/v1/challenges/\(id)/applications", tokens.lead, application)
            #expect(status == .conflict && object["code"] as? String == "application_exists")
            (status, object) = try await post("/v1/challenges/\(id)/applications", tokens.rival, application)
            let rivalApplication = try #require(object["id"] as? Int)
            // Too early to close; then the deadline passes.
            (status, object) = try await event(id, tokens.owner, "close_applications")
            #expect(status == .conflict && object["code"] as? String == "deadline_not_reached")
            clock.advance(by: 11 * 86_400)
            #expect(
                try await event(id, tokens.owner, "close_applications").1["state"] as? String == "applications_closed")
            for expert in [tokens.conflictedUser, tokens.neutralUser] {
                (status, _) = try await post("/v1/challenges/\(id)/experts", tokens.owner, #"{"userId":\#(expert)}"#)
                #expect(status == .created)
            }
            #expect(try await event(id, tokens.owner, "start_review").1["state"] as? String == "under_review")
            // The Huangshi expert may not score the Huangshi university's application.
            let sheet =
                #"{"declaresNoConflict":true,"scores":[{"criterion":"技术方案","score":91},{"criterion":"团队能力","score":85},{"criterion":"研究基础","score":85}]}"#
            (status, object) = try await post(
                "/v1/challenges/\(id)/applications/\(leadApplication)/scores", tokens.conflicted, sheet)
            #expect(status == .forbidden && object["code"] as? String == "conflict_of_interest")
            (status, _) = try await post(
                "/v1/challenges/\(id)/applications/\(leadApplication)/scores", tokens.neutral, sheet)
            #expect(status == .ok)
            (status, _) = try await post(
                "/v1/challenges/\(id)/applications/\(rivalApplication)/scores", tokens.neutral,
                #"{"declaresNoConflict":true,"scores":[{"criterion":"技术方案","score":70},{"criterion":"团队能力","score":70},{"criterion":"研究基础","score":70}]}"#
            )
            #expect(status == .ok)
            // An illegal step: milestones before the award.
            (status, object) = try await post(
                "/v1/challenges/\(id)/applications/\(leadApplication)/milestones", tokens.lead, #"{"deliverable":"样片"}"#
            )
            #expect(status == .notFound || status == .conflict)
            #expect(try await event(id, tokens.owner, "award").1["state"] as? String == "awarded")
            (status, object) = try await event(id, tokens.owner, "award")
            #expect(status == .conflict && object["code"] as? String == "illegal_transition")
            #expect(try await event(id, tokens.lead, "begin").1["state"] as? String == "in_progress")
            (status, object) = try await post(
                "/v1/challenges/\(id)/applications/\(leadApplication)/milestones", tokens.lead,
                #"{"deliverable":"流片样片与测试报告"}"#)
            #expect(status == .created)
            var milestone = try #require(object["id"] as? Int)
            (status, object) = try await post(
                "/v1/challenges/\(id)/milestones/\(milestone)/decision", tokens.owner,
                #"{"accept":false,"reason":"定位精度未达标"}"#)
            #expect(status == .ok && object["status"] as? String == "rejected")
            (status, object) = try await post(
                "/v1/challenges/\(id)/applications/\(leadApplication)/milestones", tokens.lead,
                #"{"deliverable":"改版样片，精度 1.8 cm"}"#)
            milestone = try #require(object["id"] as? Int)
            (status, object) = try await post(
                "/v1/challenges/\(id)/milestones/\(milestone)/decision", tokens.owner, #"{"accept":true}"#)
            #expect(status == .ok && object["status"] as? String == "accepted")
            #expect(try await event(id, tokens.owner, "close").1["state"] as? String == "closed")
            (status, object) = try await event(id, tokens.owner, "cancel", extra: #","reason":"太迟了""#)
            #expect(status == .conflict && (object["details"] as? [String: Any])?["allowedEvents"] as? [String] == [])
            try await client.execute(
                uri: "/v1/challenges/\(id)", method: .get, headers: headers(token: tokens.owner, json: false)
            ) { response in
                let progress = try HTTPAPITests.json(response.body)
                let payables = try #require(progress["payables"] as? [[String: Any]])
                #expect(
                    payables.compactMap { ($0["amount"] as? [String: Any])?["fen"] as? Int } == [
                        120_000_000, 80_000_000,
                    ])
            }
            // Every successful step is one audit entry: create, submit, approve, 2 applications,
            // close, 2 experts, review, 2 scores, award, begin, 2 milestones, 2 decisions, close.
            let entries = try await world.database.read { db in
                try AuditLogReaderProxy.actions(db, after: Int64(auditStart))
            }
            #expect(
                entries == [
                    "challenge.create", "challenge.submit", "challenge.approve", "challenge.apply", "challenge.apply",
                    "challenge.close_applications", "challenge.assign_expert", "challenge.assign_expert",
                    "challenge.start_review",
                    "challenge.score", "challenge.score", "challenge.award", "challenge.begin",
                    "challenge.submit_milestone",
                    "challenge.reject_milestone", "challenge.submit_milestone", "challenge.accept_milestone",
                    "challenge.close",
                ])
        }
    }
}

import GRDB
import Store

enum AuditLogReaderProxy {
    static func actions(_ db: Database, after seq: Int64) throws -> [String] {
        try AuditLogReader.entries(db, start: seq + 1, end: Int64.max, limit: 1_000).map(\.action)
    }
}
