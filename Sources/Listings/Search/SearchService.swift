import Foundation
import GRDB
import Kernel
import Store
import TextAnalysis

/// One search across patents, achievements, needs and challenges: BM25 over pre-tokenised
/// text (title weighted over keywords over body), filters, facet counts, highlighted snippets.
public struct SearchService: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// Column weights for bm25(): title, keywords, body.
    static let weights = "5.0, 3.0, 1.0"

    public func search(_ raw: SearchQuery, viewer: Actor?) async throws -> SearchResult {
        let query = try raw.validated()
        let match = try query.text.map { text -> String in
            guard let expression = SearchQuery.matchExpression(text) else {
                throw ListingsError.queryHasNoTerms
            }
            return expression
        }
        let now = Timestamp.millis(database.clock.now())
        let (filter, arguments) = Self.filter(query, signedIn: viewer != nil, now: now)
        let tokens = query.text.map { Tokenizer.tokens(TextNormalizer.normalize($0)) } ?? []
        return try await database.read { db in
            let from: String
            var head: StatementArguments = []
            if let match {
                // CROSS JOIN keeps the full-text match as the outer loop: with a selective filter
                // SQLite otherwise starts from an index on listings and probes FTS once per row.
                from = "listings_fts CROSS JOIN listings l ON l.id = listings_fts.rowid WHERE listings_fts MATCH ? AND "
                head = [match]
            } else {
                from = "listings l WHERE "
            }
            let order = match == nil ? "l.id DESC" : "bm25(listings_fts, \(Self.weights)), l.id"
            let rank = match == nil ? "NULL" : "bm25(listings_fts, \(Self.weights))"
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT l.kind, l.document, \(rank) AS rank FROM \(from)\(filter) ORDER BY \(order) LIMIT ? OFFSET ?",
                arguments: head + arguments + [query.limit, query.offset]
            )
            let facetRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT l.kind, l.city, count(*) AS n,
                        \((0..<Field.allCases.count).map { "sum((l.fields_mask >> \($0)) & 1)" }.joined(separator: ", "))
                    FROM \(from)\(filter) GROUP BY l.kind, l.city
                    """,
                arguments: head + arguments
            )
            var facets = SearchResult.Facets(kind: [:], field: [:], city: [:])
            var total = 0
            for row in facetRows {
                let count: Int = row["n"]
                total += count
                facets.kind[row["kind"], default: 0] += count
                facets.city[row["city"], default: 0] += count
                for (index, field) in Field.allCases.enumerated() {
                    let n: Int = row[3 + index]
                    if n > 0 { facets.field[field.rawValue, default: 0] += n }
                }
            }
            let items = try rows.map { row in
                try Self.hit(kind: row["kind"], document: row["document"], rank: row["rank"], tokens: tokens, now: now)
            }
            let next = query.offset + items.count
            let more = next < total && next < SearchQuery.maxOffset && items.count == query.limit
            return SearchResult(
                items: items, total: total, facets: facets, nextCursor: more ? SearchCursor.encode(next) : nil)
        }
    }

    static func filter(_ query: SearchQuery, signedIn: Bool, now: Int64) -> (String, StatementArguments) {
        var clauses = ["l.searchable = 1", "l.hidden_reason IS NULL"]
        var arguments: StatementArguments = []
        func add(_ clause: String, _ values: [any DatabaseValueConvertible]) {
            clauses.append(clause)
            _ = arguments.append(contentsOf: StatementArguments(values))
        }
        if !signedIn { clauses.append("l.visibility = 'public'") }
        if query.status == "expired" {
            add("l.kind = 'need' AND l.deadline <= ?", [now])
        } else {
            add("(l.kind <> 'need' OR l.deadline > ?)", [now])
            if let status = query.status { add("l.status = ?", [status]) }
        }
        if !query.kinds.isEmpty {
            add("l.kind IN (\(query.kinds.map { _ in "?" }.joined(separator: ", ")))", query.kinds.map(\.rawValue))
        }
        if !query.fields.isEmpty { add("(l.fields_mask & ?) <> 0", [ListingRules.mask(query.fields)]) }
        if let city = query.city { add("l.city = ?", [city.rawValue]) }
        if let trlMin = query.trlMin { add("l.trl >= ?", [trlMin]) }
        if let trlMax = query.trlMax { add("l.trl <= ?", [trlMax]) }
        if let priceMin = query.priceMin { add("l.price_max >= ?", [priceMin]) }
        if let priceMax = query.priceMax { add("l.price_min <= ?", [priceMax]) }
        if let owner = query.ownerOrganizationId { add("l.owner_org_id = ?", [owner]) }
        if let year = query.year { add("l.year = ?", [year]) }
        return (clauses.joined(separator: " AND "), arguments)
    }

    static func hit(
        kind: String, document: Data, rank: Double?, tokens: [String], now: Int64
    ) throws -> SearchResult.Hit {
        switch ListingKind(rawValue: kind) {
        case .patent:
            return make(
                try ListingStore.decode(Patent.self, from: document), price: nil, deadline: nil, rank: rank,
                tokens: tokens)
        case .achievement:
            let achievement = try ListingStore.decode(Achievement.self, from: document)
            return make(achievement, price: achievement.price, deadline: nil, rank: rank, tokens: tokens)
        case .need:
            let need = try ListingStore.decode(Need.self, from: document).effective(at: Timestamp.date(millis: now))
            return make(need, price: need.budget, deadline: need.deadline, rank: rank, tokens: tokens)
        case .challenge, .none:
            let challenge = try ListingStore.decode(Challenge.self, from: document)
            return make(challenge, price: nil, deadline: challenge.deadline, rank: rank, tokens: tokens)
        }
    }

    static func make<Document: ListingDocument>(
        _ document: Document, price: PriceRange?, deadline: Date?, rank: Double?, tokens: [String]
    ) -> SearchResult.Hit {
        let columns = document.columns
        let text = document.searchText
        var price = price
        if let patent = document as? Patent { price = patent.askingPrice }
        return SearchResult.Hit(
            kind: Document.kind, id: document.id, title: document.title, city: document.city,
            ownerOrganizationId: document.ownerOrganizationId, status: columns.status, fields: columns.fields,
            trl: columns.trl, price: price, deadline: deadline,
            score: rank.map { ((-$0) * 1000).rounded() / 1000 },
            highlights: tokens.isEmpty
                ? nil
                : SearchResult.Highlights(
                    title: Highlighter.highlight(document.title, tokens: tokens),
                    snippet: text.body.first.map { Highlighter.highlight($0, tokens: tokens, window: 120) }
                )
        )
    }
}
