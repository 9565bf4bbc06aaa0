import Foundation
import GRDB
import Identity
import Kernel
import Store

/// The body of `POST /v1/vouchers/{id}/revocation`.
public struct VoucherRevocation: Sendable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

extension VoucherService {
    /// The issuing city withdraws a voucher issued in error or obtained by deceit: its open
    /// redemptions are released, the unused balance returns to the budget, the voucher is
    /// `revoked`. What was already captured stays owed (reverse those one by one).
    public func revoke(_ id: Int64, _ input: VoucherRevocation, by actor: Actor) async throws -> Voucher {
        try await database.write(as: actor, action: "voucher.revoke") { db, context in
            guard let voucher = try Self.voucher(db, id: id, totals: false) else { throw VoucherError.voucherNotFound }
            let given = try Reason { try Validate.text(input.reason, field: "reason", max: 500, multiline: true) }
            let transition = try VoucherMachine.decide(
                voucher.status, .revoke(given), by: Self.role(of: context.actor, revoking: voucher)
            ).get()
            let now = context.now
            var open: [Redemption] = []
            var releasedFen: Int64 = 0
            var available: Int64 = 0
            var reason = ""
            for action in transition.actions {
                switch action {
                case .releaseOpenRedemptions(let text):
                    reason = text
                    open = try String.fetchAll(
                        db,
                        sql:
                            "SELECT document FROM voucher_redemptions WHERE voucher_id = ? AND status IN ('held', 'delivered', 'disputed', 'claimed') ORDER BY id",
                        arguments: [id]
                    ).map { try VoucherCoding.decode(Redemption.self, $0) }
                    for var redemption in open {
                        let released = try RedemptionMachine.decide(
                            RedemptionService.state(of: redemption), .voucherRevoked
                        ).get()
                        try RedemptionService.apply(
                            db, &redemption, released, reason: "voucher revoked: \(text)", actor: context.actor,
                            now: now)
                        try RedemptionService.save(db, redemption)
                        releasedFen += redemption.voucherFen
                    }
                case .returnAvailable:
                    available = try Ledger.balance(db, code: "available:\(id)")
                    if available > 0 {
                        try Ledger.transfer(
                            db,
                            from: try Ledger.available(
                                db, voucher: id, city: voucher.city, year: voucher.year, now: now),
                            to: try Ledger.unallocated(db, city: voucher.city, year: voucher.year, now: now),
                            amount: available, kind: .revoke,
                            Ledger.References(voucher: id, reason: reason), requestID: context.actor.requestID, now: now
                        )
                    }
                case .hold: break
                }
            }
            try db.execute(
                sql: "UPDATE vouchers SET status = ? WHERE id = ?", arguments: [transition.status.rawValue, id])
            let revoked = try Self.voucher(db, id: id)!
            return Audited(
                revoked, target: "voucher", id: String(id),
                change: [
                    "status": "revoked", "reason": .string(reason), "releasedRedemptions": .int(Int64(open.count)),
                    "releasedFen": .int(releasedFen), "returnedFen": .int(available),
                ])
        }
    }
}

extension VoucherService {
    /// How the actor stands to a voucher it would revoke: its city's decider; another city's
    /// (wrong city); someone who may see it (forbidden); anyone else (it does not exist).
    static func role(of actor: Actor, revoking voucher: Voucher) -> VoucherMachine.Role {
        if Authorization.allows(actor, .voucherDecide, on: AccessTarget(organizationID: nil, city: voucher.city)) {
            return .issuingCity
        }
        if let role = actor.role, Authorization.scope(of: role, for: .voucherDecide) != .nowhere { return .otherCity }
        return canRead(actor, voucher) ? .reader : .stranger
    }
}
