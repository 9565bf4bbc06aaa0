import Foundation
import GRDB
import Kernel
import Listings
import Store

/// The incremental run behind saved-search alerts: listings created since the last run (ids
/// after the stored position) are matched against every saved search, all from one read
/// snapshot; then one audited write moves the position and records one notification event per
/// search that matched, for its owner. The first run only sets the position (nobody is flooded
/// with the whole catalogue).
public struct SavedSearchEvaluation: Sendable {
    let database: AppDatabase
    /// At most this many listings are named in one alert.
    static let named = 5

    public init(database: AppDatabase) {
        self.database = database
    }

    public struct Report: Sendable, Equatable {
        public var searches: Int
        public var newListings: Int
        public var matched: Int
    }

    struct Match {
        var search: Int64
        var user: Int64
        var name: String
        var listings: [Int64]
    }

    @discardableResult
    public func run() async throws -> Report {
        let now = database.clock.now()
        let (position, newest, searches, matches) = try await database.read { db in
            let position = try ListingPosition.read(db, .savedSearches)
            let newest = try ListingDirectory.newestID(db)
            guard let position, newest > position else { return (position, newest, 0, [Match]()) }
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, user_id, name, query FROM saved_searches WHERE deleted_at IS NULL ORDER BY id")
            var matches: [Match] = []
            // Searches saved alike (the same stored query text) are answered once.
            var answers: [String: [Int64]] = [:]
            for row in rows {
                let text: String = row["query"]
                let found: [Int64]
                if let known = answers[text] {
                    found = known
                } else {
                    let query = try DocumentJSON.decode(SavedSearch.Query.self, text)
                    // A query that no longer reads (rules changed since it was saved) matches nothing.
                    found =
                        (try? SearchService.newMatches(
                            db, query.search, after: position, through: newest, signedIn: true, now: now,
                            limit: Self.named)) ?? []
                    answers[text] = found
                }
                guard !found.isEmpty else { continue }
                matches.append(Match(search: row["id"], user: row["user_id"], name: row["name"], listings: found))
            }
            return (position, newest, rows.count, matches)
        }
        if let position, newest <= position { return Report(searches: 0, newListings: 0, matched: 0) }
        _ = try await database.write(as: .system("saved-searches", requestID: "job"), action: "saved_search.evaluate") {
            db, context in
            guard try ListingPosition.advance(db, .savedSearches, from: position, to: newest) else {
                return Audited.unchanged(0)
            }
            var events: [OutboxEvent] = []
            for match in matches {
                try db.execute(
                    sql: "UPDATE saved_searches SET matches = matches + ?, last_matched_at = ? WHERE id = ?",
                    arguments: [match.listings.count, Timestamp.millis(context.now), match.search])
                events.append(
                    OutboxEvent(
                        kind: .savedSearchMatched, target: "saved_search", id: String(match.search),
                        users: [match.user],
                        payload: [
                            "name": .string(match.name), "listingIds": .array(match.listings.map { .int($0) }),
                        ]))
            }
            return Audited(
                matches.count, target: "saved_search_position", id: "1",
                change: [
                    "after": position.map { .int($0) } ?? .null, "through": .int(newest),
                    "matched": .int(Int64(matches.count)),
                ]
            ).notifying(events)
        }
        return Report(
            searches: searches, newListings: position.map { Int(newest - $0) } ?? 0, matched: matches.count)
    }
}
