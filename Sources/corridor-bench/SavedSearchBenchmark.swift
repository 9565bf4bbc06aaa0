import Foundation
import GRDB
import Identity
import Kernel
import Listings
import Notifications
import Store
import Tabular

/// `corridor-bench saved-searches --rows N --data-dir DIR`: N saved searches (CSL keyword
/// queries, some with a city or kind filter) against 1,000 new listings (generated patents,
/// one import file) on top of 5,000 CSL achievements. Times, `--rounds × 5` times, the matching
/// of every saved search against what is new (SearchService.newMatches for each, one read
/// snapshot), then one whole evaluation run (matching plus the audited write of its alerts), and
/// as the baseline in the same run the cheapest read through the same reader pool.
struct SavedSearchBenchmark {
    let options: Options
    static let base = 5_000
    static let fresh = 1_000

    func run() async throws {
        try FileManager.default.createDirectory(atPath: options.dataDir, withIntermediateDirectories: true)
        let path = options.dataDir + "/saved-searches.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let database = try AppDatabase.open(
            path: path, clock: SystemClock(),
            modules: [IdentityMigrations.all, ListingsMigrations.all, NotificationsMigrations.all])
        _ = try IdentitySeeder.load(
            directory: URL(fileURLWithPath: options.repo).appendingPathComponent("Seeds"), into: database)
        let corpus = try Corpus(path: options.papers)
        let loader = Loader(options: options, corpus: corpus, database: database)
        _ = try await loader.load(target: min(Self.base, corpus.papers.count))

        // The saved searches, through the service (one audited write each).
        let service = SavedSearchService(database: database, search: SearchService(database: database))
        let queries = QueryMaker.make(corpus, count: min(2_000, options.rows), seed: options.seed)
        var random = SeededGenerator(seed: options.seed &+ 17)
        var started = now()
        var searches: [SavedSearch.Query] = []
        for index in 0..<options.rows {
            let query = queries[index % queries.count]
            let city: CityCode? = random.chance(30) ? random.pick(CityCode.allCases) : nil
            let kinds: [ListingKind] = random.chance(30) ? [random.pick([.patent, .achievement])] : []
            let owner = Kernel.Actor(
                userID: Int64(1_000_000 + index), organizationID: 1, city: .wuhan, role: .orgMember,
                requestID: "bench")
            let saved = try await service.create(
                NewSavedSearch(
                    name: "订阅 \(index)",
                    query: SavedSearch.Query(text: query.text, kinds: kinds, fields: [], city: city), feed: false),
                by: owner)
            searches.append(saved.search.query)
        }
        say(String(format: "saved searches: %@ created in %.1f s", grouped(options.rows), now() - started))
        let evaluation = SavedSearchEvaluation(database: database)
        _ = try await evaluation.run()  // the first run marks where the listings end
        let position = try await database.read { db in try ListingDirectory.newestID(db) }

        // 1,000 new listings: generated patents in one import file.
        let owners = try await loader.owners()
        let url = URL(fileURLWithPath: options.dataDir).appendingPathComponent("fresh-patents.csv")
        _ = try PatentGenerator(corpus: corpus, seed: options.seed &+ 3)
            .write(0..<Self.fresh, applicant: owners[0].name, to: url)
        let report = try await PatentImport(database: database).run(
            file: url, format: .csv, encoding: .utf8, mode: .allOrNothing, owner: owners[0].id, by: Loader.system)
        try? FileManager.default.removeItem(at: url)
        guard report.committed, report.created == Self.fresh else { throw BenchError("the fresh patents were refused") }
        let newest = try await database.read { db in try ListingDirectory.newestID(db) }
        try await database.truncateWriteAheadLog()

        let saved = searches
        let rounds = options.rounds * 5
        var baseline: [Double] = []
        for _ in 0..<rounds {
            started = now()
            _ = try await database.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
            baseline.append((now() - started) * 1_000)
        }
        say("baseline read (SELECT 1 through the reader pool) ms: \(Percentiles(baseline).line)")
        var samples: [Double] = []
        var matched = 0
        let moment = Date()
        for _ in 0..<rounds {
            started = now()
            matched = try await database.read { db in
                var count = 0
                for entry in saved {
                    var query = SearchQuery()
                    query.text = entry.text
                    query.kinds = entry.kinds
                    query.city = entry.city
                    let found = try SearchService.newMatches(
                        db, query, after: position, through: newest, signedIn: true, now: moment, limit: 5)
                    if !found.isEmpty { count += 1 }
                }
                return count
            }
            // (every search asked on its own here; the evaluation run answers alike queries once)
            samples.append((now() - started) * 1_000)
        }
        let p = Percentiles(samples)
        say(
            "match \(grouped(saved.count)) saved searches against \(grouped(Int(newest - position))) new listings (\(grouped(matched)) matched) ms: \(p.line); ×\(String(format: "%.0f", p.p50 / max(0.001, Percentiles(baseline).p50))) the baseline's median; \(String(format: "%.1f", p.p50 * 1_000 / Double(max(1, saved.count)))) µs a search"
        )
        started = now()
        let run = try await evaluation.run()
        say(
            String(
                format: "one whole evaluation run (matching + the audited write of %@ alerts): %.0f ms",
                grouped(run.matched), (now() - started) * 1_000))
        try database.close()
    }
}
