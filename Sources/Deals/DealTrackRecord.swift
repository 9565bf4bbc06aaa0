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
        guard !organizations.isEmpty else { return [:] }
        let list = placeholders(organizations.count)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT org, count(*) AS n FROM (
                    SELECT c.seller_org_id AS org FROM deal_contracts c WHERE c.seller_org_id IN \(list) AND \(counts)
                    UNION ALL
                    SELECT c.buyer_org_id FROM deal_contracts c WHERE c.buyer_org_id IN \(list) AND \(counts))
                GROUP BY org
                """,
            arguments: StatementArguments(organizations + organizations))
        return counted(rows, "org")
    }

    /// Per listing: accepted connections about it (a patent, achievement or need, or either side
    /// of a match), and contracts that count naming it.
    public static func listings(_ db: Database, ids: [Int64]) throws -> [Int64: (contacted: Int, deals: Int)] {
        guard !ids.isEmpty else { return [:] }
        let list = placeholders(ids.count)
        let contacted = try Row.fetchAll(
            db,
            sql: """
                SELECT listing, count(*) AS n FROM (
                    SELECT subject_id AS listing FROM deal_connections
                    WHERE status = 'accepted' AND subject_kind IN ('patent', 'achievement', 'need', 'match')
                      AND subject_id IN \(list)
                    UNION ALL
                    SELECT subject_listing_id FROM deal_connections
                    WHERE status = 'accepted' AND subject_kind = 'match' AND subject_listing_id IN \(list))
                GROUP BY listing
                """,
            arguments: StatementArguments(ids + ids))
        let deals = try Row.fetchAll(
            db,
            sql: """
                SELECT l.listing_id AS listing, count(*) AS n FROM deal_contract_listings l
                JOIN deal_contracts c ON c.id = l.contract_id
                WHERE l.listing_id IN \(list) AND \(counts)
                GROUP BY l.listing_id
                """,
            arguments: StatementArguments(ids))
        return merge(contacted: counted(contacted, "listing"), deals: counted(deals, "listing"))
    }

    /// Per organisation: accepted connections it is a party to, and contracts that count.
    public static func organizations(_ db: Database, ids: [Int64]) throws -> [Int64: (contacted: Int, deals: Int)] {
        guard !ids.isEmpty else { return [:] }
        let list = placeholders(ids.count)
        let contacted = try Row.fetchAll(
            db,
            sql: """
                SELECT org, count(*) AS n FROM (
                    SELECT requester_org_id AS org FROM deal_connections
                    WHERE status = 'accepted' AND requester_org_id IN \(list)
                    UNION ALL
                    SELECT receiver_org_id FROM deal_connections WHERE status = 'accepted' AND receiver_org_id IN \(list))
                GROUP BY org
                """,
            arguments: StatementArguments(ids + ids))
        return merge(contacted: counted(contacted, "org"), deals: try contracts(db, organizations: ids))
    }

    static func placeholders(_ count: Int) -> String {
        "(" + Array(repeating: "?", count: count).joined(separator: ",") + ")"
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
