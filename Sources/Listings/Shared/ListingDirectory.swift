import Foundation
import GRDB
import Kernel

/// What another module may know of a listing without reading the `listings` table: its kind,
/// owner, city, status and fields (issue 16: Deals checks that a contract names the seller's
/// listing and the buyer's need, and counts needs posted for its funnel).
public struct ListingFacts: Sendable, Equatable {
    public var kind: ListingKind
    public var id: Int64
    public var ownerOrganizationId: Int64
    public var city: CityCode
    /// The stored status (`SupplyStatus`, `Need.Status` or the challenge's state) as text.
    public var status: String
    public var fields: [Field]
    /// Searchable and not hidden by a moderator: others may find it.
    public var visible: Bool
    public var createdAt: Date
}

/// Read-only lookups of listings for other modules. Each takes the caller's `Database`, so a
/// lookup inside a write transaction sees that transaction's rows.
public enum ListingDirectory {
    /// The organisations that own a listing of this kind, in id order (the open-data snapshot
    /// walks them and reads each one's listings as an anonymous visitor would).
    public static func owners(_ db: Database, kind: ListingKind) throws -> [Int64] {
        try Int64.fetchAll(
            db, sql: "SELECT DISTINCT owner_org_id FROM listings WHERE kind = ? ORDER BY owner_org_id",
            arguments: [kind.rawValue])
    }

    /// The newest listing's id (0 when there is none): where incremental readers start.
    public static func newestID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(id) FROM listings") ?? 0
    }

    public static func facts(_ db: Database, id: Int64) throws -> ListingFacts? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT kind, owner_org_id, city, status, fields_mask, searchable, hidden_reason, created_at
                        FROM listings WHERE id = ?
                        """),
                arguments: [id]),
            let kind = ListingKind(rawValue: row["kind"]), let city = CityCode(rawValue: row["city"])
        else { return nil }
        let mask: Int64 = row["fields_mask"]
        let hidden: String? = row["hidden_reason"]
        let searchable: Int = row["searchable"]
        return ListingFacts(
            kind: kind, id: id, ownerOrganizationId: row["owner_org_id"], city: city, status: row["status"],
            fields: Field.allCases.filter { mask & ListingRules.bit($0) != 0 },
            visible: searchable == 1 && hidden == nil,
            createdAt: Timestamp.date(millis: row["created_at"]))
    }

    /// When each of these listings was posted (ids that do not exist are left out).
    public static func createdAt(_ db: Database, ids: some Collection<Int64>) throws -> [Int64: Date] {
        let unique = Array(Set(ids))
        var result: [Int64: Date] = [:]
        for start in stride(from: 0, to: unique.count, by: 500) {
            let chunk = unique[start..<min(start + 500, unique.count)]
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT id, created_at FROM listings WHERE id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments(Array(chunk)))
            for row in rows { result[row["id"]] = Timestamp.date(millis: row["created_at"]) }
        }
        return result
    }

    /// How many needs were posted in [from, to) (either end open when nil).
    public static func needsPosted(_ db: Database, from: Date?, to: Date?) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT count(*) FROM listings WHERE kind = 'need'
                AND (? IS NULL OR created_at >= ?) AND (? IS NULL OR created_at < ?)
                """,
            arguments: [
                from.map(Timestamp.millis), from.map(Timestamp.millis), to.map(Timestamp.millis),
                to.map(Timestamp.millis),
            ]) ?? 0
    }
}
