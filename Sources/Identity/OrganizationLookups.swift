import Foundation
import GRDB
import Kernel

/// More read-only lookups of organisations for other modules (issue 15: no module reads
/// another module's tables). Each takes the caller's `Database`, so a lookup inside a write
/// transaction sees that transaction's rows.
extension OrganizationDirectory {
    /// One organisation's kind, name and city, or nil when there is none.
    public static func summary(_ db: Database, id: Int64) throws -> OrganizationSummary? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, kind, name, city FROM organizations WHERE id = ?"), arguments: [id]
            ), let kind = OrganizationKind(rawValue: row["kind"]), let city = CityCode(rawValue: row["city"])
        else { return nil }
        return OrganizationSummary(id: id, kind: kind, name: row["name"], city: city)
    }

    /// Whether no organisation is registered yet (a new database, before seeding).
    public static func isEmpty(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM organizations)") ?? true
    }

    /// Every organisation's id by its unified social credit code (for loading seed files that
    /// name owners by code).
    public static func idsByCreditCode(_ db: Database) throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, credit_code FROM organizations ORDER BY id") {
            let code: String = row["credit_code"]
            if result[code] == nil { result[code] = row["id"] }
        }
        return result
    }

    /// The organisations of the given kinds, in id order, at most `limit`.
    public static func summaries(
        _ db: Database, kinds: Set<OrganizationKind>, limit: Int = 100_000
    ) throws -> [OrganizationSummary] {
        guard !kinds.isEmpty else { return [] }
        let placeholders = kinds.map { _ in "?" }.joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT id, kind, name, city FROM organizations WHERE kind IN (\(placeholders)) ORDER BY id LIMIT ?",
            arguments: StatementArguments(kinds.map(\.rawValue).sorted()) + [limit]
        )
        return rows.compactMap { row in
            guard let kind = OrganizationKind(rawValue: row["kind"]), let city = CityCode(rawValue: row["city"])
            else { return nil }
            return OrganizationSummary(id: row["id"], kind: kind, name: row["name"], city: city)
        }
    }
}
