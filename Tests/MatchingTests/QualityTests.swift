import Foundation
import GRDB
import Identity
import Kernel
import Listings
@testable import Matching
@_spi(Testing) import Store
import Testing
import TextAnalysis

/// The matching quality harness on the real CSL papers (../shared/eval/csl/papers.jsonl, read
/// from there; required), held to Config/matching-quality.json.
struct QualityTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `CORRIDOR_CSL_PAPERS` when set, else ../shared/eval/csl/papers.jsonl beside the checkout
    /// (where CI has it), else one folder further up.
    static let papersURL: URL = {
        if let path = ProcessInfo.processInfo.environment["CORRIDOR_CSL_PAPERS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let candidates = [
            root.deletingLastPathComponent().appendingPathComponent("shared/eval/csl/papers.jsonl"),
            root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "shared/eval/csl/papers.jsonl"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
    }()
    /// Without the papers the test is skipped on a developer's machine (a clone outside the
    /// workspace has no `shared/` beside it); in CI (`CI=true`) or with `CORRIDOR_CSL_PAPERS` set
    /// a missing corpus fails it, never skips.
    static let runs =
        FileManager.default.fileExists(atPath: papersURL.path)
        || ProcessInfo.processInfo.environment["CI"] == "true"
        || !(ProcessInfo.processInfo.environment["CORRIDOR_CSL_PAPERS"] ?? "").isEmpty
    static let corpus = ConditionTrait.enabled(
        if: runs, "the CSL papers are not at ../shared/eval/csl/papers.jsonl (set CORRIDOR_CSL_PAPERS)")
    static let qualityURL = root.appendingPathComponent("Config/matching-quality.json")
    static let seeds = root.appendingPathComponent("Seeds")

    static func papers() throws -> [CSLPaper] {
        try #require(
            FileManager.default.fileExists(atPath: papersURL.path),
            "the CSL papers are required at \(papersURL.path) (../shared/eval/csl/papers.jsonl beside the checkout, or CORRIDOR_CSL_PAPERS)"
        )
        return try PaperCorpus.read(papersURL)
    }

    @Test(Self.corpus)
    func corridorMatchingHoldsTheCommittedQuality() async throws {
        // Given the committed figures and the query set they were measured on
        let figures = try QualityFigures.read(Self.qualityURL)
        let papers = try Self.papers()
        let set = try QueryBuilder(papersCount: figures.querySet.papersCount, seed: figures.querySet.seed).build(
            from: papers)
        #expect(try set.fingerprint() == figures.querySet.fingerprint, "the queries changed: record the figures again")
        // When every paper is an achievement and every query is matched and scored
        let corpus = try await EvaluationCorpus.load(papers: papers, seeds: Self.seeds)
        defer { try? corpus.close() }
        let evaluation = try await MatchingEvaluation.run(corpus: corpus, queries: set.queries, qrels: set.qrels)
        print(EvaluationText.byScript(evaluation))
        // Then every query was judged and answered
        #expect(evaluation.unjudged.isEmpty)
        #expect(evaluation.outcomes.count == set.queries.count)
        #expect(evaluation.outcomes.allSatisfy { !$0.corridor.isEmpty })
        // and the quality holds the committed floor (Config/matching-quality.json): nDCG@10 at
        // least floor.ndcg10 and at least floor.ratioToBaseline × the baseline's (1.04 as
        // committed; the 1.15 goal is not met, see BENCHMARKS.md), and as good in Traditional script.
        let checks = figures.checks(evaluation)
        try #require(checks.map(\.name) == ["floor", "ratio", "traditional"])
        #expect(
            checks[1].detail.hasSuffix("≥ \(EvaluationText.fixed4(figures.floor.ratioToBaseline))"),
            "\(checks[1].detail)")
        for check in checks {
            #expect(check.passed, "\(check.name): \(check.detail)")
        }
    }

    @Test(Self.corpus) func queriesAreDeterministicTwinnedAndGraded() throws {
        let papers = try Self.papers()
        let builder = QueryBuilder(papersCount: 200, seed: 7)
        let set = try builder.build(from: papers)
        // The same seed gives the same set; another gives another.
        #expect(try builder.build(from: papers).fingerprint() == set.fingerprint())
        #expect(try QueryBuilder(papersCount: 200, seed: 8).build(from: papers).fingerprint() != set.fingerprint())
        // 200 papers, each a Simplified query and its Traditional twin.
        #expect(set.queries.count == 400)
        #expect(Set(set.queries.compactMap(\.source)).count == 200)
        let byID = Dictionary(uniqueKeysWithValues: set.queries.map { ($0.id, $0) })
        let papersByID = Dictionary(uniqueKeysWithValues: papers.map { ($0.id, $0) })
        var differ = 0
        for query in set.queries where query.script == .simplified {
            let twin = try #require(byID[String(query.id.dropLast()) + "t"])
            #expect(twin.script == .traditional && twin.source == query.source && twin.fields == query.fields)
            // The twin is the same need in the other script: it normalises to the same text.
            #expect(TextNormalizer.normalize(twin.text) == TextNormalizer.normalize(query.text))
            if twin.text != query.text { differ += 1 }
            #expect(set.qrels[twin.id] == set.qrels[query.id])
            // Grades: 3 the paper itself; 2 the same discipline, 1 the same category.
            let source = try #require(query.source.flatMap { papersByID[$0] })
            let grades = try #require(set.qrels[query.id])
            #expect(grades[source.id] == 3)
            #expect(grades.values.filter { $0 == 3 }.count == 1)
            for (id, grade) in grades where id != source.id {
                let other = try #require(papersByID[id])
                #expect(grade == (other.discipline == source.discipline ? 2 : 1))
                #expect(other.category == source.category)
            }
        }
        #expect(differ >= 195, "Traditional twins should differ from their Simplified text")
        // Both ways of building a need are used.
        let kinds = Dictionary(grouping: set.queries, by: { $0.kind ?? "" }).mapValues(\.count)
        #expect((kinds["keywords"] ?? 0) >= 100 && (kinds["title"] ?? 0) >= 100)
    }

    @Test(Self.corpus) func traditionalScriptRoundTripsThroughNormalisation() throws {
        #expect(TraditionalScript.traditional("锂电池与激光焊接技术") == "鋰電池與激光焊接技術")
        #expect(TraditionalScript.entries > 2_000)
        let papers = try Self.papers()
        for paper in papers.prefix(500) {
            let text = paper.title + paper.abstract
            #expect(TextNormalizer.normalize(TraditionalScript.traditional(text)) == TextNormalizer.normalize(text))
        }
    }

    // MARK: AchievementService.createMany

    static func seededDatabase() throws -> AppDatabase {
        let database = try AppDatabase.inMemory(
            clock: ManualClock(EvaluationCorpus.start), modules: EvaluationCorpus.modules)
        _ = try IdentitySeeder.load(directory: seeds, into: database)
        return database
    }

    static func footprint(_ database: AppDatabase) throws -> [Int] {
        try database.testWriter.read { db in
            try ["listings", "listings_fts", "audit_log"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1
            }
        }
    }

    static func input(_ title: String, ref: String?, owner: Int64) -> NewAchievement {
        NewAchievement.make(
            title: title, summary: "实验室完成原理验证，可合作开发。", trl: 4, fields: [.optoelectronics], keywords: ["激光"],
            cooperationModes: [.jointDevelopment], price: PriceRange(negotiable: true), externalRef: ref,
            ownerOrganizationId: owner
        )
    }

    @Test func createManyIsOneAuditedWrite() async throws {
        // Given a university
        let database = try Self.seededDatabase()
        let owner = try #require(
            try await database.read { db in
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM organizations WHERE kind = 'university' ORDER BY id LIMIT 1")
            })
        let before = try Self.footprint(database)
        // When three achievements are listed in one batch
        let created = try await AchievementService(database: database).createMany(
            [
                Self.input("超快激光加工", ref: "b-1", owner: owner), Self.input("光纤传感", ref: "b-2", owner: owner),
                Self.input("硅光芯片", ref: nil, owner: owner),
            ],
            by: .system("test", requestID: "test")
        )
        // Then they are stored and indexed, with consecutive ids, under one audit entry
        #expect(created.map(\.title) == ["超快激光加工", "光纤传感", "硅光芯片"])
        #expect(created.map(\.id) == (created[0].id...created[0].id + 2).map { $0 })
        #expect(try Self.footprint(database) == [before[0] + 3, before[1] + 3, before[2] + 1])
        let entry = try #require(
            try await database.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT action, target_type, target_id, change FROM audit_log ORDER BY seq DESC LIMIT 1"
                )
                .map {
                    [
                        $0["action"] as String, $0["target_type"] as String, $0["target_id"] as String,
                        $0["change"] as String,
                    ]
                }
            })
        #expect(entry[0] == "achievement.create_batch")
        #expect(entry[1] == "achievement_batch")
        #expect(entry[2] == "\(created[0].id)-\(created[2].id)")
        let change = try JSONDecoder().decode(JSONValue.self, from: Data(entry[3].utf8))
        #expect(change == ["count": 3, "firstId": .int(created[0].id), "lastId": .int(created[2].id)])
        // and each one reads back as `create` would have made it.
        let read = try await AchievementService(database: database).get(created[1].id, viewer: nil)
        #expect(read == created[1])
        #expect(read.externalRef == "b-2" && read.status == .listed && read.trl == 4)
    }

    @Test func createManyWritesNothingWhenOneItemIsRefused() async throws {
        let database = try Self.seededDatabase()
        let service = AchievementService(database: database)
        let owner = try #require(
            try await database.read { db in
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM organizations WHERE kind = 'university' ORDER BY id LIMIT 1")
            })
        let government = try #require(
            try await database.read { db in
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM organizations WHERE kind = 'government' ORDER BY id LIMIT 1")
            })
        let system = Kernel.Actor.system("test", requestID: "test")
        let before = try Self.footprint(database)
        // An empty title in the second item: the rule `create` applies, named by item.
        var error = await #expect(throws: DomainError.self) {
            try await service.createMany(
                [Self.input("光纤传感", ref: "r-1", owner: owner), Self.input("  ", ref: "r-2", owner: owner)], by: system
            )
        }
        #expect(error?.code == "required" && error?.field == "items[1].title")
        // The same external reference twice in one batch: the second is a conflict.
        error = await #expect(throws: DomainError.self) {
            try await service.createMany(
                [Self.input("光纤传感", ref: "r-1", owner: owner), Self.input("硅光", ref: "r-1", owner: owner)], by: system
            )
        }
        #expect(error?.kind == .conflict && error?.field == "items[1].externalRef")
        // An owner that may not list achievements.
        error = await #expect(throws: DomainError.self) {
            try await service.createMany([Self.input("光纤传感", ref: nil, owner: government)], by: system)
        }
        #expect(error?.code == "organization_kind_not_allowed")
        // A member of one university may not list for another.
        let member = Kernel.Actor(userID: 1, organizationID: owner, city: .wuhan, role: .orgMember, requestID: "test")
        error = await #expect(throws: DomainError.self) {
            try await service.createMany([Self.input("光纤传感", ref: nil, owner: owner + 1)], by: member)
        }
        #expect(error?.kind == .forbidden)
        // Nothing was written by any of them; an empty batch writes nothing either.
        #expect(try await service.createMany([], by: system).isEmpty)
        #expect(try Self.footprint(database) == before)
    }
}
