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
        try await Sweep.run(
            database, due: "SELECT id FROM voucher_redemptions WHERE status = 'held' AND hold_expires_at <= ?",
            job: "hold-expiry",
            action: "redemption.release"
        ) { db, context, id in
            guard var redemption = try Self.find(db, id: id), redemption.status == .held,
                let deadline = redemption.holdExpiresAt, deadline <= context.now
            else { return Audited.unchanged(false) }
            try Self.release(db, &redemption, to: .released, actor: context.actor, now: context.now)
            redemption.updatedAt = context.now
            try Self.save(db, redemption)
            return Audited(
                true, target: "redemption", id: String(id),
                change: ["status": "released", "releasedFen": .int(redemption.voucherFen)])
        }
    }

    /// Captures every delivery left unanswered past its acceptance day (a redemption under the
    /// city's review waits for the review).
    @discardableResult
    public func acceptSilentDeliveries() async throws -> Int {
        try await Sweep.run(
            database,
            due:
                "SELECT id FROM voucher_redemptions WHERE status = 'delivered' AND accept_by <= ? AND review IN ('none', 'approved')",
            job: "acceptance-by-silence", action: "redemption.accept"
        ) { db, context, id in
            guard var redemption = try Self.find(db, id: id), redemption.status == .delivered,
                let deadline = redemption.acceptBy, deadline <= context.now,
                redemption.review == .none || redemption.review == .approved
            else { return Audited.unchanged(false) }
            Parties.record(&redemption, step: "accept", party: .system, actor: context.actor, now: context.now)
            try Self.capture(db, &redemption, actor: context.actor, now: context.now)
            redemption.updatedAt = context.now
            try Self.save(db, redemption)
            return Audited(
                true, target: "redemption", id: String(id),
                change: [
                    "status": "captured", "acceptedBySilence": true, "capturedFen": .int(redemption.voucherFen),
                ])
        }
    }
}
