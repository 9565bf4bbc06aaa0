import Foundation
import GRDB
import Kernel
import Store

/// What the clock decides: holds never confirmed lapse; deliveries neither accepted nor
/// disputed in time are accepted (silence is acceptance, as in service contracts).
extension RedemptionService {
    /// Releases every 通兑 hold never delivered by its deadline. One audited transaction each.
    @discardableResult
    public func releaseExpiredHolds() async throws -> Int {
        let now = database.clock.now()
        let due = try await database.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM voucher_redemptions WHERE status = 'held' AND hold_expires_at <= ? ORDER BY id LIMIT 1000",
                arguments: [Timestamp.millis(now)]
            )
        }
        var count = 0
        for id in due {
            let released = try await database.write(as: .system("hold-expiry", requestID: "release-\(id)"), action: "redemption.release") { db, context in
                guard var redemption = try Self.find(db, id: id), redemption.status == .held,
                    let deadline = redemption.holdExpiresAt, deadline <= context.now
                else { return Audited.unchanged(false) }
                try Self.release(db, &redemption, to: .released, actor: context.actor, now: context.now)
                redemption.updatedAt = context.now
                try Self.save(db, redemption)
                return Audited(true, target: "redemption", id: String(id), change: ["status": "released", "releasedFen": .int(redemption.voucherFen)])
            }
            if released { count += 1 }
        }
        return count
    }

    /// Captures every delivery left unanswered past its acceptance day (a redemption under the
    /// city's review waits for the review).
    @discardableResult
    public func acceptSilentDeliveries() async throws -> Int {
        let now = database.clock.now()
        let due = try await database.read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT id FROM voucher_redemptions WHERE status = 'delivered' AND accept_by <= ? AND review IN ('none', 'approved')
                    ORDER BY id LIMIT 1000
                    """,
                arguments: [Timestamp.millis(now)]
            )
        }
        var count = 0
        for id in due {
            let accepted = try await database.write(as: .system("acceptance-by-silence", requestID: "accept-\(id)"), action: "redemption.accept") { db, context in
                guard var redemption = try Self.find(db, id: id), redemption.status == .delivered,
                    let deadline = redemption.acceptBy, deadline <= context.now, redemption.review == .none || redemption.review == .approved
                else { return Audited.unchanged(false) }
                Parties.record(&redemption, step: "accept", party: .system, actor: context.actor, now: context.now)
                try Self.capture(db, &redemption, actor: context.actor, now: context.now)
                redemption.updatedAt = context.now
                try Self.save(db, redemption)
                return Audited(true, target: "redemption", id: String(id), change: [
                    "status": "captured", "acceptedBySilence": true, "capturedFen": .int(redemption.voucherFen),
                ])
            }
            if accepted { count += 1 }
        }
        return count
    }
}
