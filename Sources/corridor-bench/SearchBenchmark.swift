import Foundation
import GRDB
import Identity
import Kernel
import Listings
import Matching
import Store
import TextAnalysis

/// `corridor-bench search`: load, then time SearchService.search as the API calls it.
struct SearchBenchmark {
    let options: Options

    var databasePath: String { URL(fileURLWithPath: options.dataDir).appendingPathComponent("corridor.sqlite").path }

    func run() async throws {
        let total = now()
        try FileManager.default.createDirectory(atPath: options.dataDir, withIntermediateDirectories: true)
        let corpus = try Corpus(path: options.papers)
        say("corpus: \(grouped(corpus.papers.count)) CSL papers from \(options.papers)")
        let exists = FileManager.default.fileExists(atPath: databasePath)
        if !options.reuse || !exists {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
        }
        let database = try AppDatabase.open(
            path: databasePath, clock: SystemClock(), modules: [IdentityMigrations.all, ListingsMigrations.all]
        )
        TextNormalizer.prepare()

        if options.reuse && exists {
            say("reusing the database in \(options.dataDir)")
        } else {
            let seeds = URL(fileURLWithPath: options.repo).appendingPathComponent("Seeds")
            guard FileManager.default.fileExists(atPath: seeds.appendingPathComponent("organizations.json").path) else {
                throw BenchError(
                    "no Seeds/organizations.json under \(options.repo): run from the repository root or pass --repo")
            }
            let seedStart = now()
            let report = try IdentitySeeder.load(directory: seeds, into: database)
            say(
                String(
                    format: "seeds: %d organisations, %d reference rows in %.1f s", report.organizationsAdded,
                    report.referenceRowsWritten, now() - seedStart))
            let figures = try await Loader(options: options, corpus: corpus, database: database).load(
                target: options.rows)
            let rows = figures.achievements + figures.patents
            let loadSeconds = figures.achievementSeconds + figures.importSeconds
            say("")
            say("== load ==")
            say(
                String(
                    format:
                        "achievements: %@ rows, %.1f s, %@ rows/s (AchievementService.create, one transaction each)",
                    grouped(figures.achievements), figures.achievementSeconds,
                    grouped(Int(Double(figures.achievements) / max(figures.achievementSeconds, 1e-9)))
                ))
            if figures.patents > 0 {
                let rates = figures.fileRates
                say(
                    String(
                        format:
                            "patents: %@ rows in %d CSV files (%@, generated in %.1f s, not counted), imported in %.1f s = %@ rows/s overall (PatentImport.run, all-or-nothing); per file min %@ / median %@ / max %@ rows/s; first %@, last %@",
                        grouped(figures.patents), rates.count, mib(figures.csvBytes), figures.generateSeconds,
                        figures.importSeconds,
                        grouped(Int(Double(figures.patents) / figures.importSeconds)),
                        grouped(Int(rates.min() ?? 0)), grouped(Int(Percentiles(rates).p50)),
                        grouped(Int(rates.max() ?? 0)),
                        grouped(Int(rates.first ?? 0)), grouped(Int(rates.last ?? 0))
                    ))
            }
            say(
                String(
                    format: "load: %@ listings in %.1f s = %@ rows/s overall", grouped(rows), loadSeconds,
                    grouped(Int(Double(rows) / loadSeconds))))
            say(String(format: "peak RSS after load: %.0f MiB", memory().peak))
        }

        // Size after a truncating checkpoint.
        let checkpointStart = now()
        try await database.truncateWriteAheadLog()
        let counts = try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT kind, count(*) AS n, sum(searchable) AS s FROM listings GROUP BY kind ORDER BY kind"
            )
            .map { ($0["kind"] as String, $0["n"] as Int, $0["s"] as Int) }
        }
        let rows = counts.reduce(0) { $0 + $1.1 }
        let size = fileSize(databasePath), wal = fileSize(databasePath + "-wal")
        say("")
        say("== database ==")
        say(String(format: "checkpoint(TRUNCATE) %.1f s", now() - checkpointStart))
        say(
            "rows: \(grouped(rows)) listings ("
                + counts.map { "\($0.0) \(grouped($0.1)), searchable \(grouped($0.2))" }.joined(separator: "; ") + ")")
        say(
            "size: \(databasePath) \(mib(size)) (\(grouped(Int(size / Int64(max(rows, 1))))) bytes/listing), -wal \(mib(wal)), -shm \(mib(fileSize(databasePath + "-shm")))"
        )
        if options.dbstat { try await spaceReport(database) }
        if options.loadOnly {
            try database.close()
            say(String(format: "total run time %.0f s; peak RSS %.0f MiB", now() - total, memory().peak))
            return
        }

        // Queries.
        let queries = QueryMaker.make(corpus, count: options.queries, seed: options.seed)
        say("")
        say(
            "== search: \(queries.count) queries (\(queries.filter { $0.style == .keywords }.count) keyword, \(queries.filter { $0.style == .traditional }.count) Traditional, \(queries.filter { $0.style == .twoCharacters }.count) two-character), limit 20 with facets, anonymous viewer, \(options.rounds) rounds after one warm-up =="
        )
        say(
            "examples: "
                + stride(from: 0, to: queries.count, by: max(1, queries.count / 8)).map { queries[$0].text }.joined(
                    separator: " | "))
        let service = SearchService(database: database)
        let plain = try await measure(service, queries, filtered: false)
        let filtered = try await measure(service, queries, filtered: true)
        report("plain", plain, queries)
        report("filtered (kind=patent + field + city)", filtered, queries)
        say(String(format: "peak RSS: %.0f MiB", memory().peak))

        if options.components {
            try await components(database, queries, plain: plain, filtered: filtered)
        }
        if options.experiments {
            try await Experiments(
                database: database, path: databasePath, queries: queries, rows: rows, budget: options.budget
            ).run()
        }
        try database.close()
        say("")
        say(String(format: "total run time %.0f s; peak RSS %.0f MiB", now() - total, memory().peak))
    }

    // MARK: Timing SearchService

    struct Measured {
        /// Per query: latencies (ms) over the rounds, and the total hits (empty/-1 if not reached).
        var latencies: [[Double]]
        var totals: [Int]
        var rounds = 0
        /// The warm-up overran the budget: only the first `reached` queries ran, once, cold.
        var partial = false
        var reached = 0
    }

    static func searchQuery(_ query: BenchQuery, index: Int, filtered: Bool) -> SearchQuery {
        var search = SearchQuery()
        search.text = query.text
        search.limit = 20
        if filtered {
            search.kinds = [.patent]
            search.fields = [query.field]
            search.city = CityCode.allCases[index % CityCode.allCases.count]
        }
        return search
    }

    func measure(_ service: SearchService, _ queries: [BenchQuery], filtered: Bool) async throws -> Measured {
        var measured = Measured(
            latencies: Array(repeating: [], count: queries.count), totals: Array(repeating: 0, count: queries.count))
        let start = now()
        var cold = Array(repeating: [Double](), count: queries.count)
        for (index, query) in queries.enumerated() {
            let began = now()
            let result = try await service.search(
                Self.searchQuery(query, index: index, filtered: filtered), viewer: nil)
            cold[index] = [(now() - began) * 1000]
            measured.totals[index] = result.total
            measured.reached = index + 1
            if now() - start > options.budget && index + 1 < queries.count {
                measured.partial = true
                measured.latencies = Array(cold[0...index])
                measured.totals = Array(measured.totals[0...index])
                say(
                    String(
                        format:
                            "  (%@: warm-up overran the %.0f s budget after %d queries in %.1f s: reporting those single cold runs)",
                        filtered ? "filtered" : "plain", options.budget, index + 1, now() - start))
                return measured
            }
        }
        let warm = now() - start
        measured.rounds = max(1, min(options.rounds, Int(options.budget / max(warm, 1e-9))))
        for _ in 0..<measured.rounds {
            for (index, query) in queries.enumerated() {
                let search = Self.searchQuery(query, index: index, filtered: filtered)
                let began = now()
                _ = try await service.search(search, viewer: nil)
                measured.latencies[index].append((now() - began) * 1000)
            }
        }
        say(
            String(
                format: "  (%@: warm-up %.1f s, %d rounds %.1f s)", filtered ? "filtered" : "plain", warm,
                measured.rounds, now() - start - warm))
        return measured
    }

    func report(_ name: String, _ measured: Measured, _ queries: [BenchQuery]) {
        let all = measured.latencies.flatMap { $0 }
        let meanHits = Double(measured.totals.reduce(0, +)) / Double(max(measured.totals.count, 1))
        let sortedTotals = measured.totals.sorted()
        say("")
        let how =
            measured.partial
            ? "PARTIAL: first \(measured.reached) of \(queries.count) queries, one cold run each (budget overrun)"
            : "\(measured.rounds) rounds"
        say("\(name) [\(how)]: \(Percentiles(all).line)")
        say(
            String(
                format: "  hits per query: mean %@, median %@, max %@; %d queries with no hit",
                grouped(Int(meanHits.rounded())),
                grouped(sortedTotals.isEmpty ? 0 : sortedTotals[sortedTotals.count / 2]),
                grouped(sortedTotals.last ?? 0), measured.totals.filter { $0 == 0 }.count
            ))
        for style in [BenchQuery.Style.keywords, .traditional, .twoCharacters] {
            let indices = measured.totals.indices.filter { queries[$0].style == style }
            let samples = indices.flatMap { measured.latencies[$0] }
            let hits = indices.map { measured.totals[$0] }
            say(
                String(
                    format: "  %-11@ p50 %@  p99 %@ ms, mean hits %@", style.rawValue, ms(Percentiles(samples).p50),
                    ms(Percentiles(samples).p99), grouped(hits.reduce(0, +) / max(hits.count, 1))
                ))
        }
        let buckets: [(String, ClosedRange<Int>)] = [
            ("0–999 hits", 0...999), ("1k–9,999", 1_000...9_999), ("10k–99,999", 10_000...99_999),
            ("≥ 100k", 100_000...Int.max),
        ]
        for (label, range) in buckets {
            let indices = measured.totals.indices.filter { range.contains(measured.totals[$0]) }
            guard !indices.isEmpty else { continue }
            let samples = indices.flatMap { measured.latencies[$0] }
            say(
                String(
                    format: "  %-12@ %3d queries: p50 %@  max %@ ms", label, indices.count,
                    ms(Percentiles(samples).p50), ms(Percentiles(samples).max)))
        }
        let slowest = measured.latencies.indices.sorted {
            median(measured.latencies[$0]) > median(measured.latencies[$1])
        }.prefix(5)
        say(
            "  slowest: "
                + slowest.map {
                    "\(queries[$0].text) (\(ms(median(measured.latencies[$0]))) ms, \(grouped(measured.totals[$0])) hits)"
                }.joined(separator: "; "))
    }

    func median(_ values: [Double]) -> Double { Percentiles(values).p50 }

    // MARK: Where the time goes

    /// Times the two statements SearchService runs (the ranked page and the facet counts), the
    /// bare FTS match count and an FTS-only bm25 top 20, with the same SQL on a pooled reader.
    func components(_ database: AppDatabase, _ queries: [BenchQuery], plain: Measured, filtered: Measured) async throws
    {
        say("")
        say("== where the time goes (same SQL as SearchService, one run each after the rounds; ms) ==")
        for isFiltered in [false, true] {
            var match: [Double] = [], ranked: [Double] = [], facets: [Double] = [], ftsRank: [Double] = []
            var rest: [Double] = [], matches: [Int] = []
            let measured = isFiltered ? filtered : plain
            var plan: [String] = [], facetPlan: [String] = []
            let started = now()
            var reached = 0
            for (index, query) in queries.enumerated() where index < measured.totals.count {
                if now() - started > options.budget { break }
                reached += 1
                guard let expression = QueryMaker.matchExpression(query.text) else { continue }
                let search = Self.searchQuery(query, index: index, filtered: isFiltered)
                let sql = ServiceSQL(search, table: "listings")
                let timing = try await database.read { db -> [Double] in
                    var times: [Double] = []
                    var began = now()
                    let count =
                        try Int.fetchOne(
                            db, sql: "SELECT count(*) FROM listings_fts WHERE listings_fts MATCH ?",
                            arguments: [expression]) ?? 0
                    times.append((now() - began) * 1000)
                    began = now()
                    _ = try Row.fetchAll(db, sql: sql.ranked, arguments: sql.arguments(expression, page: true))
                    times.append((now() - began) * 1000)
                    began = now()
                    _ = try Row.fetchAll(db, sql: sql.facets, arguments: sql.arguments(expression, page: false))
                    times.append((now() - began) * 1000)
                    began = now()
                    _ = try Row.fetchAll(
                        db,
                        sql:
                            "SELECT rowid, bm25(listings_fts, \(ServiceSQL.weights)) AS r FROM listings_fts WHERE listings_fts MATCH ? ORDER BY r LIMIT 20",
                        arguments: [expression]
                    )
                    times.append((now() - began) * 1000)
                    times.append(Double(count))
                    return times
                }
                match.append(timing[0]); ranked.append(timing[1]); facets.append(timing[2]); ftsRank.append(timing[3])
                matches.append(Int(timing[4]))
                rest.append(max(0, median(measured.latencies[index]) - timing[1] - timing[2]))
                if plan.isEmpty {
                    (plan, facetPlan) = try await database.read { db in
                        (
                            try Row.fetchAll(
                                db, sql: "EXPLAIN QUERY PLAN " + sql.ranked,
                                arguments: sql.arguments(expression, page: true)
                            )
                            .map { $0["detail"] as String },
                            try Row.fetchAll(
                                db, sql: "EXPLAIN QUERY PLAN " + sql.facets,
                                arguments: sql.arguments(expression, page: false)
                            )
                            .map { $0["detail"] as String }
                        )
                    }
                }
            }
            let service = measured.latencies.prefix(reached).map(median)
            let totalService = service.reduce(0, +)
            say("")
            say(
                (isFiltered ? "filtered" : "plain")
                    + (reached < queries.count ? " (first \(reached) queries: budget)" : "") + ":")
            say("  plan of the ranked page: " + plan.joined(separator: " / "))
            say("  plan of the facet counts: " + facetPlan.joined(separator: " / "))
            let meanMatches = matches.reduce(0, +) / max(matches.count, 1)
            say(
                "  FTS matches per query (before filters): mean \(grouped(meanMatches)), median \(grouped(matches.isEmpty ? 0 : matches.sorted()[matches.count / 2]))"
            )
            for (label, values) in [
                ("FTS match count only", match), ("ranked page (bm25 + join + filters, LIMIT 20)", ranked),
                ("facet counts (join + filters, GROUP BY)", facets), ("FTS-only bm25 top 20 (no join)", ftsRank),
                ("rest of search(): hits, documents, highlights", rest),
            ] {
                let sum = values.reduce(0, +)
                say(
                    String(
                        format: "  %-48@ %@  share of service time %.0f%%", label, Percentiles(values).line,
                        100 * sum / max(totalService, 1e-9)))
            }
        }
    }

    // MARK: Space

    func spaceReport(_ database: AppDatabase) async throws {
        let started = now()
        do {
            let rows = try await database.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 12"
                )
                .map { ($0["name"] as String, $0["bytes"] as Int64) }
            }
            say("space by table/index (dbstat): " + rows.map { "\($0.0) \(mib($0.1))" }.joined(separator: ", "))
            let document = try await database.read { db -> [Double] in
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql:
                            "SELECT avg(length(CAST(document AS BLOB))) AS d, avg(length(CAST(title AS BLOB))) AS t FROM listings"
                    )
                else { return [0, 0] }
                return [row["d"] ?? 0, row["t"] ?? 0]
            }
            say(
                String(
                    format: "mean document %.0f bytes, title %.0f bytes (UTF-8); dbstat took %.1f s", document[0],
                    document[1], now() - started))
        } catch {
            say("dbstat not available: \(error)")
        }
    }
}

/// SearchService's two statements, rebuilt here for timing (its SQL is internal). Keep in step
/// with Sources/Listings/Search/SearchService.swift.
struct ServiceSQL {
    static let weights = "5.0, 3.0, 1.0"
    var ranked: String
    var facets: String
    var filterArguments: StatementArguments
    var limit = 20

    /// `table` is `listings`, or a narrow copy of its filter columns for an experiment.
    /// `cross` writes CROSS JOIN, which makes SQLite keep the FTS match as the outer loop (as
    /// SearchService does since 8d6d596); `cross: false` is the plan before that fix.
    init(_ query: SearchQuery, table: String, selectDocument: Bool = true, facetFrom: String? = nil, cross: Bool = true)
    {
        var clauses = [
            "l.searchable = 1", "l.hidden_reason IS NULL", "l.visibility = 'public'",
            "(l.kind <> 'need' OR l.deadline > ?)",
        ]
        var arguments: StatementArguments = [Timestamp.millis(Date())]
        if !query.kinds.isEmpty {
            clauses.append("l.kind IN (\(query.kinds.map { _ in "?" }.joined(separator: ", ")))")
            _ = arguments.append(contentsOf: StatementArguments(query.kinds.map(\.rawValue)))
        }
        if !query.fields.isEmpty {
            let mask = query.fields.reduce(Int64(0)) { $0 | (1 << Int64(Field.allCases.firstIndex(of: $1) ?? 0)) }
            clauses.append("(l.fields_mask & ?) <> 0")
            _ = arguments.append(contentsOf: [mask])
        }
        if let city = query.city {
            clauses.append("l.city = ?")
            _ = arguments.append(contentsOf: [city.rawValue])
        }
        let filter = clauses.joined(separator: " AND ")
        let from =
            "listings_fts \(cross ? "CROSS JOIN" : "JOIN") \(table) l ON l.id = listings_fts.rowid WHERE listings_fts MATCH ? AND "
        let rank = "bm25(listings_fts, \(Self.weights))"
        ranked =
            "SELECT l.kind, \(selectDocument ? "l.document" : "l.id"), \(rank) AS rank FROM \(from)\(filter) ORDER BY \(rank), l.id LIMIT ? OFFSET ?"
        let sums = (0..<Field.allCases.count).map { "sum((l.fields_mask >> \($0)) & 1)" }.joined(separator: ", ")
        facets =
            "SELECT l.kind, l.city, count(*) AS n, \(sums) FROM \(facetFrom ?? from)\(filter) GROUP BY l.kind, l.city"
        filterArguments = arguments
    }

    func arguments(_ expression: String, page: Bool) -> StatementArguments {
        var all: StatementArguments = [expression]
        _ = all.append(contentsOf: filterArguments)
        if page { _ = all.append(contentsOf: [limit, 0]) }
        return all
    }
}
