import GRDB

/// Where an incremental reader of the listings stands — the saved-search and the
/// match-subscription runs each keep one row in a table of their own: nil before the first run.
enum ListingPosition {
    enum Table: String {
        case savedSearches = "saved_search_position"
        case matchSubscriptions = "match_subscription_position"
    }

    static func read(_ db: Database, _ table: Table) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT listing_id FROM \(table.rawValue)")
    }

    /// Moves the position from `expected` to `to`; false, and nothing written, when another run
    /// moved it first (its alerts stand, the caller's are dropped).
    static func advance(_ db: Database, _ table: Table, from expected: Int64?, to: Int64) throws -> Bool {
        guard try read(db, table) == expected else { return false }
        try db.execute(
            sql: "INSERT OR REPLACE INTO \(table.rawValue) (singleton, listing_id) VALUES (1, ?)", arguments: [to])
        return true
    }
}
