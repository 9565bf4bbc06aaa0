import Foundation
import GRDB
import Kernel
import Store

/// The check of every write a broker makes for a client (`Actor.broker`), run by the write path
/// inside the write transaction: a revocation and a broker's write are strictly ordered, and
/// once the revocation commits nothing more lands under it.
enum DelegationGuard {
    static let writeGuard = ModuleMigrations.WriteGuard(
        before: { db, context, action in
            _ = try DelegationGuard.active(db, context.actor, action: action, now: context.now)
        },
        after: { db, context, action, targetType, targetID in
            guard DelegationScope.actions[action] == .money else { return }
            let delegations = try DelegationGuard.active(db, context.actor, action: action, now: context.now)
            try DelegationGuard.consumeConfirmation(
                db, delegations: delegations, action: action, targetType: targetType, targetID: targetID,
                now: context.now)
        })

    /// The ids of the client's active delegations to the broker's organisation covering `action`;
    /// the precise refusal otherwise.
    static func active(_ db: Database, _ actor: Actor, action: String, now: Date) throws -> [Int64] {
        guard let stamp = actor.broker, let userID = actor.userID, let client = actor.organizationID,
            actor.role == .orgMember
        else { throw BrokerError.notABroker }
        guard
            let agency = try Int64.fetchOne(
                db,
                sql: """
                    SELECT a.id FROM brokers b JOIN broker_agencies a ON a.id = b.agency_id
                    JOIN users u ON u.id = b.user_id
                    WHERE b.user_id = ? AND a.organization_id = ? AND u.organization_id = a.organization_id
                        AND u.disabled_at IS NULL
                    """, arguments: [userID, stamp.organizationID])
        else { throw BrokerError.notABroker }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, scope, starts_at, ends_at, revoked_at FROM delegations
                WHERE client_org_id = ? AND agency_id = ? ORDER BY id DESC LIMIT 100
                """, arguments: [client, agency])
        guard !rows.isEmpty else { throw BrokerError.missing }
        let nowMillis = Timestamp.millis(now)
        let live = rows.filter { row in
            (row["revoked_at"] as Int64?) == nil && (row["starts_at"] as Int64) <= nowMillis
                && nowMillis < (row["ends_at"] as Int64)
        }
        guard !live.isEmpty else {
            // The latest delegation says why: revoked, not yet started, or ended.
            let latest = rows[0]
            if (latest["revoked_at"] as Int64?) != nil { throw BrokerError.revoked }
            if nowMillis < (latest["starts_at"] as Int64) { throw BrokerError.notStarted }
            throw BrokerError.expired
        }
        guard let needed = DelegationScope.actions[action] else { throw BrokerError.outOfScope(action) }
        let covering = live.filter { DelegationStore.scope(from: $0["scope"]).contains(needed) }
        guard !covering.isEmpty else { throw BrokerError.outOfScope(action) }
        return covering.map { $0["id"] }
    }

    /// A money step needs the client's unused confirmation of exactly this step on this target;
    /// it is used up by the write.
    static func consumeConfirmation(
        _ db: Database, delegations: [Int64], action: String, targetType: String, targetID: String, now: Date
    ) throws {
        let marks = databaseQuestionMarks(count: delegations.count)
        guard
            let id = try Int64.fetchOne(
                db,
                sql: """
                    SELECT id FROM delegation_confirmations
                    WHERE delegation_id IN (\(marks)) AND action = ? AND target_type = ? AND target_id = ?
                        AND used_at IS NULL
                    ORDER BY id LIMIT 1
                    """,
                arguments: StatementArguments(delegations) + [action, targetType, targetID])
        else { throw BrokerError.confirmationRequired }
        try db.execute(
            sql: "UPDATE delegation_confirmations SET used_at = ? WHERE id = ?",
            arguments: [Timestamp.millis(now), id])
    }
}
