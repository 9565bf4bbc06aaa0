import Foundation
import GRDB
import Kernel

/// The little other modules need to know about a user: whom they act for and in which role.
public struct UserSummary: Codable, Sendable, Equatable {
    public var id: Int64
    public var organizationId: Int64
    public var role: Role

    public init(id: Int64, organizationId: Int64, role: Role) {
        self.id = id
        self.organizationId = organizationId
        self.role = role
    }
}

/// Read-only lookups of users for other modules (issue 15: no module reads another module's
/// tables). Takes the caller's `Database`, so it runs inside the caller's transaction.
public enum UserDirectory {
    public static func user(_ db: Database, id: Int64) throws -> UserSummary? {
        try UserStore.find(db, id: id).map { UserSummary(id: $0.id, organizationId: $0.organizationId, role: $0.role) }
    }
}

extension UserDirectory {
    /// The active users of an organisation in the given roles (all roles when empty), in id
    /// order: whom a module tells when something needs that organisation.
    public static func members(_ db: Database, organization: Int64, roles: Set<Role> = []) throws -> [Int64] {
        let ids = try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT id, role FROM users WHERE organization_id = ? AND disabled_at IS NULL ORDER BY id"),
            arguments: [organization]
        )
        return ids.compactMap { row in
            roles.isEmpty || Role(rawValue: row["role"]).map(roles.contains) == true ? row["id"] : nil
        }
    }

    /// The active users in the given roles of organisations in a city (for example its city
    /// administrators, who act for the city's science bureau), in id order.
    public static func staff(_ db: Database, city: CityCode, roles: Set<Role>) throws -> [Int64] {
        guard !roles.isEmpty else { return [] }
        let placeholders = roles.map { _ in "?" }.joined(separator: ",")
        return try Int64.fetchAll(
            db,
            sql: """
                SELECT u.id FROM users u JOIN organizations o ON o.id = u.organization_id
                WHERE o.city = ? AND u.disabled_at IS NULL AND u.role IN (\(placeholders)) ORDER BY u.id
                """,
            arguments: StatementArguments([city.rawValue] + roles.map(\.rawValue).sorted())
        )
    }
}

/// Whom an e-mail goes to: an active user with an address of their own.
public struct MailRecipient: Sendable, Equatable {
    public var id: Int64
    public var organizationId: Int64
    public var displayName: String
    public var email: String
}

extension UserDirectory {
    /// The active users among `ids` who have an e-mail address, by id (one read).
    public static func mailRecipients(_ db: Database, ids: [Int64]) throws -> [Int64: MailRecipient] {
        guard !ids.isEmpty else { return [:] }
        let unique = Array(Set(ids)).sorted()
        let placeholders = unique.map { _ in "?" }.joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, organization_id, display_name, email FROM users
                WHERE id IN (\(placeholders)) AND disabled_at IS NULL AND email IS NOT NULL
                """, arguments: StatementArguments(unique))
        return Dictionary(
            uniqueKeysWithValues: rows.map { row in
                let recipient = MailRecipient(
                    id: row["id"], organizationId: row["organization_id"], displayName: row["display_name"],
                    email: row["email"])
                return (recipient.id, recipient)
            })
    }

    /// The organisations of the given users (active or not), by user id (one read).
    public static func organizations(_ db: Database, users ids: [Int64]) throws -> [Int64: Int64] {
        guard !ids.isEmpty else { return [:] }
        let unique = Array(Set(ids)).sorted()
        let placeholders = unique.map { _ in "?" }.joined(separator: ",")
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, organization_id FROM users WHERE id IN (\(placeholders))",
            arguments: StatementArguments(unique))
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as Int64, $0["organization_id"] as Int64) })
    }
}
