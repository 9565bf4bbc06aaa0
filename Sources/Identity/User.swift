import Foundation
import GRDB
import Kernel

/// A user as the API shows it (never with a password hash).
public struct User: Codable, Sendable, Equatable {
    public var id: Int64
    public var organizationId: Int64
    public var username: String
    public var displayName: String
    public var role: Role
    public var createdAt: Date
    /// Set when the organisation's administrator disabled the account.
    public var disabledAt: Date?
}

/// The body of `POST /v1/organizations/{id}/users`.
public struct NewUser: Sendable, Equatable {
    public var username: String
    public var displayName: String
    public var role: Role
    /// Required: the person's own initial password (none is generated).
    public var password: String?

    public init(username: String, displayName: String, role: Role, password: String? = nil) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.password = password
    }

    static func validUsername(_ raw: String) throws -> String {
        let username = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let allowed =
            (3...64).contains(username.count)
            && username.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
            }
        guard allowed else {
            throw IdentityError.usernameFormat
        }
        return username
    }
}

/// A newly created user, with the generated password when none was given (shown once).
public struct CreatedUser: Codable, Sendable {
    public var user: User
}

enum UserStore {
    static func decode(_ row: Row) -> User {
        User(
            id: row["id"], organizationId: row["organization_id"], username: row["username"],
            displayName: row["display_name"], role: Role(rawValue: row["role"]) ?? .orgMember,
            createdAt: Timestamp.date(millis: row["created_at"]),
            disabledAt: (row["disabled_at"] as Int64?).map { Timestamp.date(millis: $0) }
        )
    }

    static func find(_ db: Database, id: Int64) throws -> User? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE id = ?"), arguments: [id]).map(decode)
    }

    static func credentials(_ db: Database, username: String) throws -> (User, String)? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM users WHERE username = ? AND disabled_at IS NULL"),
                arguments: [username]
            )
        else { return nil }
        return (decode(row), row["password_hash"])
    }

    static func usernameTaken(_ db: Database, _ username: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM users WHERE username = ?"), arguments: [username])
            ?? false
    }

    static func insert(
        _ db: Database, organizationID: Int64, new: NewUser, passwordHash: String, now: Date
    ) throws -> User {
        try db.cachedStatement(
            sql: """
                INSERT INTO users (organization_id, username, display_name, password_hash, role, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            organizationID, new.username, new.displayName, passwordHash, new.role.rawValue, Timestamp.millis(now),
        ])
        return User(
            id: db.lastInsertedRowID, organizationId: organizationID, username: new.username,
            displayName: new.displayName, role: new.role, createdAt: Timestamp.date(millis: Timestamp.millis(now))
        )
    }

    static func list(_ db: Database, organizationID: Int64, page: PageRequest) throws -> [User] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM users WHERE organization_id = ? AND id > ? ORDER BY id LIMIT ?"),
            arguments: [organizationID, page.after ?? 0, page.limit + 1]
        ).map(decode)
    }
}
