import GRDB

/// What the marketplace's transactions say about organisations and listings, for the ranking's
/// track-record and feedback signals (issue 16: two-sided feedback). "Contacted" is a connection
/// the other party accepted; a deal is a contract registered with a city (认定登记) or completed.
/// Clicks recorded by one side count for nothing here.
public enum DealTrackRecord {
    /// A contract that counts: registered (even if later ended) or completed.
    static let counts = "(c.registered_at IS NOT NULL OR c.status = 'completed')"

    /// Per organisation: contracts that count, as either party.
    public static func contracts(_ db: Database, organizations: [Int64]) throws -> [Int64: Int] {
        try countBoth(db, ids: organizations) { list in
            (
                "SELECT c.seller_org_id AS id FROM deal_contracts c WHERE c.seller_org_id IN \(list) AND \(counts)",
                "SELECT c.buyer_org_id FROM deal_contracts c WHERE c.buyer_org_id IN \(list) AND \(counts)"
            )
        }
    }

    /// Per listing: accepted connections about it (a patent, achievement or need, or either side
    /// of a match), and contracts that count naming it.
    public static func listings(_ db: Database, ids: [Int64]) throws -> [Int64: (contacted: Int, deals: Int)] {
        guard !ids.isEmpty else { return [:] }
        let contacted = try countBoth(db, ids: ids) { list in
            (
                """
                SELECT subject_id AS id FROM deal_connections WHERE status = 'accepted'
                  AND subject_kind IN ('patent', 'achievement', 'need', 'match') AND subject_id IN \(list)
                """,
                """
                SELECT subject_listing_id FROM deal_connections
                WHERE status = 'accepted' AND subject_kind = 'match' AND subject_listing_id IN \(list)
                """
            )
        }
        let deals = try Row.fetchAll(
            db,
            sql: """
                SELECT l.listing_id AS listing, count(*) AS n FROM deal_contract_listings l
                JOIN deal_contracts c ON c.id = l.contract_id
                WHERE l.listing_id IN \(placeholders(ids.count)) AND \(counts)
                GROUP BY l.listing_id
                """,
            arguments: StatementArguments(ids))
        return merge(contacted: contacted, deals: counted(deals, "listing"))
    }

    /// Per organisation: accepted connections it is a party to, and contracts that count.
    public static func organizations(_ db: Database, ids: [Int64]) throws -> [Int64: (contacted: Int, deals: Int)] {
        let contacted = try countBoth(db, ids: ids) { list in
            (
                "SELECT requester_org_id AS id FROM deal_connections WHERE status = 'accepted' AND requester_org_id IN \(list)",
                "SELECT receiver_org_id FROM deal_connections WHERE status = 'accepted' AND receiver_org_id IN \(list)"
            )
        }
        return merge(contacted: contacted, deals: try contracts(db, organizations: ids))
    }

    /// Per id: the rows of two selects (the first naming its column `id`, each bounded by the
    /// placeholder list it is given), counted together.
    static func countBoth(
        _ db: Database, ids: [Int64], _ selects: (String) -> (String, String)
    ) throws -> [Int64: Int] {
        guard !ids.isEmpty else { return [:] }
        let (first, second) = selects(placeholders(ids.count))
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, count(*) AS n FROM (\(first) UNION ALL \(second)) GROUP BY id",
            arguments: StatementArguments(ids + ids))
        return counted(rows, "id")
    }

    static func placeholders(_ count: Int) -> String {
        "(\(databaseQuestionMarks(count: count)))"
    }

    static func counted(_ rows: [Row], _ key: String) -> [Int64: Int] {
        Dictionary(uniqueKeysWithValues: rows.map { ($0[key] as Int64, $0["n"] as Int) })
    }

    static func merge(contacted: [Int64: Int], deals: [Int64: Int]) -> [Int64: (contacted: Int, deals: Int)] {
        var result: [Int64: (contacted: Int, deals: Int)] = [:]
        for (id, n) in contacted { result[id, default: (0, 0)].contacted = n }
        for (id, n) in deals { result[id, default: (0, 0)].deals = n }
        return result
    }
}
