import Foundation
import GRDB
import Kernel
import Store

/// One of the user's own live sessions or API tokens (never the secret).
public struct OwnToken: Codable, Sendable, Equatable {
    public var id: Int64
    public var kind: APIToken.Kind
    public var name: String?
    public var createdAt: Date
    public var expiresAt: Date
    /// The token of this very request.
    public var current: Bool
}

extension AuthService {
    /// The caller's own live sessions and API tokens, newest first.
    public func ownTokens(_ principal: Principal) async throws -> [OwnToken] {
        let now = database.clock.now()
        return try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, kind, role, name, created_at, expires_at FROM tokens
                    WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 200
                    """,
                arguments: [principal.userID, Timestamp.millis(now)]
            ).map { row in
                let kind: APIToken.Kind =
                    row["role"] as String? != nil ? .service : APIToken.Kind(rawValue: row["kind"]) ?? .api
                return OwnToken(
                    id: row["id"], kind: kind, name: row["name"], createdAt: Timestamp.date(millis: row["created_at"]),
                    expiresAt: Timestamp.date(millis: row["expires_at"]),
                    current: (row["id"] as Int64) == principal.tokenID)
            }
        }
    }

    /// Revokes one of the caller's own sessions or tokens (another user's is "not found").
    public func revokeOwnToken(_ principal: Principal, id: Int64, requestID: String) async throws {
        let hash = try await database.write(as: principal.actor(requestID: requestID), action: "token.revoke.own") {
            db, context in
            guard let token = try TokenStore.find(db, id: id), token.userId == principal.userID else {
                throw IdentityError.tokenNotFound
            }
            if token.revokedAt != nil { throw IdentityError.tokenAlreadyRevoked }
            try TokenStore.revoke(db, id: id, now: context.now)
            let hash = try TokenStore.tokenHash(db, id: id) ?? Data()
            return Audited(hash, target: "token", id: String(id), change: ["revoked": true])
        }
        verifier.forget(hash: hash)
    }
}
