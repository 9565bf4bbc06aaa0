import Foundation
import GRDB
import Kernel
import Listings
import Store

/// Candidate fixes measured at the SQL level on the same data, without changing Sources/Listings:
/// each runs the work of one search (the ranked page of 20 and the facet counts) its own way.
struct Experiments {
    let database: AppDatabase
    let path: String
    let queries: [BenchQuery]
    let rows: Int
    let budget: Double

    static let facetCap = 10_000
    static let narrowTable = "bench_listing_filters"

    struct Variant {
        var name: String
        var tuned: Bool
        /// Not run on the filtered queries (where it takes seconds a query).
        var plainOnly = false
        var run: @Sendable (Database, String, SearchQuery) throws -> Void
    }

    func run() async throws {
        say("")
        say(
            "== experiments: candidate fixes, same queries (one warm-up, one timed run each; ms per search, SQL work only) =="
        )
        let (pagesBefore, pageSize) = try await database.read { db in
            (
                try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0,
                try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            )
        }
        let built = now()
        try await database.benchmarkWriter.write { db in
            try db.execute(
                sql: """
                    DROP TABLE IF EXISTS \(Self.narrowTable);
                    CREATE TABLE \(Self.narrowTable) (
                        id INTEGER PRIMARY KEY, kind TEXT NOT NULL, city TEXT NOT NULL, status TEXT NOT NULL,
                        visibility TEXT NOT NULL, hidden_reason TEXT, searchable INTEGER NOT NULL,
                        fields_mask INTEGER NOT NULL, deadline INTEGER
                    ) STRICT;
                    INSERT INTO \(Self.narrowTable)
                        SELECT id, kind, city, status, visibility, hidden_reason, searchable, fields_mask, deadline FROM listings;
                    """)
        }
        let pagesAfter = try await database.read { db in try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
        say(
            String(
                format:
                    "narrow side table %@ (the filter and facet columns, no document): %@ for %@ rows, built in %.1f s",
                Self.narrowTable, mib((pagesAfter - pagesBefore) * pageSize), grouped(rows), now() - built
            ))

        var plain = Configuration()
        plain.readonly = true
        var tuned = Configuration()
        tuned.readonly = true
        tuned.prepareDatabase { db in
            try db.execute(sql: "PRAGMA mmap_size = 2147418112")  // SQLite's default ceiling (SQLITE_MAX_MMAP_SIZE)
            try db.execute(sql: "PRAGMA cache_size = -262144")  // 256 MiB
        }
        let defaultQueue = try DatabaseQueue(path: path, configuration: plain)
        let tunedQueue = try DatabaseQueue(path: path, configuration: tuned)

        let variants: [Variant] = [
            Variant(name: "A  as now: ranked page + facets (2 scans, CROSS JOIN)", tuned: false) {
                db, expression, query in
                try Self.twoStatements(db, expression, query, table: "listings")
            },
            Variant(name: "A0 A with a plain JOIN (the plan before 8d6d596)", tuned: false, plainOnly: true) {
                db, expression, query in
                try Self.twoStatements(db, expression, query, table: "listings", cross: false)
            },
            Variant(name: "B  A with mmap 2 GiB + cache 256 MiB on the reader", tuned: true) { db, expression, query in
                try Self.twoStatements(db, expression, query, table: "listings")
            },
            Variant(name: "C  A against the narrow table (+ 20 documents by id)", tuned: false) {
                db, expression, query in
                try Self.twoStatements(db, expression, query, table: Self.narrowTable)
            },
            Variant(name: "D  one pass over the narrow table: top 20 + facets in Swift", tuned: false) {
                db, expression, query in
                try Self.onePass(db, expression, query)
            },
            Variant(name: "E  A with facets over the first \(grouped(Self.facetCap)) matches only", tuned: false) {
                db, expression, query in
                try Self.cappedFacets(db, expression, query)
            },
            Variant(name: "F  ranked page only, no facets", tuned: false) { db, expression, query in
                let sql = ServiceSQL(query, table: "listings")
                _ = try Row.fetchAll(db, sql: sql.ranked, arguments: sql.arguments(expression, page: true))
            },
        ]

        for filtered in [false, true] {
            say("")
            say(filtered ? "filtered (kind=patent + field + city):" : "plain:")
            for variant in variants where !(filtered && variant.plainOnly) {
                let queue = variant.tuned ? tunedQueue : defaultQueue
                var samples: [Double] = []
                let run = variant.run
                let started = now()
                for (index, query) in queries.enumerated() {
                    if now() - started > budget / 2 { break }
                    guard let expression = QueryMaker.matchExpression(query.text) else { continue }
                    let search = SearchBenchmark.searchQuery(query, index: index, filtered: filtered)
                    let elapsed = try await queue.read { db -> Double in
                        try run(db, expression, search)
                        let began = now()
                        try run(db, expression, search)
                        return (now() - began) * 1000
                    }
                    samples.append(elapsed)
                }
                let note = samples.count < queries.count ? "  PARTIAL (budget): first \(samples.count) queries" : ""
                say(
                    "  \(variant.name.padding(toLength: 62, withPad: " ", startingAt: 0)) \(Percentiles(samples).line)\(note)"
                )
            }
        }
        try defaultQueue.close()
        try tunedQueue.close()
        try await database.benchmarkWriter.write { db in
            try db.execute(sql: "DROP TABLE IF EXISTS \(Self.narrowTable)")
        }
    }

    /// What SearchService does: the ranked page, then the facet statement (and, for the narrow
    /// table, the 20 documents by id).
    static func twoStatements(
        _ db: Database, _ expression: String, _ query: SearchQuery, table: String, cross: Bool = true
    ) throws {
        let narrow = table != "listings"
        let sql = ServiceSQL(query, table: table, selectDocument: !narrow, cross: cross)
        let page = try Row.fetchAll(db, sql: sql.ranked, arguments: sql.arguments(expression, page: true))
        if narrow { try documents(db, page.map { $0[1] as Int64 }) }
        _ = try Row.fetchAll(db, sql: sql.facets, arguments: sql.arguments(expression, page: false))
    }

    static func documents(_ db: Database, _ ids: [Int64]) throws {
        let statement = try db.cachedStatement(sql: "SELECT document FROM listings WHERE id = ?")
        for id in ids { _ = try String.fetchOne(statement, arguments: [id]) }
    }

    /// One statement over the narrow table yields every filtered match with its rank; Swift
    /// keeps the best 20 and counts the facets; then 20 documents by id.
    static func onePass(_ db: Database, _ expression: String, _ query: SearchQuery, cross: Bool = true) throws {
        let sql = ServiceSQL(query, table: narrowTable, selectDocument: false, cross: cross)
        let from = sql.ranked.components(separatedBy: " FROM ")[1].components(separatedBy: " ORDER BY ")[0]
        let cursor = try Row.fetchCursor(
            db,
            sql: "SELECT l.id, l.kind, l.city, l.fields_mask, bm25(listings_fts, \(ServiceSQL.weights)) FROM \(from)",
            arguments: sql.arguments(expression, page: false)
        )
        var best: [(Double, Int64)] = []
        var kinds: [String: Int] = [:], cities: [String: Int] = [:]
        var fields = Array(repeating: 0, count: Field.allCases.count)
        while let row = try cursor.next() {
            let id: Int64 = row[0]
            let rank: Double = row[4]
            kinds[row[1] as String, default: 0] += 1
            cities[row[2] as String, default: 0] += 1
            let mask: Int64 = row[3]
            for bit in 0..<fields.count where mask & (1 << Int64(bit)) != 0 { fields[bit] += 1 }
            if best.count < 20 || (rank, id) < best[best.count - 1] {
                let position = best.firstIndex { (rank, id) < $0 } ?? best.count
                best.insert((rank, id), at: position)
                if best.count > 20 { best.removeLast() }
            }
        }
        try documents(db, best.map(\.1))
    }

    static func cappedFacets(_ db: Database, _ expression: String, _ query: SearchQuery) throws {
        let capped =
            "(SELECT rowid FROM listings_fts WHERE listings_fts MATCH ? LIMIT \(facetCap)) AS f CROSS JOIN listings l ON l.id = f.rowid WHERE "
        let sql = ServiceSQL(query, table: "listings", facetFrom: capped)
        _ = try Row.fetchAll(db, sql: sql.ranked, arguments: sql.arguments(expression, page: true))
        _ = try Row.fetchAll(db, sql: sql.facets, arguments: sql.arguments(expression, page: false))
    }
}
