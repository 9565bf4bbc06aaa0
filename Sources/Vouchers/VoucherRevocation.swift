import Foundation
import GRDB
import Identity
import Kernel
import Store

/// The body of `POST /v1/vouchers/{id}/revocation`.
public struct VoucherRevocation: Codable, Sendable {
    public static let allowedKeys: Set<String> = ["reason"]
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
            guard
                Authorization.allows(
                    context.actor, .voucherDecide, on: AccessTarget(organizationID: nil, city: voucher.city))
            else {
                if let role = context.actor.role, Authorization.scope(of: role, for: .voucherDecide) != .nowhere {
                    throw VoucherError.wrongCity
                }
                throw Self.canRead(context.actor, voucher) ? DomainError.forbidden : VoucherError.voucherNotFound
            }
            let reason = try Validate.text(input.reason, field: "reason", max: 500, multiline: true)
            guard voucher.status != .revoked else {
                throw VoucherError.wrongState(
                    "voucher", state: voucher.status.rawValue, allowed: ["active", "expired"])
            }
            let now = context.now
            let open = try String.fetchAll(
                db,
                sql:
                    "SELECT document FROM voucher_redemptions WHERE voucher_id = ? AND status IN ('held', 'delivered', 'disputed', 'claimed') ORDER BY id",
                arguments: [id]
            ).map { try VoucherCoding.decode(Redemption.self, $0) }
            var releasedFen: Int64 = 0
            for var redemption in open {
                try RedemptionService.release(db, &redemption, to: .released, actor: context.actor, now: now)
                redemption.reason = "voucher revoked: \(reason)"
                redemption.updatedAt = now
                try RedemptionService.save(db, redemption)
                releasedFen += redemption.voucherFen
            }
            let available = try Ledger.balance(db, code: "available:\(id)")
            if available > 0 {
                try Ledger.transfer(
                    db, from: try Ledger.available(db, voucher: id, city: voucher.city, year: voucher.year, now: now),
                    to: try Ledger.unallocated(db, city: voucher.city, year: voucher.year, now: now), amount: available,
                    kind: .revoke,
                    Ledger.References(voucher: id, reason: reason), requestID: context.actor.requestID, now: now
                )
            }
            try db.execute(sql: "UPDATE vouchers SET status = 'revoked' WHERE id = ?", arguments: [id])
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
