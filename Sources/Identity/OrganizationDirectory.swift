import Foundation
import GRDB
import Kernel

/// The little other modules need to name an organisation in a result.
public struct OrganizationSummary: Sendable, Equatable {
    public var id: Int64
    public var kind: OrganizationKind
    public var name: String
    public var city: CityCode
}

/// Read-only lookups of organisations for other modules (one query for many ids).
public enum OrganizationDirectory {
    public static func summaries(_ db: Database, ids: some Collection<Int64>) throws -> [Int64: OrganizationSummary] {
        guard !ids.isEmpty else { return [:] }
        let unique = Array(Set(ids))
        var result: [Int64: OrganizationSummary] = [:]
        for start in stride(from: 0, to: unique.count, by: 500) {
            let chunk = unique[start..<min(start + 500, unique.count)]
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT id, kind, name, city FROM organizations WHERE id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments(Array(chunk))
            )
            for row in rows {
                guard let kind = OrganizationKind(rawValue: row["kind"]), let city = CityCode(rawValue: row["city"])
                else { continue }
                let id: Int64 = row["id"]
                result[id] = OrganizationSummary(id: id, kind: kind, name: row["name"], city: city)
            }
        }
        return result
    }
}

extension OrganizationDirectory {
    /// One organisation in full, inside another module's transaction.
    public static func organization(_ db: Database, id: Int64) throws -> Organization? {
        try OrganizationStore.find(db, id: id)
    }
}
