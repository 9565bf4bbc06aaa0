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
            guard var redemption = try Self.find(db, id: id), let deadline = redemption.holdExpiresAt,
                deadline <= context.now,
                case .success(let transition) = RedemptionMachine.decide(Self.state(of: redemption), .holdLapsed)
            else { return Audited.unchanged(false) }
            try Self.apply(db, &redemption, transition, actor: context.actor, now: context.now)
            try Self.save(db, redemption)
            return Audited(
                true, target: "redemption", id: String(id),
                change: ["status": "released", "releasedFen": .int(redemption.voucherFen)]
            ).notifying(try VoucherEvents.redemption(db, redemption))
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
            guard var redemption = try Self.find(db, id: id), let deadline = redemption.acceptBy,
                deadline <= context.now,
                case .success(let transition) = RedemptionMachine.decide(
                    Self.state(of: redemption), .acceptanceDayPassed)
            else { return Audited.unchanged(false) }
            try Self.apply(db, &redemption, transition, step: "accept", actor: context.actor, now: context.now)
            try Self.save(db, redemption)
            return Audited(
                true, target: "redemption", id: String(id),
                change: [
                    "status": "captured", "acceptedBySilence": true, "capturedFen": .int(redemption.voucherFen),
                ]
            ).notifying(try VoucherEvents.redemption(db, redemption))
        }
    }

    /// Applies what the machine decided for an event without a party (nothing to record but a
    /// reason and the money): the clock's, or a revocation's (`reason`).
    static func apply(
        _ db: Database, _ redemption: inout Redemption, _ transition: RedemptionMachine.Transition,
        step: String = "", reason: String? = nil, actor: Actor, now: Date
    ) throws {
        if let party = transition.party {
            Parties.record(&redemption, step: step, party: party, actor: actor, now: now)
        }
        for action in transition.actions {
            if action == .recordReason {
                redemption.reason = reason
            } else {
                try move(db, &redemption, action, part: nil, actor: actor, now: now)
            }
        }
        redemption.status = transition.status
        redemption.review = transition.review
        redemption.updatedAt = now
    }
}
