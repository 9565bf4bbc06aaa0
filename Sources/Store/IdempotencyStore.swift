import Foundation
import GRDB
import Kernel

/// Stored first responses for `Idempotency-Key`s, keyed by caller and key.
enum IdempotencyStore {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()

    static let keyReused = DomainError(
        .invalid, code: "idempotency_key_reused", field: "Idempotency-Key",
        zh: "该幂等键已用于另一个不同的请求", en: "This Idempotency-Key was already used with a different request"
    )

    /// The stored response when this caller already used this key (and it has not expired);
    /// throws when the key came with a different request.
    static func replay<Value: Decodable>(
        _ db: Database, caller: String, claim: IdempotencyClaim, now: Date
    ) throws -> Value? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT request_hash, response FROM idempotency_keys
                        WHERE caller = ? AND key = ? AND expires_at > ?
                        """),
                arguments: [caller, claim.key, Timestamp.millis(now)]
            )
        else { return nil }
        let hash: String = row["request_hash"]
        guard hash == claim.requestHash else { throw keyReused }
        let response: Data = row["response"]
        return try decoder.decode(Value.self, from: response)
    }

    static func remember<Value: Encodable>(
        _ db: Database, caller: String, claim: IdempotencyClaim, response: Value, now: Date, lifetime: TimeInterval
    ) throws {
        let nowMillis = Timestamp.millis(now)
        // Keep the table small: drop a bounded batch of expired keys on every insert.
        try db.cachedStatement(
            sql: """
                DELETE FROM idempotency_keys WHERE rowid IN
                    (SELECT rowid FROM idempotency_keys WHERE expires_at <= ? LIMIT 64)
                """
        ).execute(arguments: [nowMillis])
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO idempotency_keys (caller, key, request_hash, response, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            caller, claim.key, claim.requestHash, try encoder.encode(response), nowMillis,
            nowMillis + Int64(lifetime * 1000),
        ])
    }
}
