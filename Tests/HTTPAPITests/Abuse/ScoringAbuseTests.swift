import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Identity
import Kernel
import NIOCore
import Testing

/// Attacks on expert review: an expert who invents criteria at zero to drag a rival down, one
/// who reads the running average to steer it, one related to an applicant, the owner's own
/// expert; applicants peeking at scores before the award.
struct ScoringAbuseTests {
    @Test func oneReviewerCannotSteerTheResult() async throws {
        let clock = ManualClock(Date())
        let world = try HTTPWorld(clock: clock) { $0.auth.tokenLifetimeSeconds = 365 * 86_400 }
        let life = ChallengeLifeTests()
        let ownerOrg = try await world.organizationID("enterprise", "WH")
        let leadOrg = try await world.organizationID("university", "HS")
        let rivalOrg = try await world.organizationID("university", "XN")
        let (instituteA, instituteB) = try await world.database.read { db in
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM organizations WHERE kind = 'institute' AND city = 'WH' ORDER BY id")
            return (ids[0], ids[1])
        }
        let labOrg = try await world.organizationID("lab", "WH")
        let owner = try await life.user(world, ownerOrg, .orgAdmin, "s.owner").1
        let bureau = try await life.user(
            world, try await world.organizationID("government", "WH"), .cityAdmin, "s.bureau"
        ).1
        let lead = try await life.user(world, leadOrg, .orgAdmin, "s.lead").1
        let rival = try await life.user(world, rivalOrg, .orgAdmin, "s.rival").1
        let (expertA, tokenA) = try await life.user(world, instituteA, .expert, "s.expert.a")
        let (expertB, tokenB) = try await life.user(world, instituteB, .expert, "s.expert.b")
        let (related, relatedToken) = try await life.user(world, labOrg, .expert, "s.expert.related")
        let (ownExpert, _) = try await life.user(world, ownerOrg, .expert, "s.expert.own")
        // The lab declares the rival university a related party.
        let rivalCode = try await world.database.read { db in
            try String.fetchOne(db, sql: "SELECT credit_code FROM organizations WHERE id = ?", arguments: [rivalOrg])
                ?? ""
        }
        _ = try await world.services.relations.declare(
            labOrg, NewOrganizationRelation(kind: .relatedParty, relatedCreditCode: rivalCode),
            by: .system("test", requestID: "t"))
        let deadline = Timestamp.format(clock.now().addingTimeInterval(10 * 86_400))
        let year = Calendar(identifier: .gregorian).component(.year, from: clock.now())
        let body =
            #"{"year":\#(year),"title":"光纤传感器温漂补偿","description":"降低零点漂移。","goals":"漂移减半","indicators":["漂移 ≤ 0.01%"],"fields":["optoelectronics"],"rewardFen":100000000,"tranches":[{"name":"立项","amountFen":60000000},{"name":"验收","amountFen":40000000}],"deadline":"\#(deadline)","reviewMode":"expert","criteria":[{"name":"方案","weight":60},{"name":"团队","weight":40}]}"#
        try await world.test { client in
            func call(
                _ method: HTTPRequest.Method, _ path: String, _ token: String, _ json: String? = nil
            ) async throws -> (HTTPResponse.Status, Any?) {
                try await client.execute(
                    uri: path, method: method, headers: headers(token: token), body: json.map { ByteBuffer(string: $0) }
                ) { response in
                    (response.status, try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)))
                }
            }
            func object(_ value: Any?) -> [String: Any] { value as? [String: Any] ?? [:] }
            func scores(_ token: String) async throws -> [Int: Double?] {
                let items = try await call(.get, "/v1/challenges/\(id)/applications", token).1 as? [String: Any]
                var result: [Int: Double?] = [:]
                for item in items?["items"] as? [[String: Any]] ?? [] {
                    result[item["id"] as? Int ?? 0] = item["averageScore"] as? Double
                }
                return result
            }
            let id = object(try await call(.post, "/v1/challenges", owner, body).1)["id"] as? Int ?? 0
            _ = try await call(.post, "/v1/challenges/\(id)/transitions", owner, #"{"event":"submit"}"#)
            _ = try await call(.post, "/v1/challenges/\(id)/transitions", bureau, #"{"event":"approve"}"#)
            let plan = #"{"plan":"温度补偿结构","budgetFen":80000000,"team":[{"name":"李教授","role":"负责人"}]}"#
            let leadApplication =
                object(try await call(.post, "/v1/challenges/\(id)/applications", lead, plan).1)["id"] as? Int ?? 0
            let rivalApplication =
                object(try await call(.post, "/v1/challenges/\(id)/applications", rival, plan).1)["id"] as? Int ?? 0
            clock.advance(by: 11 * 86_400)
            _ = try await call(.post, "/v1/challenges/\(id)/transitions", owner, #"{"event":"close_applications"}"#)
            // The owner's own expert is never assigned.
            let (ownStatus, ownProblem) = try await call(
                .post, "/v1/challenges/\(id)/experts", owner, #"{"userId":\#(ownExpert)}"#)
            #expect(ownStatus == .conflict && object(ownProblem)["code"] as? String == "conflict_of_interest")
            for expert in [expertA, expertB, related] {
                #expect(
                    try await call(.post, "/v1/challenges/\(id)/experts", owner, #"{"userId":\#(expert)}"#).0
                        == .created)
            }
            _ = try await call(.post, "/v1/challenges/\(id)/transitions", owner, #"{"event":"start_review"}"#)
            let path = { (application: Int) in "/v1/challenges/\(id)/applications/\(application)/scores" }
            // Invented criteria at zero, or a criterion left out: refused.
            let invented =
                #"{"declaresNoConflict":true,"scores":[{"criterion":"方案","score":90},{"criterion":"团队","score":90},{"criterion":"外观","score":0}]}"#
            let (inventedStatus, inventedProblem) = try await call(.post, path(rivalApplication), tokenA, invented)
            #expect(
                inventedStatus == .unprocessableContent
                    && object(inventedProblem)["code"] as? String == "criteria_mismatch")
            #expect(
                try await call(
                    .post, path(rivalApplication), tokenA,
                    #"{"declaresNoConflict":true,"scores":[{"criterion":"方案","score":10}]}"#
                ).0
                    == .unprocessableContent)
            // An expert related to an applicant by a declared relation may not score it.
            let sheet = { (a: Int, b: Int) in
                #"{"declaresNoConflict":true,"scores":[{"criterion":"方案","score":\#(a)},{"criterion":"团队","score":\#(b)}]}"#
            }
            let (relatedStatus, relatedProblem) = try await call(
                .post, path(rivalApplication), relatedToken, sheet(0, 0))
            #expect(relatedStatus == .forbidden && object(relatedProblem)["code"] as? String == "conflict_of_interest")
            // The running result is not shown to experts while reviews are outstanding.
            let first = object(try await call(.post, path(leadApplication), tokenA, sheet(90, 80)).1)
            #expect(first["averageScore"] == nil, "\(first)")
            #expect(try await scores(tokenA).values.allSatisfy { $0 == nil })
            // Scoring again replaces the expert's sheet; it never counts twice.
            _ = try await call(.post, path(leadApplication), tokenA, sheet(90, 80))
            _ = try await call(.post, path(rivalApplication), tokenA, sheet(70, 70))
            _ = try await call(.post, path(leadApplication), tokenB, sheet(60, 60))
            _ = try await call(.post, path(rivalApplication), tokenB, sheet(80, 80))
            #expect(
                try await scores(tokenB).values.allSatisfy { $0 == nil },
                "the related expert has not scored the lead yet")
            _ = try await call(.post, path(leadApplication), relatedToken, sheet(100, 100))
            // Every review in: per expert first (A 86, B 60, related 100), then across experts.
            let seen = try await scores(tokenA)
            #expect(seen[leadApplication] == 82 && seen[rivalApplication] == 75, "\(seen)")
            // Applicants see no score before the award; the owner does.
            #expect(try await scores(lead)[leadApplication] == .some(nil))
            #expect(try await scores(owner)[leadApplication] == 82)
            _ = try await call(.post, "/v1/challenges/\(id)/transitions", owner, #"{"event":"award"}"#)
            #expect(try await scores(lead)[leadApplication] == 82)
        }
    }
}
