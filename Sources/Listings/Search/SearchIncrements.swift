import Foundation
import GRDB
import Kernel

/// Saved searches' incremental question (issue 17): which listings with an id in (after,
/// through] match this query — as a search by someone signed in (`signedIn`) or not would find
/// them, with the same text rules and filters, newest first. Runs inside the caller's read so
/// that thousands of saved searches are answered from one snapshot; the FTS5 match is bounded
/// by rowid, so only what is new since the last run is read.
extension SearchService {
    public static func newMatches(
        _ db: Database, _ raw: SearchQuery, after: Int64, through: Int64, signedIn: Bool, now: Date, limit: Int
    ) throws -> [Int64] {
        guard through > after else { return [] }
        let query = try raw.validated()
        let (filter, arguments) = Self.filter(query, signedIn: signedIn, now: Timestamp.millis(now))
        if let text = query.text {
            guard let expression = SearchQuery.matchExpression(text) else { throw ListingsError.queryHasNoTerms }
            return try Int64.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT l.id FROM listings_fts CROSS JOIN listings l ON l.id = listings_fts.rowid
                        WHERE listings_fts MATCH ? AND listings_fts.rowid > ? AND listings_fts.rowid <= ? AND \(filter)
                        ORDER BY l.id DESC LIMIT ?
                        """),
                arguments: [expression, after, through] + arguments + [limit])
        }
        return try Int64.fetchAll(
            db.cachedStatement(
                sql: "SELECT l.id FROM listings l WHERE l.id > ? AND l.id <= ? AND \(filter) ORDER BY l.id DESC LIMIT ?"
            ),
            arguments: [after, through] + arguments + [limit])
    }
}

extension SearchQuery {
    /// The query with its text trimmed, or the refusal a search would give it.
    public func checked() throws -> SearchQuery {
        let query = try validated()
        if let text = query.text, SearchQuery.matchExpression(text) == nil { throw ListingsError.queryHasNoTerms }
        return query
    }
}
