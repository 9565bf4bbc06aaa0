import Foundation
import GRDB
import Kernel

/// SQL for `deal_connections`; the only writer of it.
enum ConnectionStore {
    static func find(_ db: Database, id: Int64) throws -> Connection? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT document FROM deal_connections WHERE id = ?"), arguments: [id]
        ).map { try DealsCoding.decode(Connection.self, $0) }
    }

    static func insert(_ db: Database, _ connection: inout Connection) throws {
        let (subject, listing) = connection.subject.ids
        try db.cachedStatement(
            sql: """
                INSERT INTO deal_connections (requester_org_id, receiver_org_id, subject_kind, subject_id,
                    subject_listing_id, status, document, created_at, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, '{}', ?, NULL)
                """
        ).execute(arguments: [
            connection.requesterOrganizationId, connection.receiverOrganizationId, connection.subject.kind.rawValue,
            subject, listing, connection.status.rawValue, Timestamp.millis(connection.createdAt),
        ])
        connection.id = db.lastInsertedRowID
        try update(db, connection)
    }

    static func update(_ db: Database, _ connection: Connection) throws {
        try db.cachedStatement(sql: "UPDATE deal_connections SET status = ?, document = ?, decided_at = ? WHERE id = ?")
            .execute(arguments: [
                connection.status.rawValue, try DealsCoding.text(connection),
                connection.decidedAt.map(Timestamp.millis), connection.id,
            ])
    }

    /// Requests the organisation made since `since`.
    static func requests(_ db: Database, by organization: Int64, since: Date) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(
                sql: "SELECT count(*) FROM deal_connections WHERE requester_org_id = ? AND created_at > ?"),
            arguments: [organization, Timestamp.millis(since)]) ?? 0
    }

    /// The latest decline or block of this requester by this receiver about this subject.
    static func latestRefusal(
        _ db: Database, requester: Int64, receiver: Int64, subject: ConnectionSubject
    ) throws -> (status: ConnectionStatus, at: Date)? {
        let (id, listing) = subject.ids
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT status, decided_at FROM deal_connections
                        WHERE requester_org_id = ? AND subject_kind = ? AND subject_id = ? AND status IN ('declined', 'blocked')
                          AND receiver_org_id = ? AND subject_listing_id = ?
                        ORDER BY decided_at DESC LIMIT 1
                        """),
                arguments: [requester, subject.kind.rawValue, id, receiver, listing]),
            let status = ConnectionStatus(rawValue: row["status"])
        else { return nil }
        return (status, Timestamp.date(millis: row["decided_at"]))
    }

    static func pendingExists(
        _ db: Database, requester: Int64, receiver: Int64, subject: ConnectionSubject
    ) throws
        -> Bool
    {
        let (id, listing) = subject.ids
        return try Bool.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT EXISTS (SELECT 1 FROM deal_connections WHERE requester_org_id = ? AND receiver_org_id = ?
                      AND subject_kind = ? AND subject_id = ? AND subject_listing_id = ? AND status = 'pending')
                    """),
            arguments: [requester, receiver, subject.kind.rawValue, id, listing]) ?? false
    }
}
