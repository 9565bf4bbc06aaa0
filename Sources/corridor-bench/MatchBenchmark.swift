import Foundation
import GRDB
import Identity
import Kernel
import Listings
import Matching
import Store
import TextAnalysis

/// `corridor-bench match`: load as `search` does, create needs owned by seeded enterprises
/// through `NeedService.create`, then time `MatchService.forNeed` (patents and organisations)
/// against `SearchService.search` in the same run, and the parts of one match.
struct MatchBenchmark {
    let options: Options

    var databasePath: String { URL(fileURLWithPath: options.dataDir).appendingPathComponent("corridor.sqlite").path }

    /// An enterprise that posts needs.
    struct Enterprise: Sendable {
        var id: Int64
        var city: CityCode
    }

    /// A need made for the run, and who views its matches.
    struct BenchNeed: Sendable {
        var id: Int64
        var owner: Enterprise
        var paper: Int
    }

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
            path: databasePath, clock: SystemClock(),
            modules: [IdentityMigrations.all, ListingsMigrations.all, MatchingMigrations.all]
        )
        TextNormalizer.prepare()

        // 1. Load (the full-text index is built row by row during the load: this is the index build).
        var loadSeconds: Double?
        if options.reuse && exists {
            say(
                "reusing the database in \(options.dataDir) (no load: the index build time is that of the run that loaded it)"
            )
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
            let seconds = figures.achievementSeconds + figures.importSeconds
            loadSeconds = seconds
            say("")
            say("== load (index build: listings rows and their FTS5 entries, written together) ==")
            say(
                String(
                    format:
                        "achievements: %@ in %.1f s (AchievementService.create, one audited transaction each); patents: %@ in %.1f s (PatentImport.run, %d files; CSV generation %.1f s not counted)",
                    grouped(figures.achievements), figures.achievementSeconds, grouped(figures.patents),
                    figures.importSeconds,
                    figures.fileRates.count, figures.generateSeconds
                ))
            say(
                String(
                    format: "load: %@ listings in %.1f s = %@ rows/s = %.0f µs per listing",
                    grouped(rows), seconds, grouped(Int(Double(rows) / max(seconds, 1e-9))),
                    1e6 * seconds / Double(max(rows, 1))
                ))
        }
        let loadPeak = memory().peak
        say(String(format: "peak RSS after load: %.0f MiB", loadPeak))

        // 2. Size after a truncating checkpoint.
        try await database.truncateWriteAheadLog()
        let sizeStart = now()
        let (counts, ftsBytes, indexed) = try await database.read { db in
            (
                try Row.fetchAll(db, sql: "SELECT kind, count(*) AS n FROM listings GROUP BY kind ORDER BY kind")
                    .map { ($0["kind"] as String, $0["n"] as Int) },
                try Int64.fetchOne(db, sql: "SELECT sum(length(block)) FROM listings_fts_data") ?? 0,
                try ListingIndex.indexedCount(db)
            )
        }
        let rows = counts.reduce(0) { $0 + $1.1 }
        let size = fileSize(databasePath)
        say("")
        say("== database ==")
        say(
            "rows: \(grouped(rows)) listings (" + counts.map { "\($0.0) \(grouped($0.1))" }.joined(separator: ", ")
                + "); indexed (searchable, not hidden) \(grouped(indexed))")
        say(
            "size: \(mib(size)) (\(grouped(Int(size / Int64(max(rows, 1))))) bytes/listing); FTS5 data \(mib(ftsBytes)) (\(grouped(Int(ftsBytes / Int64(max(indexed, 1))))) bytes/listing; measured in \(String(format: "%.1f", now() - sizeStart)) s)"
        )
        if let loadSeconds {
            say(
                String(
                    format: "index build: %.1f s for %@ listings (%.0f µs each), part of the load above", loadSeconds,
                    grouped(rows), 1e6 * loadSeconds / Double(max(rows, 1))))
        }
        if options.loadOnly {
            try database.close()
            say(String(format: "total run time %.0f s; peak RSS %.0f MiB", now() - total, memory().peak))
            return
        }

        // 3. Needs, through NeedService.create (one audited transaction each).
        let needs = try await createNeeds(database, corpus)

        // From here on, the peak resident set of the matching alone (VmHWM reset when the kernel allows it).
        let reset = resetPeak()
        say(
            reset
                ? "peak RSS reset (clear_refs 5) before matching"
                : "peak RSS could not be reset: the figures below include the load")

        // 4. Matching against search, interleaved round by round.
        let queries = QueryMaker.make(corpus, count: needs.count, seed: options.seed)
        let service = MatchService(database: database)
        let search = SearchService(database: database)
        say("")
        say(
            "== matching: \(needs.count) needs, MatchService.forNeed limit 10, kind patent and organisation, viewer an enterprise user of the need's owner; baseline SearchService.search for the search bench's \(queries.count) queries (1–2 keywords, Traditional, two-character; limit 20, facets, anonymous), plain; one warm-up pass each, then up to \(options.rounds) rounds, interleaved =="
        )
        var sections: [Section] = [
            Section(name: "search (baseline)", count: queries.count),
            Section(name: "match patent", count: needs.count),
            Section(name: "match organisation", count: needs.count),
        ]
        var terms = Array(repeating: [String](), count: needs.count)
        func runOnce(_ section: Int, _ index: Int) async throws -> (Double, Int) {
            let began = now()
            switch section {
            case 0:
                let result = try await search.search(
                    SearchBenchmark.searchQuery(queries[index], index: index, filtered: false), viewer: nil)
                return ((now() - began) * 1000, result.total)
            default:
                let need = needs[index]
                let list = try await service.forNeed(
                    need.id, options: MatchOptions(kind: section == 1 ? .patent : .organisation, limit: 10),
                    viewer: viewer(need.owner)
                )
                let elapsed = (now() - began) * 1000
                if section == 1 { terms[index] = list.queryTerms }
                return (elapsed, list.items.count)
            }
        }
        // Warm-up: every need once (cold caches), each section within the budget.
        for section in sections.indices {
            let start = now()
            for index in 0..<sections[section].count {
                let (elapsed, results) = try await runOnce(section, index)
                sections[section].cold.append(elapsed)
                sections[section].results.append(results)
                if now() - start > options.budget && index + 1 < sections[section].count {
                    sections[section].partial = true
                    say(
                        String(
                            format:
                                "  (%@: warm-up overran the %.0f s budget after %d of %d in %.1f s: reporting those single cold runs)",
                            sections[section].name, options.budget, index + 1, sections[section].count, now() - start))
                    break
                }
            }
            sections[section].warmSeconds = now() - start
        }
        let slowestWarm = sections.filter { !$0.partial }.map(\.warmSeconds).max() ?? 0
        let rounds =
            sections.allSatisfy(\.partial)
            ? 0 : max(1, min(options.rounds, Int(options.budget / max(slowestWarm, 1e-9))))
        let roundsStart = now()
        for _ in 0..<rounds {
            for section in sections.indices where !sections[section].partial {
                for index in 0..<sections[section].count {
                    let (elapsed, _) = try await runOnce(section, index)
                    sections[section].warm[index].append(elapsed)
                }
            }
        }
        say(
            String(
                format: "  (warm-up %@; %d rounds in %.1f s)",
                sections.map { String(format: "%@ %.1f s", $0.name, $0.warmSeconds) }.joined(separator: ", "), rounds,
                now() - roundsStart
            ))
        let matchPeak = memory().peak
        let base = sections[0]
        for section in sections {
            say("")
            say(section.report(rounds: rounds))
            if section.name != base.name {
                let ratio =
                    section.samples.isEmpty || base.samples.isEmpty
                    ? Double.nan : Percentiles(section.samples).p50 / Percentiles(base.samples).p50
                say(
                    String(
                        format: "  ratio to the search baseline: p50 %.1f×, p99 %.1f×", ratio,
                        Percentiles(section.samples).p99 / Percentiles(base.samples).p99))
            }
        }
        let termCounts = terms.filter { !$0.isEmpty }.map(\.count)
        say(
            "query terms per need: mean \(String(format: "%.1f", Double(termCounts.reduce(0, +)) / Double(max(termCounts.count, 1)))); needs with no plan: \(terms.filter(\.isEmpty).count)"
        )
        say(
            String(
                format: "peak RSS during matching: %.0f MiB%@ (after load %.0f MiB)", matchPeak,
                reset ? "" : " (not reset)", loadPeak))

        // 5. The parts of one match (kind patent), one run each.
        if options.components {
            try await parts(database, needs: needs, terms: terms, service: sections[1], baseline: sections[0])
        }
        try database.close()
        say("")
        say(String(format: "total run time %.0f s; peak RSS %.0f MiB", now() - total, memory().peak))
    }

    func viewer(_ owner: Enterprise) -> Actor {
        Actor(userID: 1, organizationID: owner.id, city: owner.city, role: .orgMember, requestID: "bench-match")
    }

    /// Resets VmHWM to the current resident set (Linux `clear_refs` 5).
    func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }

    // MARK: Needs

    /// `options.needs` needs, one per paper drawn at random (a paper of one of the six fields with
    /// two or more Chinese keywords), owned by the seeded enterprises in turn. Made here, from the
    /// papers read at run time: a title phrased like a need from the keywords, a description from
    /// abstract sentences, the paper's field, a budget, a deadline 30–365 days ahead, a mode.
    func createNeeds(_ database: AppDatabase, _ corpus: Corpus) async throws -> [BenchNeed] {
        let enterprises = try await database.read { db in
            try OrganizationDirectory.summaries(db, kinds: [.enterprise]).map { Enterprise(id: $0.id, city: $0.city) }
        }
        guard !enterprises.isEmpty else { throw BenchError("no enterprises were seeded") }
        var random = SeededGenerator(seed: options.seed &+ 4_242)
        let titles: [(String, String?) -> String] = [
            { a, _ in "寻求\(a)技术解决方案" },
            { a, b in b.map { "\(a)与\($0)关键技术攻关" } ?? "\(a)关键技术攻关" },
            { a, _ in "求购\(a)相关专利或成果" },
            { a, b in b.map { "征集\(a)及\($0)研发合作单位" } ?? "征集\(a)研发合作单位" },
            { a, _ in "急需\(a)方向的技术支持" },
            { a, b in b.map { "\(a)、\($0)工艺改进需求" } ?? "\(a)工艺改进需求" },
        ]
        let run = Int(Date().timeIntervalSince1970)
        var inputs: [(NewNeed, Enterprise, Int)] = []
        var used = Set<Int>()
        while inputs.count < options.needs {
            let paper = random.below(corpus.papers.count)
            let chinese = corpus.keywords[paper].filter { keyword in
                keyword.count <= 12 && keyword.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }
            }
            guard corpus.fields[paper] != .other, chinese.count >= 2,
                used.insert(paper).inserted || used.count >= corpus.papers.count
            else { continue }
            let owner = enterprises[inputs.count % enterprises.count]
            let first = random.pick(chinese)
            let second = random.chance(50) ? chinese.first { $0 != first } : nil
            let title = random.pick(titles)(first, second)
            let sentences = corpus.sentences[paper]
            let start = random.below(sentences.count)
            let picked = sentences[start..<min(sentences.count, start + 2 + random.below(2))]
            let description =
                "我单位在\(first)方面遇到以下技术问题，寻求高校、科研院所合作：" + picked.joined(separator: "；")
                + "。希望合作方具备相关研发基础，可提供样品验证。"
            var fields = [corpus.fields[paper]]
            if random.chance(20) {
                let more = random.pick(Field.allCases.filter { $0 != .other })
                if !fields.contains(more) { fields.append(more) }
            }
            var budget = PriceRange(negotiable: true)
            if random.chance(70) {
                let low = Int64(5 + random.below(300)) * 1_000_000
                budget = PriceRange(minFen: low, maxFen: low + Int64(random.below(300)) * 1_000_000, negotiable: false)
            }
            let deadline = Date().addingTimeInterval(Double(30 + random.below(336)) * 86_400)
            let input = NewNeed(
                title: String(title.prefix(200)), description: String(description.prefix(5_000)), fields: fields,
                keywords: Array(chinese.prefix(5)), budget: budget, deadline: deadline,
                cooperationMode: random.pick(Need.Mode.allCases), externalRef: "bench-\(run)-\(inputs.count)",
                ownerOrganizationId: owner.id)
            inputs.append((input, owner, paper))
        }
        let service = NeedService(database: database)
        var latencies: [Double] = []
        var result: [BenchNeed] = []
        let start = now()
        for (input, owner, paper) in inputs {
            let began = now()
            let need = try await service.create(input, by: Loader.system)
            latencies.append((now() - began) * 1000)
            result.append(BenchNeed(id: need.id, owner: owner, paper: paper))
        }
        let seconds = now() - start
        say("")
        say("== needs ==")
        say(
            String(
                format:
                    "created %d needs for %d enterprises through NeedService.create (system actor, one audited transaction each) in %.2f s: %@",
                result.count, Set(result.map(\.owner.id)).count, seconds, Percentiles(latencies).line
            ))
        say("example titles: " + inputs.prefix(3).map { $0.0.title }.joined(separator: " | "))
        return result
    }

    // MARK: Sections

    struct Section {
        var name: String
        var count: Int
        var cold: [Double] = []
        /// Per subject, the latencies of the timed rounds.
        var warm: [[Double]]
        var results: [Int] = []
        var partial = false
        var warmSeconds = 0.0

        init(name: String, count: Int) {
            self.name = name
            self.count = count
            warm = Array(repeating: [], count: count)
        }

        /// The timed rounds, or the cold runs when the warm-up overran.
        var samples: [Double] { partial ? cold : warm.flatMap { $0 } }

        /// Per subject, the median of its timed runs.
        var medians: [Double] { partial ? cold : warm.map { Percentiles($0).p50 } }

        func report(rounds: Int) -> String {
            let how =
                partial ? "PARTIAL: first \(cold.count) of \(count), one cold run each (budget)" : "\(rounds) rounds"
            let meanResults = Double(results.reduce(0, +)) / Double(max(results.count, 1))
            return "\(name) [\(how)]: \(Percentiles(samples).line)\n"
                + "  warm-up (cold) pass: \(Percentiles(cold).line)\n"
                + String(
                    format: "  results per call: mean %.1f, none for %d", meanResults, results.filter { $0 == 0 }.count)
        }
    }

    // MARK: Where the time goes

    /// The steps of `MatchService.forNeed` for kind patent, rebuilt from Listings' and
    /// TextAnalysis's public API (QueryPlan and ListingRanker are internal to Matching; keep in
    /// step with Sources/Matching/QueryPlan.swift and ListingRanker.swift), one run each.
    func parts(
        _ database: AppDatabase, needs: [BenchNeed], terms: [[String]], service: Section, baseline: Section
    ) async throws {
        let started = now()
        var times: [String: [Double]] = [:]
        var agree = 0, reached = 0, sharedTerms = 0, serviceTerms = 0
        var matchCounts: [Int] = []
        var nRowEqual = true
        var seen = Set<String>(), lookups = 0, hits = 0, smallOverlap = 0, termTotal = 0
        var overlaps = Array(repeating: (same: 0, of: 0, top10: 0, top10of: 0), count: Self.variantNames.count)
        let weights = MatchWeights()
        for (index, need) in needs.enumerated() {
            if now() - started > options.budget { break }
            reached += 1
            let sample = try await database.read { db -> PartSample in
                try Self.sample(db, need: need.id, weights: weights)
            }
            for (name, value) in sample.times { times[name, default: []].append(value) }
            if sample.tokens == terms[index] { agree += 1 }
            sharedTerms += Set(sample.tokens).intersection(terms[index]).count
            serviceTerms += terms[index].count
            matchCounts.append(sample.matches)
            if sample.ftsRows != sample.indexed { nRowEqual = false }
            for token in sample.considered {
                lookups += 1
                if !seen.insert(token).inserted { hits += 1 }
            }
            smallOverlap += sample.smallPlanOverlap
            termTotal += sample.tokens.count
            for (variant, overlap) in sample.overlap.enumerated() {
                overlaps[variant].same += overlap.same
                overlaps[variant].of += overlap.of
                overlaps[variant].top10 += overlap.top10
                overlaps[variant].top10of += min(10, overlap.of)
            }
        }
        say("")
        say(
            "== where the time goes: match kind patent, its steps timed alone (one run each\(reached < needs.count ? ", first \(reached) needs: budget" : "")); ms =="
        )
        say(
            String(
                format:
                    "replica of the query plan (QueryPlan as of the first Matching commit) agrees exactly with MatchService's query terms for %d of %d needs and has %.0f%% of its terms; where they differ, MatchService's own plan has changed since and these steps are an approximation",
                agree, reached, 100 * Double(sharedTerms) / Double(max(serviceTerms, 1))
            ))
        let sortedCounts = matchCounts.sorted()
        say(
            "FTS rows matching the OR query (before filters): mean \(grouped(matchCounts.reduce(0, +) / max(matchCounts.count, 1))), median \(grouped(sortedCounts.isEmpty ? 0 : sortedCounts[sortedCounts.count / 2])), max \(grouped(sortedCounts.last ?? 0))"
        )
        let serviceTotal = service.medians.prefix(reached).reduce(0, +)
        let accounted = Self.inService.map { (times[$0] ?? []).reduce(0, +) }.reduce(0, +)
        for name in Self.partNames {
            let values = times[name] ?? []
            let share =
                Self.inService.contains(name)
                ? String(format: "  share of the steps %.0f%%", 100 * values.reduce(0, +) / max(accounted, 1e-9))
                : "  (not in forNeed)"
            say(String(format: "  %-58@ %@%@", name, Percentiles(values).line, share))
        }
        say(
            String(
                format:
                    "  the steps of forNeed timed alone add up to %.0f%% of forNeed's own time (per need: its median over the rounds); the rest is feedback reads, owners, building the explanations, await hops",
                100 * accounted / max(serviceTotal, 1e-9)
            ))
        say("  FTS averages record row count equals indexedCount: \(nRowEqual ? "yes" : "NO")")
        say(
            String(
                format:
                    "  document frequencies: %@ look-ups, %.0f%% of them of a token an earlier need had looked up (a process-wide cache's hit rate over these needs); the 64-token plan keeps %.0f%% of the query terms",
                grouped(lookups), 100 * Double(hits) / Double(max(lookups, 1)),
                100 * Double(smallOverlap) / Double(max(termTotal, 1))
            ))
        for (name, overlap) in zip(Self.variantNames, overlaps) {
            say(
                String(
                    format: "  %@: returns %.0f%% of the current 100 candidates, %.0f%% of the current bm25 top 10",
                    String(name.prefix(10)), 100 * Double(overlap.same) / Double(max(overlap.of, 1)),
                    100 * Double(overlap.top10) / Double(max(overlap.top10of, 1))
                ))
        }
        if let retrieve = times[Self.retrieveName], !retrieve.isEmpty, !baseline.samples.isEmpty {
            say(
                String(
                    format: "  retrieval alone (ListingIndex.retrieve) against the search baseline: p50 %.1f×",
                    Percentiles(retrieve).p50 / Percentiles(baseline.samples).p50))
        }
    }

    static let retrieveName = "ListingIndex.retrieve (bm25 OR query, join, decode 100)"
    static let partNames = [
        "subject: ListingIndex.listing", "plan: normalise + tokenise the need", "plan: ListingIndex.indexedCount",
        "plan: ListingIndex.documentFrequencies", retrieveName, "  of which the SQL alone (rows fetched, no decode)",
        "scoring: tokenise the 100 candidates", "scoring: milestones, owners (SQL)",
        "explanations: highlight the top 10",
        "alternative: row count from the FTS averages record",
        "alternative: documentFrequencies of the 64 heaviest tokens",
        "alternative: count of FTS matches", "alternative: FTS-only bm25 top 100 (no join)",
        variantNames[0], variantNames[1], variantNames[2],
    ]
    /// Retrieval variants: the FTS top 400 by bm25 first, then the join and filters on those only.
    static let variantNames = [
        "variant R1: FTS top 400, then join + filters (same plan)",
        "variant R2: R1 without the keyword phrases",
        "variant R3: R1 with 12 terms, each in ≤ 5 % of listings",
    ]
    static let inService: Set<String> = [
        "subject: ListingIndex.listing", "plan: normalise + tokenise the need", "plan: ListingIndex.indexedCount",
        "plan: ListingIndex.documentFrequencies", retrieveName, "scoring: tokenise the 100 candidates",
        "scoring: milestones, owners (SQL)", "explanations: highlight the top 10",
    ]

    struct PartSample: Sendable {
        var times: [String: Double] = [:]
        var tokens: [String] = []
        var matches = 0
        var indexed = 0
        var ftsRows = 0
        /// Tokens whose document frequency was looked up (for a cache's hit rate).
        var considered: [String] = []
        /// Per variant: how many of the current retrieval's candidates it returns, of how many.
        var overlap: [(same: Int, of: Int, top10: Int)] = []
        /// Query terms of the 64-token plan also in the 256-token plan.
        var smallPlanOverlap = 0
    }

    static func sample(_ db: Database, need id: Int64, weights: MatchWeights) throws -> PartSample {
        var sample = PartSample()
        var began = now()
        func lap(_ name: String) {
            let time = now()
            sample.times[name] = (time - began) * 1000
            began = time
        }
        let date = Date()
        guard let listing = try ListingIndex.listing(db, id: id, now: date) else {
            throw BenchError("need \(id) is gone")
        }
        lap("subject: ListingIndex.listing")

        // QueryPlan.make
        var weight: [String: Double] = [:]
        var order: [String] = []
        func add(_ text: String, _ factor: Double) {
            for token in Tokenizer.tokens(TextNormalizer.normalize(text)) {
                if weight[token] == nil { order.append(token) }
                weight[token, default: 0] += factor
            }
        }
        add(listing.title, 3)
        for keyword in listing.keywords { add(keyword, 2) }
        for code in listing.ipcCodes { add(code, 2) }
        for text in listing.body { add(text, 1) }
        let considered = order.enumerated()
            .sorted { (weight[$0.element]!, -$0.offset) > (weight[$1.element]!, -$1.offset) }
            .prefix(256).map(\.element)
        let keywordTokens = listing.keywords.map { Tokenizer.tokens(TextNormalizer.normalize($0)) }
        lap("plan: normalise + tokenise the need")
        let total = max(try ListingIndex.indexedCount(db), 1)
        sample.indexed = total
        lap("plan: ListingIndex.indexedCount")
        let frequencies = try ListingIndex.documentFrequencies(db, tokens: considered)
        lap("plan: ListingIndex.documentFrequencies")
        let present = considered.filter { (frequencies[$0] ?? 0) > 0 }
        func idf(_ token: String) -> Double {
            let df = Double(frequencies[token] ?? 0)
            return log(1 + (Double(total) - df + 0.5) / (df + 0.5))
        }
        let rare = present.filter { Double(frequencies[$0] ?? 0) <= Double(total) * 0.2 }
        let pool = rare.count >= 4 ? rare : present
        let ranked = pool.enumerated()
            .sorted {
                (weight[$0.element]! * idf($0.element), -$0.offset) > (
                    weight[$1.element]! * idf($1.element), -$1.offset
                )
            }
            .prefix(weights.queryTerms).map(\.element)
        var phrases: [[String]] = []
        for tokens in keywordTokens
        where tokens.count >= 2 && tokens.count <= 12 && tokens.allSatisfy({ (frequencies[$0] ?? 1) > 0 }) {
            if !phrases.contains(tokens) { phrases.append(tokens) }
        }
        sample.tokens = ranked
        sample.considered = considered
        guard !ranked.isEmpty else { return sample }
        let expression = (ranked.map { "\"\($0)\"" } + phrases.map { "\"" + $0.joined(separator: " ") + "\"" }).joined(
            separator: " OR ")

        // ListingRanker.rank: retrieval, then the candidates' tokens and the owners' facts.
        began = now()
        let filter = ListingIndex.Filter(kinds: [.patent], now: date)
        let retrieved = try ListingIndex.retrieve(db, match: expression, filter: filter, limit: weights.candidates)
        lap(retrieveName)
        _ = try Row.fetchAll(
            db,
            sql: """
                SELECT l.kind, l.document, bm25(listings_fts, \(ListingIndex.columnWeights)) AS rank
                FROM listings_fts CROSS JOIN listings l ON l.id = listings_fts.rowid
                WHERE listings_fts MATCH ? AND l.searchable = 1 AND l.hidden_reason IS NULL AND (l.kind <> 'need' OR l.deadline > ?)
                  AND l.kind IN (?) ORDER BY rank, l.id LIMIT ?
                """,
            arguments: [expression, Timestamp.millis(date), "patent", weights.candidates]
        )
        lap("  of which the SQL alone (rows fetched, no decode)")
        let queryTokens = Set(ranked + phrases.flatMap { $0 })
        var matched: [[String]] = []
        for candidate in retrieved {
            var text = candidate.title
            for keyword in candidate.keywords { text += " ; " + keyword }
            for body in candidate.body { text += " ; " + body }
            let found = Set(Tokenizer.tokens(TextNormalizer.normalize(text))).intersection(queryTokens)
            matched.append(ranked.filter(found.contains))
        }
        lap("scoring: tokenise the 100 candidates")
        let owners = retrieved.map(\.ownerOrganizationId)
        _ = try ListingIndex.acceptedMilestones(db, organizations: owners)
        _ = try OrganizationDirectory.summaries(db, ids: owners.prefix(10))
        lap("scoring: milestones, owners (SQL)")
        for (candidate, terms) in zip(retrieved.prefix(10), matched) {
            let tokens = Array(Set(terms + phrases.flatMap { $0 }.filter(terms.contains)))
            _ = ListingHighlight.highlight(candidate.title, tokens: tokens)
            if let body = candidate.body.first { _ = ListingHighlight.highlight(body, tokens: tokens, window: 120) }
        }
        lap("explanations: highlight the top 10")

        // Cheaper ways to the same facts, for the fixes.
        let block = try Data.fetchOne(db, sql: "SELECT block FROM listings_fts_data WHERE id = 1") ?? Data()
        sample.ftsRows = Int(Self.varint(block))
        lap("alternative: row count from the FTS averages record")
        _ = try Row.fetchAll(
            db,
            sql:
                "SELECT rowid, bm25(listings_fts, \(ListingIndex.columnWeights)) AS r FROM listings_fts WHERE listings_fts MATCH ? ORDER BY r LIMIT ?",
            arguments: [expression, weights.candidates]
        )
        lap("alternative: FTS-only bm25 top 100 (no join)")
        let small = try ListingIndex.documentFrequencies(db, tokens: Array(considered.prefix(64)))
        lap("alternative: documentFrequencies of the 64 heaviest tokens")
        let smallRanked = considered.prefix(64).filter {
            (small[$0] ?? 0) > 0 && Double(small[$0] ?? 0) <= Double(total) * 0.2
        }
        .enumerated().sorted {
            (weight[$0.element]! * idf($0.element), -$0.offset) > (weight[$1.element]! * idf($1.element), -$1.offset)
        }
        .prefix(weights.queryTerms).map(\.element)
        sample.smallPlanOverlap = Set(smallRanked).intersection(ranked).count
        sample.matches =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM listings_fts WHERE listings_fts MATCH ?", arguments: [expression]) ?? 0
        lap("alternative: count of FTS matches")
        _ = try Row.fetchAll(
            db,
            sql:
                "SELECT rowid, bm25(listings_fts, \(ListingIndex.columnWeights)) AS r FROM listings_fts WHERE listings_fts MATCH ? ORDER BY r LIMIT ?",
            arguments: [expression, weights.candidates]
        )
        lap("alternative: FTS-only bm25 top 100 (no join)")

        // Retrieval variants, compared with the current retrieval's candidates.
        let current = retrieved.map(\.id)
        let tokensOnly = ranked.map { "\"\($0)\"" }.joined(separator: " OR ")
        let narrow = pool.filter { Double(frequencies[$0] ?? 0) <= Double(total) * 0.05 }
            .enumerated().sorted {
                (weight[$0.element]! * idf($0.element), -$0.offset) > (
                    weight[$1.element]! * idf($1.element), -$1.offset
                )
            }
            .prefix(12).map { "\"\($0.element)\"" }
        let narrowExpression = (narrow + phrases.map { "\"" + $0.joined(separator: " ") + "\"" }).joined(
            separator: " OR ")
        for (name, variant) in zip(
            variantNames, [expression, tokensOnly, narrowExpression.isEmpty ? expression : narrowExpression])
        {
            let ids = try Int64.fetchAll(
                db,
                sql: """
                    SELECT l.id FROM (
                        SELECT rowid, bm25(listings_fts, \(ListingIndex.columnWeights)) AS rank FROM listings_fts
                        WHERE listings_fts MATCH ? ORDER BY rank LIMIT 400
                    ) f CROSS JOIN listings l ON l.id = f.rowid
                    WHERE l.searchable = 1 AND l.hidden_reason IS NULL AND (l.kind <> 'need' OR l.deadline > ?) AND l.kind IN (?)
                    ORDER BY f.rank, l.id LIMIT ?
                    """,
                arguments: [variant, Timestamp.millis(date), "patent", weights.candidates]
            )
            lap(name)
            sample.overlap.append(
                (
                    Set(ids).intersection(current).count, current.count,
                    Set(ids.prefix(10)).intersection(current.prefix(10)).count
                ))
        }
        return sample
    }

    /// An SQLite varint (big-endian, 7 bits a byte, the ninth byte whole), as FTS5 writes the
    /// row count at the start of its averages record.
    static func varint(_ data: Data) -> UInt64 {
        var value: UInt64 = 0
        for (index, byte) in data.prefix(9).enumerated() {
            if index == 8 { return (value << 8) | UInt64(byte) }
            value = (value << 7) | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 { return value }
        }
        return value
    }
}
