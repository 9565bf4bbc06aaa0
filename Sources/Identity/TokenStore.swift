import CorridorCrypto
import Foundation
import GRDB
import Kernel

/// SQL and format for bearer tokens. A token is `cor_` + 256 random bits in base64url; only its
/// SHA-256 is stored.
enum TokenStore {
    static let prefix = "cor_"

    static func generate() -> String {
        prefix + Base64URL.encode(SecureRandom.bytes(32))
    }

    /// The stored hash of a token, or nil when it cannot be one of ours.
    static func hash(ofPresented token: String) -> Data? {
        guard token.hasPrefix(prefix), token.utf8.count == prefix.utf8.count + 43 else { return nil }
        return Data(Digest.sha256(Array(token.utf8)))
    }

    static func insert(
        _ db: Database, token: String, userID: Int64, kind: APIToken.Kind, name: String?, now: Date, expiresAt: Date,
        role: Role? = nil, enrollOnly: Bool = false
    ) throws -> Int64 {
        guard let hash = hash(ofPresented: token) else { preconditionFailure("generated token has wrong shape") }
        try db.cachedStatement(
            sql: """
                INSERT INTO tokens (token_hash, user_id, kind, name, created_at, expires_at, role, enroll_only)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            hash, userID, kind.rawValue, name, Timestamp.millis(now), Timestamp.millis(expiresAt), role?.rawValue,
            enrollOnly ? 1 : 0,
        ])
        return db.lastInsertedRowID
    }

    static func principal(_ db: Database, hash: Data, now: Date) throws -> Principal? {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT t.id AS token_id, t.expires_at, t.role AS token_role, t.enroll_only, u.id AS user_id, u.username, u.role,
                        o.id AS org_id, o.kind AS org_kind, o.city
                    FROM tokens t JOIN users u ON u.id = t.user_id JOIN organizations o ON o.id = u.organization_id
                    WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.disabled_at IS NULL
                    """),
            arguments: [hash, Timestamp.millis(now)]
        )
        guard let row, let userRole = Role(rawValue: row["role"]),
            let kind = OrganizationKind(rawValue: row["org_kind"]),
            let city = CityCode(rawValue: row["city"])
        else { return nil }
        // A service token acts with its own role while that stays no higher than its owner's
        // (an owner demoted since makes it useless, not stronger).
        var role = userRole
        if let named = (row["token_role"] as String?).flatMap(Role.init(rawValue:)) {
            guard named == userRole || userRole.grantableRoles.contains(named) else { return nil }
            role = named
        }
        return Principal(
            userID: row["user_id"], username: row["username"], organizationID: row["org_id"],
            organizationKind: kind, city: city, role: role, tokenID: row["token_id"],
            tokenExpiresAt: Timestamp.date(millis: row["expires_at"]),
            enrollOnly: (row["enroll_only"] as Int64? ?? 0) == 1
        )
    }

    static func find(_ db: Database, id: Int64) throws -> APIToken? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT t.*, u.organization_id, o.city FROM tokens t JOIN users u ON u.id = t.user_id
                    JOIN organizations o ON o.id = u.organization_id WHERE t.id = ?
                    """),
            arguments: [id]
        ).map(decode)
    }

    static func listAPI(_ db: Database, organizationID: Int64, page: PageRequest) throws -> [APIToken] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT t.*, u.organization_id, o.city FROM tokens t JOIN users u ON u.id = t.user_id
                    JOIN organizations o ON o.id = u.organization_id
                    WHERE u.organization_id = ? AND t.kind IN ('api', 'service') AND t.id > ? ORDER BY t.id LIMIT ?
                    """),
            arguments: [organizationID, page.after ?? 0, page.limit + 1]
        ).map(decode)
    }

    static func revoke(_ db: Database, id: Int64, now: Date) throws {
        try db.cachedStatement(sql: "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
            .execute(arguments: [Timestamp.millis(now), id])
    }

    /// Revokes every live token of the user (but `keeping`); returns how many.
    static func revokeAll(_ db: Database, userID: Int64, keeping: Int64? = nil, now: Date) throws -> Int {
        try db.execute(
            sql: "UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id IS NOT ?",
            arguments: [Timestamp.millis(now), userID, keeping]
        )
        return db.changesCount
    }

    static func tokenHash(_ db: Database, id: Int64) throws -> Data? {
        try Data.fetchOne(db.cachedStatement(sql: "SELECT token_hash FROM tokens WHERE id = ?"), arguments: [id])
    }

    private static func decode(_ row: Row) -> APIToken {
        APIToken(
            id: row["id"], name: row["name"],
            kind: row["role"] == nil ? APIToken.Kind(rawValue: row["kind"]) ?? .api : .service,
            role: (row["role"] as String?).flatMap(Role.init(rawValue:)), userId: row["user_id"],
            organizationId: row["organization_id"], city: CityCode(rawValue: row["city"]) ?? .wuhan,
            createdAt: Timestamp.date(millis: row["created_at"]), expiresAt: Timestamp.date(millis: row["expires_at"]),
            revokedAt: (row["revoked_at"] as Int64?).map(Timestamp.date(millis:))
        )
    }
}

/// A token as listed (never with its secret).
public struct APIToken: Codable, Sendable, Equatable {
    /// The table holds sessions and API tokens; an API token with a role is listed as `service`.
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case session, api, service
    }

    public var id: Int64
    public var name: String?
    public var kind: Kind
    /// A service token's role (nil: its user's own).
    public var role: Role?
    public var userId: Int64
    public var organizationId: Int64
    public var city: CityCode
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?

    var accessTarget: AccessTarget { AccessTarget(organizationID: organizationId, city: city) }
}
