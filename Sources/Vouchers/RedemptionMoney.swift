import Foundation
import GRDB
import Kernel

/// The ledger movements of redemption steps.
extension RedemptionService {
    static func capture(_ db: Database, _ redemption: inout Redemption, actor: Actor, now: Date) throws {
        try Self.checkReviewed(redemption)
        guard let voucher = try VoucherService.voucher(db, id: redemption.voucherId, totals: false) else {
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

    static func release(
        _ db: Database, _ redemption: inout Redemption, to status: Redemption.Status, actor: Actor, now: Date
    ) throws {
        try releasePart(db, &redemption, amount: redemption.voucherFen, actor: actor, now: now)
        redemption.status = status
    }

    /// Returns `amount` of the hold to the voucher (or, for a voucher no longer active, to the
    /// city's budget).
    static func releasePart(
        _ db: Database, _ redemption: inout Redemption, amount: Int64, actor: Actor, now: Date
    ) throws {
        guard let voucher = try VoucherService.voucher(db, id: redemption.voucherId, totals: false) else {
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

    /// The issuing city decides a dispute: pay in full, pay a part (the rest returns to the
    /// voucher), or cancel.
    static func decideDispute(
        _ db: Database, _ redemption: inout Redemption, _ input: RedemptionStep, actor: Actor, now: Date
    ) throws {
        guard let outcome = input.outcome else {
            throw VoucherError.invalid(
                "outcome_required", field: "outcome", zh: "请选择裁定结果",
                en: "outcome is required (pay_full, pay_part or cancel)")
        }
        switch outcome {
        case .payFull:
            try capture(db, &redemption, actor: actor, now: now)
        case .payPart:
            guard let amount = input.amountFen, amount > 0, amount < redemption.voucherFen else {
                throw VoucherError.invalid(
                    "part_out_of_range", field: "amountFen", zh: "部分支付金额须大于零且小于券付金额",
                    en: "amountFen must be more than zero and less than the voucher part"
                )
            }
            // A pending review refuses in `capture`; the whole step then rolls back.
            try releasePart(db, &redemption, amount: redemption.voucherFen - amount, actor: actor, now: now)
            redemption.releasedFen = redemption.voucherFen - amount
            redemption.voucherFen = amount
            try capture(db, &redemption, actor: actor, now: now)
        case .cancel:
            try release(db, &redemption, to: .cancelled, actor: actor, now: now)
        }
    }

    /// A compensating transfer. Before settlement the payable returns to the city's budget.
    /// In a batch awaiting payment it is refused. After payment the payee holds the money: it
    /// becomes a receivable from the payee, credited to the budget only when recovered or
    /// netted against the payee's next settlement.
    static func reverse(_ db: Database, _ redemption: inout Redemption, actor: Actor, now: Date) throws {
        guard let voucher = try VoucherService.voucher(db, id: redemption.voucherId, totals: false) else {
            throw VoucherError.voucherNotFound
        }
        if let batch = redemption.settlementId,
            try String.fetchOne(db, sql: "SELECT status FROM voucher_settlements WHERE id = ?", arguments: [batch])
                != "paid"
        {
            throw VoucherError.conflict(
                "settlement_pending", zh: "该兑付已列入待支付的结算批次，请在支付后冲销",
                en: "The redemption is in a settlement batch awaiting payment; reverse it after payment"
            )
        }
        let capture = try Int64.fetchOne(
            db, sql: "SELECT id FROM ledger_transfers WHERE redemption_id = ? AND kind = 'capture'",
            arguments: [redemption.id]
        )
        let references = Ledger.References(
            voucher: voucher.id, redemption: redemption.id, reverses: capture, reason: redemption.reason)
        if redemption.settlementId == nil {
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
