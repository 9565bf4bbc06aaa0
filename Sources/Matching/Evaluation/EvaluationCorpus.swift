import Foundation
import GRDB
import Identity
import Kernel
import Listings
import Store

/// The papers as achievements in a fresh temporary database (the migrations of Identity,
/// Listings and Matching; the seeded organisations as owners), with the map back from each
/// listing to its paper. A database file in WAL mode rather than memory, so that queries can
/// be ranked on several reader connections at once. `close()` removes it.
public struct EvaluationCorpus: Sendable {
    /// The evaluation's fixed "now" (the clock stands still).
    public static let start = Date(timeIntervalSince1970: 1_800_000_000)
    public static let modules = [IdentityMigrations.all, ListingsMigrations.all, MatchingMigrations.all]
    static let actor = Kernel.Actor.system("eval", requestID: "eval-matching")

    public let database: AppDatabase
    public let papers: [CSLPaper]
    /// Listing id → paper id (the paper id is also the achievement's `externalRef`).
    public let paperIds: [Int64: String]
    public let loadSeconds: Double
    /// The temporary folder that holds the database.
    public let folder: URL

    /// Seeds the organisations from `seeds` (Seeds/, see `IdentitySeeder`), then lists every
    /// paper as an achievement of a university or institute, taken in turn from the five
    /// cities, through `AchievementService.createMany` (one audited write per 10,000).
    public static func load(papers: [CSLPaper], seeds: URL) async throws -> EvaluationCorpus {
        let started = ContinuousClock.now
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-eval-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try AppDatabase.open(
            path: folder.appendingPathComponent("eval.sqlite").path, clock: ManualClock(start), modules: modules
        )
        _ = try IdentitySeeder.load(directory: seeds, into: database, requestID: "eval-seed")
        let owners = try await self.owners(database)
        let inputs = papers.enumerated().map { index, paper in
            achievement(paper, owner: owners[index % owners.count])
        }
        var paperIds: [Int64: String] = [:]
        let service = AchievementService(database: database)
        var first = 0
        while first < inputs.count {
            let end = min(inputs.count, first + AchievementService.maxBatch)
            let created = try await service.createMany(Array(inputs[first..<end]), by: actor)
            for (achievement, paper) in zip(created, papers[first..<end]) { paperIds[achievement.id] = paper.id }
            first = end
        }
        let elapsed = ContinuousClock.now - started
        return EvaluationCorpus(
            database: database, papers: papers, paperIds: paperIds,
            loadSeconds: EvaluationText.seconds(elapsed), folder: folder
        )
    }

    /// Closes the database and removes its folder.
    public func close() throws {
        try database.close()
        try FileManager.default.removeItem(at: folder)
    }

    /// A paper as a listed achievement: TRL 4, joint development, price negotiable, its field
    /// from its discipline, its usable keywords.
    static func achievement(_ paper: CSLPaper, owner: Int64) -> NewAchievement {
        let title = paper.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let abstract = paper.abstract.trimmingCharacters(in: .whitespacesAndNewlines)
        return NewAchievement.make(
            title: String(title.prefix(200)), summary: String((abstract.isEmpty ? title : abstract).prefix(5_000)),
            trl: 4,
            fields: [PaperCorpus.field(discipline: paper.discipline, category: paper.category)],
            keywords: PaperCorpus.usableKeywords(paper.keywords), cooperationModes: [.jointDevelopment],
            price: PriceRange(negotiable: true), externalRef: paper.id, status: .listed, ownerOrganizationId: owner
        )
    }

    /// The seeded universities and institutes, interleaved by city (so that consecutive papers
    /// belong to different cities).
    static func owners(_ database: AppDatabase) async throws -> [Int64] {
        let rows = try await database.read { db in
            try OrganizationDirectory.summaries(db, kinds: [.university, .institute])
        }
        var byCity = CityCode.allCases.map { city in rows.filter { $0.city == city }.map(\.id) }
        var result: [Int64] = []
        while byCity.contains(where: { !$0.isEmpty }) {
            for index in byCity.indices where !byCity[index].isEmpty { result.append(byCity[index].removeFirst()) }
        }
        guard !result.isEmpty else { throw EvaluationError("no universities or institutes were seeded") }
        return result
    }

    /// The baseline over the same papers, each as title, abstract and keywords in one field.
    public func baseline() -> BM25Baseline {
        BM25Baseline(
            documents: papers.map { paper in
                (
                    id: paper.id,
                    text: ([paper.title, paper.abstract] + PaperCorpus.usableKeywords(paper.keywords)).joined(
                        separator: " ; ")
                )
            })
    }
}
