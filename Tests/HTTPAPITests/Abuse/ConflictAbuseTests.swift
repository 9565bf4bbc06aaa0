import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Identity
import Kernel
import NIOCore
import Testing

/// Attacks on expert review and award added with issue 18's console: an expert scoring an
/// application not assigned to them, one scoring after declaring a conflict, one replaying or
/// rewriting a declaration, and 64 awards at once in race mode.
struct ConflictAbuseTests {
    /// A race-mode challenge (two slots) of a Wuhan enterprise, approved, with three applications,
    /// closed and under review; one expert assigned and one not.
    struct Stage {
        let world: HTTPWorld
        let clock: ManualClock
        let owner: String
        let expert: String
        let stranger: String
        let ownerOrg: Int64
    }

    static func stage() async throws -> Stage {
        let clock = ManualClock(Date())
        let world = try HTTPWorld(clock: clock) { $0.auth.tokenLifetimeSeconds = 365 * 86_400 }
        let life = ChallengeLifeTests()
        let ownerOrg = try await world.organizationID("enterprise", "WH")
        let institutes = try await world.database.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM organizations WHERE kind = 'institute' AND city = 'WH' ORDER BY id")
        }
        let owner = try await life.user(world, ownerOrg, .orgAdmin, "c.owner").1
        let expert = try await life.user(world, institutes[0], .expert, "c.expert").1
        let stranger = try await life.user(world, institutes[1], .expert, "c.stranger").1
        return Stage(world: world, clock: clock, owner: owner, expert: expert, stranger: stranger, ownerOrg: ownerOrg)
    }

    @Test func aDeclaredConflictBlocksScoringAndItsReplayWritesOnce() async throws {
        let stage = try await Self.stage()
        let world = stage.world
        let life = ChallengeLifeTests()
        let bureau = try await life.user(
            world, try await world.organizationID("government", "WH"), .cityAdmin, "c.bureau"
        ).1
        let applicants = [
            try await life.user(world, try await world.organizationID("university", "HS"), .orgAdmin, "c.lead").1,
            try await life.user(world, try await world.organizationID("university", "XN"), .orgAdmin, "c.rival").1,
            try await life.user(world, try await world.organizationID("university", "HG"), .orgAdmin, "c.third").1,
        ]
        let expertID = try await world.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = 'c.expert'") ?? 0
        }
        try await world.test { client in
            func call(
                _ method: HTTPRequest.Method, _ path: String, _ token: String, _ json: String? = nil,
                key: String? = nil
            ) async throws -> (HTTPResponse.Status, [String: Any], String) {
                try await client.execute(
                    uri: path, method: method,
                    headers: headers(token: token, extra: key.map { ["Idempotency-Key": $0] } ?? [:]),
                    body: json.map { ByteBuffer(string: $0) }
                ) { response in
                    let text = String(buffer: response.body)
                    return (
                        response.status,
                        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:], text
                    )
                }
            }
            let deadline = Timestamp.format(stage.clock.now().addingTimeInterval(10 * 86_400))
            let year = Calendar(identifier: .gregorian).component(.year, from: stage.clock.now())
            let body =
                #"{"year":\#(year),"title":"赛马：钠离子电池负极","description":"硬碳负极首效提升。","goals":"首效 ≥ 90%","indicators":["首效 ≥ 90%"],"fields":["new_energy_vehicles"],"rewardFen":100000000,"tranches":[{"name":"立项","amountFen":60000000},{"name":"验收","amountFen":40000000}],"deadline":"\#(deadline)","reviewMode":"race","raceSlots":2}"#
            let id = try await call(.post, "/v1/challenges", stage.owner, body).1["id"] as? Int ?? 0
            _ = try await call(.post, "/v1/challenges/\(id)/transitions", stage.owner, #"{"event":"submit"}"#)
            _ = try await call(.post, "/v1/challenges/\(id)/transitions", bureau, #"{"event":"approve"}"#)
            let plan = #"{"plan":"预锂化硬碳","budgetFen":80000000,"team":[{"name":"周教授","role":"负责人"}]}"#
            var applications: [Int] = []
            for token in applicants {
                applications.append(
                    try await call(.post, "/v1/challenges/\(id)/applications", token, plan).1["id"] as? Int ?? 0)
            }
            #expect(applications.allSatisfy { $0 > 0 })
            _ = try await call(.post, "/v1/challenges/\(id)/experts", stage.owner, #"{"userId":\#(expertID)}"#)
            stage.clock.advance(by: 11 * 86_400)
            _ = try await call(
                .post, "/v1/challenges/\(id)/transitions", stage.owner, #"{"event":"close_applications"}"#)
            _ = try await call(.post, "/v1/challenges/\(id)/transitions", stage.owner, #"{"event":"start_review"}"#)
            let sheet =
                #"{"declaresNoConflict":true,"scores":[{"criterion":"技术方案","score":90},{"criterion":"团队能力","score":90},{"criterion":"研究基础","score":90}]}"#
            let scores = { (application: Int) in "/v1/challenges/\(id)/applications/\(application)/scores" }
            let declaration = { (application: Int) in
                "/v1/challenges/\(id)/applications/\(application)/conflict-declaration"
            }

            // An expert not assigned to the challenge scores nothing and declares nothing.
            let (strangerStatus, strangerProblem, _) = try await call(
                .post, scores(applications[0]), stage.stranger, sheet)
            #expect(
                strangerStatus == .forbidden && strangerProblem["code"] as? String == "not_assigned",
                "\(strangerStatus) \(strangerProblem)")
            #expect(
                try await call(.post, declaration(applications[0]), stage.stranger, #"{"conflict":false}"#).0
                    == .forbidden)
            // An application of another challenge, through this one's path, is not found.
            #expect(try await call(.post, scores(999_999), stage.expert, sheet).0 == .notFound)
            // Scoring while declaring a conflict (false) is refused; hostile note text too.
            let undeclared = sheet.replacingOccurrences(of: "true", with: "false")
            let (undeclaredStatus, undeclaredProblem, _) = try await call(
                .post, scores(applications[0]), stage.expert, undeclared)
            #expect(
                undeclaredStatus == .unprocessableContent
                    && undeclaredProblem["code"] as? String == "conflict_declaration_required")
            #expect(
                try await call(
                    .post, declaration(applications[0]), stage.expert, #"{"conflict":true,"note":"a\u0007b"}"#
                ).0 == .unprocessableContent)

            // A declaration replayed with its key answers the first answer and is audited once.
            let auditBefore = try await world.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'challenge.declare_conflict'")
            }
            let conflict = #"{"conflict":true,"note":"申报负责人是本人的博士导师"}"#
            let first = try await call(.post, declaration(applications[0]), stage.expert, conflict, key: "coi-1-key")
            let replay = try await call(.post, declaration(applications[0]), stage.expert, conflict, key: "coi-1-key")
            #expect(first.0 == .created && replay.0 == .created && first.2 == replay.2)
            let changed = try await call(
                .post, declaration(applications[0]), stage.expert, #"{"conflict":false}"#, key: "coi-1-key")
            #expect(changed.0 != .created && changed.0 != .internalServerError)
            let auditAfter = try await world.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'challenge.declare_conflict'")
            }
            #expect(auditAfter == (auditBefore ?? 0) + 1)
            // Declared: no scoring of it, no taking it back.
            let (blocked, blockedProblem, _) = try await call(.post, scores(applications[0]), stage.expert, sheet)
            #expect(blocked == .conflict && blockedProblem["code"] as? String == "conflict_declared")
            #expect(
                try await call(.post, declaration(applications[0]), stage.expert, #"{"conflict":false}"#).1["code"]
                    as? String == "conflict_declared")
            // The others are scored.
            #expect(try await call(.post, scores(applications[1]), stage.expert, sheet).0 == .ok)
            #expect(try await call(.post, scores(applications[2]), stage.expert, sheet).0 == .ok)

            // 64 awards at once in race mode (two slots): one wins, none exceeds the slots, no 500.
            let pair = #"{"event":"award"}"#
            let three =
                #"{"event":"award","reason":"都要","applicationIds":[\#(applications.map(String.init).joined(separator: ","))]}"#
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<64 {
                    group.addTask {
                        try await call(
                            .post, "/v1/challenges/\(id)/transitions", stage.owner, index % 2 == 0 ? pair : three
                        ).0
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(!statuses.contains(.internalServerError))
            let (awarded, payables) = try await world.database.read { db in
                (
                    try Int.fetchOne(
                        db,
                        sql:
                            "SELECT count(*) FROM challenge_applications WHERE challenge_id = ? AND status = 'awarded'",
                        arguments: [id]) ?? -1,
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM challenge_payables WHERE challenge_id = ?", arguments: [id])
                        ?? -1
                )
            }
            #expect(awarded == 2 && payables == 2, "two slots: two awarded, two first tranches")
        }
    }
}
