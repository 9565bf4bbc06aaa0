import Foundation
import GRDB
import Identity
import Kernel
import Listings
import Store

/// The hand-judged set: the seeded needs (Seeds/listings/needs.json) matched to the seeded
/// patents and achievements through `MatchService.forNeed`, scored on
/// Seeds/listings/need-judgements.json (need `externalRef` → relevant patent numbers and
/// achievement `externalRef`s, every one grade 1), beside the same baseline over the same
/// listings (need title, keywords and description as the query).
public struct SeededEvaluation: Sendable {
    public var patents: MatchingEvaluation
    public var achievements: MatchingEvaluation
    public var patentQrels: [String: Grades]
    public var achievementQrels: [String: Grades]
    /// Judged answers that are not among the listings that can be found (unknown, or not listed).
    public var missing: [String]

    struct Judgement: Decodable {
        var patents: [String]
        var achievements: [String]
    }

    /// A listing as the harness sees it: its key (patent number or external reference) and text.
    struct Entry {
        var id: Int64
        var kind: ListingKind
        var key: String
        var listing: IndexedListing

        var text: String { ([listing.title] + listing.keywords + listing.body).joined(separator: " ; ") }
    }

    /// `start` is the clock's time while seeding and matching: the seeded 揭榜挂帅 challenges
    /// are for the current year, so it is today unless a test says otherwise.
    public static func run(seeds: URL, start: Date = Date()) async throws -> SeededEvaluation {
        let started = ContinuousClock.now
        let clock = ManualClock(start)
        let database = try AppDatabase.inMemory(clock: clock, modules: EvaluationCorpus.modules)
        _ = try IdentitySeeder.load(directory: seeds, into: database, requestID: "eval-seed")
        let listingsDirectory = seeds.appendingPathComponent("listings")
        let seeder = ListingSeeder(database: database, wait: { seconds in clock.advance(by: seconds) })
        _ = try await seeder.load(directory: listingsDirectory)
        let judgementsURL = listingsDirectory.appendingPathComponent("need-judgements.json")
        guard let data = FileManager.default.contents(atPath: judgementsURL.path) else {
            throw EvaluationError("cannot read \(judgementsURL.path)")
        }
        let judgements: [String: Judgement]
        do {
            judgements = try JSONDecoder().decode([String: Judgement].self, from: data)
        } catch {
            throw EvaluationError("\(judgementsURL.path): \(error)")
        }

        let now = clock.now()
        let entries = try await database.read { db in try Self.entries(db, now: now) }
        let needs = Dictionary(
            entries.filter { $0.kind == .need }.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var queries: [EvalQuery] = []
        var needIds: [String: Int64] = [:]
        var patentQrels: [String: Grades] = [:]
        var achievementQrels: [String: Grades] = [:]
        for (ref, judgement) in judgements.sorted(by: { $0.key < $1.key }) {
            guard let need = needs[ref] else { throw EvaluationError("\(judgementsURL.path): no seeded need \(ref)") }
            needIds[ref] = need.id
            queries.append(
                EvalQuery(
                    id: ref, text: need.listing.title + "\n" + need.listing.body.joined(separator: "\n"),
                    script: .simplified,
                    fields: need.listing.fields, source: nil, kind: "need"
                ))
            patentQrels[ref] = Dictionary(judgement.patents.map { (Self.patentKey($0), 1) }, uniquingKeysWith: max)
            achievementQrels[ref] = Dictionary(judgement.achievements.map { ($0, 1) }, uniquingKeysWith: max)
        }
        let service = MatchService(database: database)
        let actor = Kernel.Actor.system("eval", requestID: "eval-seeded")
        func evaluate(_ kind: ListingKind, _ qrels: [String: Grades]) async throws -> MatchingEvaluation {
            let candidates = entries.filter { $0.kind == kind }
            let keys = Dictionary(candidates.map { ($0.id, $0.key) }, uniquingKeysWith: { first, _ in first })
            let baseline = BM25Baseline(documents: candidates.map { (id: $0.key, text: $0.text) })
            var outcomes: [MatchingEvaluation.Outcome] = []
            for query in queries where RankingMetrics.isJudged(qrels[query.id]) {
                let need = needs[query.id]!
                let list = try await service.forNeed(
                    need.id,
                    options: MatchOptions(kind: CandidateKind(rawValue: kind.rawValue), limit: RankingMetrics.cutoff),
                    viewer: actor
                )
                let corridor = list.items.compactMap { keys[$0.id] }
                let answers = baseline.rank(need.text, limit: RankingMetrics.cutoff)
                let grades = qrels[query.id] ?? [:]
                outcomes.append(
                    MatchingEvaluation.Outcome(
                        query: query, corridor: corridor, baseline: answers,
                        corridorScores: RankingMetrics.scores(corridor, grades: grades),
                        baselineScores: RankingMetrics.scores(answers, grades: grades), queryTerms: list.queryTerms
                    ))
            }
            let unjudged = queries.filter { !RankingMetrics.isJudged(qrels[$0.id]) }.map(\.id)
            let elapsed = ContinuousClock.now - started
            return MatchingEvaluation(outcomes: outcomes, unjudged: unjudged, seconds: EvaluationText.seconds(elapsed))
        }
        let found = Set(entries.filter { $0.kind != .need }.map(\.key))
        let judged = Set(patentQrels.values.flatMap(\.keys)).union(achievementQrels.values.flatMap(\.keys))
        return SeededEvaluation(
            patents: try await evaluate(.patent, patentQrels),
            achievements: try await evaluate(.achievement, achievementQrels),
            patentQrels: patentQrels, achievementQrels: achievementQrels, missing: judged.subtracting(found).sorted()
        )
    }

    /// Patents, achievements that can be found (listed, not hidden) and every need.
    static func entries(_ db: Database, now: Date) throws -> [Entry] {
        try ListingIndex.externallyKeyed(db).compactMap { keyed in
            guard let listing = try ListingIndex.listing(db, id: keyed.id, now: now) else { return nil }
            return Entry(id: keyed.id, kind: keyed.kind, key: keyed.externalKey, listing: listing)
        }
    }

    /// A patent number as the listings store it.
    static func patentKey(_ number: String) -> String {
        (try? PatentNumber(number, currentYear: 9_999).value) ?? number
    }
}
