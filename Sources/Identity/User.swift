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
    /// The person's own address, for invitations, password resets and notices (unique).
    public var email: String?
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
    public var email: String?

    public init(username: String, displayName: String, role: Role, password: String? = nil, email: String? = nil) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.password = password
        self.email = email
    }

    /// An address folded to one spelling (NFKC, trimmed, lower case), or nil when blank;
    /// refused when it is not one local part, one `@` and a dotted domain.
    public static func validEmail(_ raw: String?) throws -> String? {
        guard let raw, let folded = ContactFingerprint.email(raw) else { return nil }
        _ = try Validate.text(folded, field: "email", max: Limits.email)
        let parts = folded.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !folded.contains(where: { $0.isWhitespace })
        else {
            throw IdentityError.userEmailFormat
        }
        return folded
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
            email: row["email"], createdAt: Timestamp.date(millis: row["created_at"]),
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

    static func emailTaken(_ db: Database, _ email: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM users WHERE email = ?"), arguments: [email]) ?? false
    }

    /// The user an address belongs to (addresses are stored folded: see `NewUser.validEmail`).
    static func find(_ db: Database, email: String) throws -> User? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE email = ?"), arguments: [email]).map(decode)
    }

    static func insert(
        _ db: Database, organizationID: Int64, new: NewUser, passwordHash: String, now: Date
    ) throws -> User {
        try db.cachedStatement(
            sql: """
                INSERT INTO users (organization_id, username, display_name, password_hash, role, email, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            organizationID, new.username, new.displayName, passwordHash, new.role.rawValue, new.email,
            Timestamp.millis(now),
        ])
        return User(
            id: db.lastInsertedRowID, organizationId: organizationID, username: new.username,
            displayName: new.displayName, role: new.role, email: new.email,
            createdAt: Timestamp.date(millis: Timestamp.millis(now))
        )
    }

    static func list(_ db: Database, organizationID: Int64, page: PageRequest) throws -> [User] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM users WHERE organization_id = ? AND id > ? ORDER BY id LIMIT ?"),
            arguments: [organizationID, page.after ?? 0, page.limit + 1]
        ).map(decode)
    }
}
