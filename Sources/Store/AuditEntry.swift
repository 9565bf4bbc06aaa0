import CorridorCrypto
import Foundation
import GRDB
import Kernel

/// One row of the append-only audit log. Its `canonicalBytes` are what is hashed now and what
/// the Merkle tree will take as a leaf later, so the form is fixed: a canonical JSON object.
public struct AuditEntry: Sendable, Codable, Equatable {
    public var seq: Int64
    public var time: String
    public var actor: JSONValue
    public var action: String
    public var targetType: String
    public var targetID: String
    public var requestID: String
    public var change: JSONValue
    public var hash: [UInt8]

    public var canonicalBytes: [UInt8] {
        Array(
            Self.canonicalText(
                seq: seq, time: time, actor: actor, action: action, targetType: targetType,
                targetID: targetID, requestID: requestID, change: change
            ).utf8)
    }

    static func canonicalText(
        seq: Int64, time: String, actor: JSONValue, action: String, targetType: String,
        targetID: String, requestID: String, change: JSONValue
    ) -> String {
        canonicalText(
            seq: seq, time: time, actorText: actor.canonical, action: action, targetType: targetType,
            targetID: targetID, requestID: requestID, changeText: change.canonical)
    }

    /// The canonical object written out directly, its members in canonical (UTF-16) key order:
    /// `JSONValue.object([...]).canonical` of the same fields, from the actor's and the change's
    /// canonical text (AuditEntryTests checks the two agree).
    static func canonicalText(
        seq: Int64, time: String, actorText: String, action: String, targetType: String,
        targetID: String, requestID: String, changeText: String
    ) -> String {
        var out = ""
        out.reserveCapacity(changeText.utf8.count + actorText.utf8.count + 160)
        out += #"{"action":"#
        JSONValue.writeString(action, into: &out)
        out += #","actor":"#
        out += actorText
        out += #","change":"#
        out += changeText
        out += #","requestId":"#
        JSONValue.writeString(requestID, into: &out)
        out += #","seq":"#
        out += String(seq)
        out += #","target":{"id":"#
        JSONValue.writeString(targetID, into: &out)
        out += #","type":"#
        JSONValue.writeString(targetType, into: &out)
        out += #"},"time":"#
        JSONValue.writeString(time, into: &out)
        out += "}"
        return out
    }

    static func actorJSON(_ actor: Actor) -> JSONValue {
        switch actor.kind {
        case .user:
            userJSON(
                user: actor.userID, organization: actor.organizationID, role: actor.role?.rawValue,
                brokerOrganization: actor.broker?.organizationID, brokerRole: actor.broker?.role.rawValue)
        case .system:
            ["kind": "system", "name": .optional(actor.name)]
        }
    }

    /// A user actor; a broker acting for a client (issue 18) adds `broker` (its own organisation
    /// and role there), while `organization` is the client's. Entries without a broker keep the
    /// form they always had, so their hashes never change.
    static func userJSON(
        user: Int64?, organization: Int64?, role: String?, brokerOrganization: Int64?, brokerRole: String?
    ) -> JSONValue {
        var fields: [String: JSONValue] = [
            "kind": "user", "user": .optional(user), "organization": .optional(organization), "role": .optional(role),
        ]
        if let brokerOrganization {
            fields["broker"] = ["organization": .int(brokerOrganization), "role": .optional(brokerRole)]
        }
        return .object(fields)
    }

    /// Appends the next entry inside the caller's transaction; returns its sequence number and
    /// canonical bytes.
    static func append(
        _ db: Database, actor: Actor, action: String, time: Date,
        targetType: String, targetID: String, change: JSONValue
    ) throws -> (Int64, [UInt8]) {
        let seq = (try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(seq) FROM audit_log")) ?? 0) + 1
        let timeText = Timestamp.format(time)
        let changeText = change.canonical
        let text = canonicalText(
            seq: seq, time: timeText, actorText: actorJSON(actor).canonical, action: action, targetType: targetType,
            targetID: targetID, requestID: actor.requestID, changeText: changeText
        )
        let bytes = Array(text.utf8)
        let hash = Digest.sha256(bytes)
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO audit_log (seq, time, actor_kind, actor_user_id, actor_org_id, actor_role, actor_name,
                    action, target_type, target_id, request_id, change, hash, actor_broker_org_id, actor_broker_role)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try statement.execute(arguments: [
            seq, timeText, actor.kind.rawValue, actor.userID, actor.organizationID, actor.role?.rawValue,
            actor.name, action, targetType, targetID, actor.requestID, changeText, Data(hash),
            actor.broker?.organizationID, actor.broker?.role.rawValue,
        ])
        return (seq, bytes)
    }
}

extension AuditEntry {
    init(row: Row) throws {
        seq = row["seq"]
        time = row["time"]
        let kind: String = row["actor_kind"]
        if kind == "user" {
            actor = Self.userJSON(
                user: row["actor_user_id"], organization: row["actor_org_id"], role: row["actor_role"],
                brokerOrganization: row["actor_broker_org_id"], brokerRole: row["actor_broker_role"])
        } else {
            actor = ["kind": "system", "name": .optional(row["actor_name"] as String?)]
        }
        action = row["action"]
        targetType = row["target_type"]
        targetID = row["target_id"]
        requestID = row["request_id"]
        let changeText: String = row["change"]
        change = try JSONValue.parse(Data(changeText.utf8))
        hash = [UInt8](row["hash"] as Data)
    }
}

/// Reading the audit log (auditors, tests, and later the Merkle tree).
public enum AuditLogReader {
    /// Entries with `start <= seq < end`, at most `limit`.
    public static func entries(_ db: Database, start: Int64, end: Int64, limit: Int) throws -> [AuditEntry] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM audit_log WHERE seq >= ? AND seq < ? ORDER BY seq LIMIT ?"),
            arguments: [start, end, limit]
        ).map(AuditEntry.init(row:))
    }

    /// The history of one target, oldest first.
    public static func entries(
        _ db: Database, targetType: String, targetID: String, start: Int64, end: Int64, limit: Int
    ) throws -> [AuditEntry] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT * FROM audit_log WHERE target_type = ? AND target_id = ? AND seq >= ? AND seq < ?
                    ORDER BY seq LIMIT ?
                    """),
            arguments: [targetType, targetID, start, end, limit]
        ).map(AuditEntry.init(row:))
    }

    /// Every entry from `start` on, in sequence order, one at a time (for verifying millions).
    public static func forEach(_ db: Database, from start: Int64 = 1, _ body: (AuditEntry) throws -> Void) throws {
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq", arguments: [start])
        while let row = try cursor.next() {
            try body(try AuditEntry(row: row))
        }
    }

    public static func count(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM audit_log") ?? 0
    }

    /// The sequence numbers whose stored hash does not match their recomputed canonical bytes.
    public static func mismatchedHashes(_ db: Database) throws -> [Int64] {
        var bad: [Int64] = []
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY seq")
        while let row = try cursor.next() {
            let entry = try AuditEntry(row: row)
            if Digest.sha256(entry.canonicalBytes) != entry.hash { bad.append(entry.seq) }
        }
        return bad
    }
}
