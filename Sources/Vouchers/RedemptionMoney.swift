import Foundation
import GRDB
import Kernel

/// The ledger movements of redemption steps.
extension RedemptionService {
    static func capture(_ db: Database, _ redemption: inout Redemption, actor: Actor, now: Date) throws {
        // Every path here passed the machine; the review guard stays as a last line of defence.
        guard RedemptionMachine.isReviewed(RedemptionService.state(of: redemption)) else {
            throw VoucherError.reviewPending(flags: redemption.flags)
        }
        guard let voucher = try VoucherService.terms(db, id: redemption.voucherId) else {
            throw VoucherError.voucherNotFound
        }
        let held = try Ledger.held(db, voucher: voucher.id, city: voucher.city, year: voucher.year, now: now)
        let payable = try Ledger.payable(
            db, payee: redemption.payeeOrganizationId, city: voucher.city, year: voucher.year, now: now)
        try Ledger.transfer(
            db, from: held, to: payable, amount: redemption.voucherFen, kind: .capture,
            Ledger.References(voucher: voucher.id, redemption: redemption.id), requestID: actor.requestID, now: now
        )
        redemption.status = .captured
        redemption.capturedAt = now
    }

    /// Returns `amount` of the hold to the voucher (or, for a voucher no longer active, to the
    /// city's budget).
    static func releasePart(
        _ db: Database, _ redemption: inout Redemption, amount: Int64, actor: Actor, now: Date
    ) throws {
        guard let voucher = try VoucherService.terms(db, id: redemption.voucherId) else {
            throw VoucherError.voucherNotFound
        }
        let held = try Ledger.held(db, voucher: voucher.id, city: voucher.city, year: voucher.year, now: now)
        let target =
            voucher.status == .active
            ? try Ledger.available(db, voucher: voucher.id, city: voucher.city, year: voucher.year, now: now)
            : try Ledger.unallocated(db, city: voucher.city, year: voucher.year, now: now)
        try Ledger.transfer(
            db, from: held, to: target, amount: amount, kind: voucher.status == .active ? .release : .expire,
            Ledger.References(voucher: voucher.id, redemption: redemption.id), requestID: actor.requestID, now: now
        )
    }

    /// Applies one of the machine's money actions (`RedemptionMachine.Action`).
    static func move(
        _ db: Database, _ redemption: inout Redemption, _ action: RedemptionMachine.Action, part: Int64?, actor: Actor,
        now: Date
    ) throws {
        switch action {
        case .capture: try capture(db, &redemption, actor: actor, now: now)
        case .release: try releasePart(db, &redemption, amount: redemption.voucherFen, actor: actor, now: now)
        case .releaseRest:
            // The machine checked the part (more than zero, less than the voucher part).
            let paid = part ?? redemption.voucherFen
            try releasePart(db, &redemption, amount: redemption.voucherFen - paid, actor: actor, now: now)
            redemption.releasedFen = redemption.voucherFen - paid
            redemption.voucherFen = paid
        case .reverse: try reverse(db, &redemption, settled: false, actor: actor, now: now)
        case .clawBack: try reverse(db, &redemption, settled: true, actor: actor, now: now)
        case .recordReason, .recordInvoice, .setAcceptanceDay, .addFlags, .markAccepted: break
        }
    }

    /// A compensating transfer. Before settlement the payable returns to the city's budget.
    /// (In a batch awaiting payment the machine refuses.) After payment the payee holds the
    /// money: it becomes a receivable from the payee, credited to the budget only when recovered
    /// or netted against the payee's next settlement.
    static func reverse(_ db: Database, _ redemption: inout Redemption, settled: Bool, actor: Actor, now: Date) throws {
        guard let voucher = try VoucherService.terms(db, id: redemption.voucherId) else {
            throw VoucherError.voucherNotFound
        }
        let capture = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM ledger_transfers WHERE redemption_id = ? AND kind = 'capture'"),
            arguments: [redemption.id]
        )
        let references = Ledger.References(
            voucher: voucher.id, redemption: redemption.id, reverses: capture, reason: redemption.reason)
        if !settled {
            try Ledger.transfer(
                db,
                from: try Ledger.payable(
                    db, payee: redemption.payeeOrganizationId, city: voucher.city, year: voucher.year, now: now),
                to: try Ledger.unallocated(db, city: voucher.city, year: voucher.year, now: now),
                amount: redemption.voucherFen,
                kind: .reverse, references, requestID: actor.requestID, now: now
            )
        } else {
            try Ledger.transfer(
                db,
                from: try Ledger.settled(
                    db, payee: redemption.payeeOrganizationId, city: voucher.city, year: voucher.year, now: now),
                to: try Ledger.receivable(
                    db, payee: redemption.payeeOrganizationId, city: voucher.city, year: voucher.year, now: now),
                amount: redemption.voucherFen, kind: .clawback, references, requestID: actor.requestID, now: now
            )
        }
        redemption.status = .reversed
    }
}
