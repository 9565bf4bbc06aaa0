import Foundation
import GRDB
import Kernel
import Store
import TextAnalysis

/// One listing as a ranker sees it: the structured facts and the text it is indexed by.
public struct IndexedListing: Sendable {
    public var kind: ListingKind
    public var id: Int64
    public var ownerOrganizationId: Int64
    public var city: CityCode
    public var status: String
    public var title: String
    public var keywords: [String]
    /// The body texts (abstract, claims, description …), in the order they are indexed.
    public var body: [String]
    public var fields: [Field]
    public var trl: Int?
    /// Asking price (supply) or budget (need).
    public var price: PriceRange?
    public var ipcCodes: [String]
    /// Cooperation modes offered (supply) or wanted (need), as `CooperationMode` raw values.
    public var modes: [String]
    public var deadline: Date?
    /// bm25() of the retrieval query (lower is better); nil when not retrieved by text.
    public var rank: Double?
}

/// Read-only access to the listings' full-text index, for ranking outside this module
/// (Matching). Nothing here writes.
public enum ListingIndex {
    /// Column weights for bm25(): title, keywords, body (the same as search).
    public static let columnWeights = "5.0, 3.0, 1.0"

    /// Listings that can be found by text at all (the FTS row count). Read from FTS5's own
    /// averages record (row 1 of `listings_fts_data`, whose first varint is the number of rows),
    /// which costs one page read; counting `listings` reads the whole table (0.7 s at 1M rows).
    public static func indexedCount(_ db: Database) throws -> Int {
        if let blob = try Data.fetchOne(db, sql: "SELECT block FROM listings_fts_data WHERE id = 1"),
            let rows = FTSVarint.first(blob)
        {
            return Int(rows)
        }
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM listings WHERE searchable = 1 AND hidden_reason IS NULL")
            ?? 0
    }

    /// How many indexed listings contain each token (from the FTS5 vocabulary).
    public static func documentFrequencies(_ db: Database, tokens: [String]) throws -> [String: Int] {
        var result: [String: Int] = [:]
        let statement = try db.cachedStatement(sql: "SELECT doc FROM listings_vocab WHERE term = ?")
        for token in Set(tokens) {
            result[token] = try Int.fetchOne(statement, arguments: [token]) ?? 0
        }
        return result
    }

    /// What a retrieval may return.
    public struct Filter: Sendable {
        public var kinds: [ListingKind]
        public var city: CityCode?
        public var fields: [Field]
        /// Open needs only (for supply → need matching): not expired at `now`.
        public var now: Date
        public var excludeIds: Set<Int64>

        public init(
            kinds: [ListingKind], city: CityCode? = nil, fields: [Field] = [], now: Date, excludeIds: Set<Int64> = []
        ) {
            self.kinds = kinds
            self.city = city
            self.fields = fields
            self.now = now
            self.excludeIds = excludeIds
        }
    }

    /// The best `limit` listings for an FTS5 match expression, by weighted bm25. Only listings
    /// every signed-in user may read: searchable, not hidden; needs only while open or in talks
    /// and before their deadline.
    public static func retrieve(
        _ db: Database, match: String, filter: Filter, limit: Int, columnWeights: String = ListingIndex.columnWeights
    ) throws -> [IndexedListing] {
        var clauses = ["l.searchable = 1", "l.hidden_reason IS NULL", "(l.kind <> 'need' OR l.deadline > ?)"]
        var arguments: StatementArguments = [Timestamp.millis(filter.now)]
        if !filter.kinds.isEmpty {
            clauses.append("l.kind IN (\(filter.kinds.map { _ in "?" }.joined(separator: ", ")))")
            _ = arguments.append(contentsOf: StatementArguments(filter.kinds.map(\.rawValue)))
        }
        if let city = filter.city {
            clauses.append("l.city = ?")
            _ = arguments.append(contentsOf: [city.rawValue])
        }
        if !filter.fields.isEmpty {
            clauses.append("(l.fields_mask & ?) <> 0")
            _ = arguments.append(contentsOf: [ListingRules.mask(filter.fields)])
        }
        let wanted = limit + filter.excludeIds.count
        // First the best matches by text alone (FTS5 ranks without touching `listings`), then the
        // filters on those few; only when too few survive is every match joined and filtered.
        let pool = wanted * 4
        var rows = try Row.fetchAll(
            db,
            sql: """
                SELECT l.kind, l.document, f.rank FROM (
                    SELECT rowid, bm25(listings_fts, \(columnWeights)) AS rank FROM listings_fts
                    WHERE listings_fts MATCH ? ORDER BY rank LIMIT ?
                ) AS f CROSS JOIN listings l ON l.id = f.rowid
                WHERE \(clauses.joined(separator: " AND "))
                ORDER BY f.rank, l.id LIMIT ?
                """,
            arguments: [match, pool] + arguments + [wanted]
        )
        if rows.count < wanted {
            rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT l.kind, l.document, bm25(listings_fts, \(columnWeights)) AS rank
                    FROM listings_fts CROSS JOIN listings l ON l.id = listings_fts.rowid
                    WHERE listings_fts MATCH ? AND \(clauses.joined(separator: " AND "))
                    ORDER BY rank, l.id LIMIT ?
                    """,
                arguments: [match] + arguments + [wanted]
            )
        }
        var result: [IndexedListing] = []
        for row in rows {
            guard var listing = try decode(kind: row["kind"], document: row["document"], now: filter.now) else {
                continue
            }
            if filter.excludeIds.contains(listing.id) { continue }
            listing.rank = row["rank"]
            result.append(listing)
            if result.count == limit { break }
        }
        return result
    }

    /// One listing by id, whatever its kind and state (the caller checks who may see it).
    public static func listing(_ db: Database, id: Int64, now: Date) throws -> IndexedListing? {
        guard let row = try Row.fetchOne(db, sql: "SELECT kind, document FROM listings WHERE id = ?", arguments: [id])
        else {
            return nil
        }
        return try decode(kind: row["kind"], document: row["document"], now: now)
    }

    /// A listing others can find (searchable, not hidden, a need not expired), as a match could
    /// show it; nil for a draft, a hidden or a missing one alike.
    public static func findableListing(_ db: Database, id: Int64, now: Date) throws -> IndexedListing? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT kind, document FROM listings
                    WHERE id = ? AND searchable = 1 AND hidden_reason IS NULL AND (kind <> 'need' OR deadline > ?)
                    """,
                arguments: [id, Timestamp.millis(now)]
            )
        else { return nil }
        return try decode(kind: row["kind"], document: row["document"], now: now)
    }

    /// An organisation's listings of some kinds that others can find (searchable, not hidden),
    /// newest first.
    public static func listings(
        _ db: Database, owner: Int64, kinds: [ListingKind], now: Date, limit: Int
    ) throws -> [IndexedListing] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT kind, document FROM listings
                WHERE owner_org_id = ? AND kind IN (\(kinds.map { _ in "?" }.joined(separator: ", ")))
                  AND searchable = 1 AND hidden_reason IS NULL AND (kind <> 'need' OR deadline > ?)
                ORDER BY id DESC LIMIT ?
                """,
            arguments: StatementArguments([owner] + kinds.map(\.rawValue)) + [Timestamp.millis(now), limit]
        )
        return try rows.compactMap { try decode(kind: $0["kind"], document: $0["document"], now: now) }
    }

    static func decode(kind: String, document: Data, now: Date) throws -> IndexedListing? {
        let decoder = ListingStore.decoder
        switch ListingKind(rawValue: kind) {
        case .patent:
            let patent = try decoder.decode(Patent.self, from: document)
            var listing = make(patent)
            listing.trl = patent.trl
            listing.price = patent.askingPrice
            listing.ipcCodes = patent.ipcCodes
            listing.keywords = patent.keywords
            listing.modes = Set(
                patent.transferModes.map { mode -> CooperationMode in
                    switch mode {
                    case .assignment: .transfer
                    case .licenceExclusive, .licenceNonExclusive: .licence
                    case .equity: .equity
                    }
                }
            ).map(\.rawValue).sorted()
            return listing
        case .achievement:
            let achievement = try decoder.decode(Achievement.self, from: document)
            var listing = make(achievement)
            listing.trl = achievement.trl
            listing.price = achievement.price
            listing.modes = achievement.cooperationModes.map(\.rawValue)
            return listing
        case .need:
            let need = try decoder.decode(Need.self, from: document).effective(at: now)
            var listing = make(need)
            listing.price = need.budget
            listing.modes = [need.cooperationMode.rawValue]
            listing.deadline = need.deadline
            return listing
        case .challenge:
            let challenge = try decoder.decode(Challenge.self, from: document)
            var listing = make(challenge)
            listing.deadline = challenge.deadline
            return listing
        case .none:
            return nil
        }
    }

    static func make<Document: ListingDocument>(_ document: Document) -> IndexedListing {
        let columns = document.columns
        let text = document.searchText
        return IndexedListing(
            kind: Document.kind, id: document.id, ownerOrganizationId: document.ownerOrganizationId,
            city: document.city,
            status: columns.status, title: text.title, keywords: text.keywords, body: text.body.filter { !$0.isEmpty },
            fields: columns.fields, trl: columns.trl, price: nil, ipcCodes: [], modes: [], deadline: columns.deadline,
            rank: nil
        )
    }
}

/// Highlighting for rankers outside this module.
public enum ListingHighlight {
    /// Where the tokens occur in `text` (normalised matching, original text returned), within
    /// a window of `window` characters around the first match when given.
    public static func highlight(_ text: String, tokens: [String], window: Int? = nil) -> SearchResult.Highlighted {
        Highlighter.highlight(text, tokens: tokens, window: window)
    }
}

extension ListingIndex {
    /// Per organisation, how many 揭榜挂帅 milestones it delivered as lead and had accepted.
    public static func acceptedMilestones(_ db: Database, organizations: some Collection<Int64>) throws -> [Int64: Int]
    {
        guard !organizations.isEmpty else { return [:] }
        let ids = Array(Set(organizations))
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT a.lead_org_id AS org, count(*) AS n FROM challenge_milestones m
                JOIN challenge_applications a ON a.id = m.application_id
                WHERE m.status = 'accepted' AND a.lead_org_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
                GROUP BY a.lead_org_id
                """,
            arguments: StatementArguments(ids)
        )
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["org"] as Int64, $0["n"] as Int) })
    }
}

/// SQLite's variable-length integers as FTS5 writes them: big-endian groups of 7 bits, the high
/// bit set on every byte but the last, a ninth byte carrying 8 bits.
enum FTSVarint {
    static func first(_ data: Data) -> UInt64? {
        var value: UInt64 = 0
        for (index, byte) in data.prefix(9).enumerated() {
            if index == 8 { return (value << 8) | UInt64(byte) }
            value = (value << 7) | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 { return value }
        }
        return nil
    }
}
