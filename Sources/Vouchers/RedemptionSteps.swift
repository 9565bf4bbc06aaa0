import Foundation
import GRDB
import Identity
import Kernel
import Store

extension RedemptionService {
    /// One step on a redemption by one of its parties (see `RedemptionStep.Kind`).
    public func step(_ id: Int64, _ input: RedemptionStep, by actor: Actor) async throws -> Redemption {
        try await database.write(as: actor, action: "redemption.\(input.step.rawValue)") { db, context in
            guard var redemption = try Self.find(db, id: id) else { throw VoucherError.redemptionNotFound }
            let now = context.now
            let actor = context.actor
            let enterpriseTarget = AccessTarget(
                organizationID: redemption.enterpriseOrganizationId, city: redemption.issuingCity)
            let providerTarget = AccessTarget(
                organizationID: redemption.providerOrganizationId, city: redemption.providerCity)
            let mayEnterprise = Authorization.allows(actor, .voucherApply, on: enterpriseTarget)
            let mayProvider = Authorization.allows(actor, .redemptionDeliver, on: providerTarget)
            let isCity = Authorization.allows(
                actor, .redemptionReview, on: AccessTarget(organizationID: nil, city: redemption.issuingCity))
            // Who can read it but not take this step is refused (403); anyone else does not see it (404).
            guard mayEnterprise || mayProvider || isCity || Self.canRead(actor, redemption) else {
                throw VoucherError.redemptionNotFound
            }
            let reason = try Validate.optionalText(input.reason, field: "reason", max: 500, multiline: true)
            /// The step belongs to `party`: the actor must hold the permission and, for the
            /// enterprise and the provider, belong to that organisation.
            func take(_ party: Parties.Party) throws {
                switch party {
                case .enterprise:
                    guard mayEnterprise else { throw DomainError.forbidden }
                    try Parties.require(actor, organization: redemption.enterpriseOrganizationId)
                case .provider:
                    guard mayProvider else { throw DomainError.forbidden }
                    try Parties.require(actor, organization: redemption.providerOrganizationId)
                case .city, .system:
                    guard isCity else { throw DomainError.forbidden }
                }
                try Parties.checkSeparation(redemption, step: input.step.rawValue, party: party, actor: actor)
                Parties.record(&redemption, step: input.step.rawValue, party: party, actor: actor, now: now)
            }
            func from(_ states: [Redemption.Status]) throws {
                guard states.contains(redemption.status) else {
                    throw VoucherError.wrongState(
                        "redemption", state: redemption.status.rawValue, allowed: states.map(\.rawValue))
                }
            }
            func needReason() throws -> String {
                guard let reason else {
                    throw VoucherError.invalid(
                        "reason_required", field: "reason", zh: "此操作须说明理由", en: "This step needs a reason")
                }
                return reason
            }
            switch input.step {
            case .confirm:
                try take(.provider)
                try from([.held])
                // The deadline is checked here, by the clock, not left to the sweeper.
                if let deadline = redemption.holdExpiresAt, deadline <= now { throw Self.holdLapsed }
                let invoice = try DocumentNumber.checked(input.invoiceNumber ?? "", field: "invoiceNumber", max: 64)
                try Contracts.checkInvoiceUnused(
                    db, provider: redemption.providerOrganizationId, invoice: invoice, excluding: redemption.id)
                redemption.invoiceNumber = invoice
                redemption.status = .delivered
                let policy = try Self.policy(db, redemption)
                redemption.acceptBy = now.addingTimeInterval(TimeInterval(policy.acceptanceDays) * 86_400)
                try Self.rejudge(db, &redemption, policy: policy, now: now)
            case .accept:
                try take(.enterprise)
                try from([.delivered, .disputed])
                redemption.status = .delivered
                redemption.acceptedAt = now
                try Self.rejudge(db, &redemption, policy: try Self.policy(db, redemption), now: now)
                // Under review, the acceptance is kept and capture follows the city's approval.
                if redemption.review == .none || redemption.review == .approved {
                    try Self.capture(db, &redemption, actor: actor, now: now)
                }
            case .dispute:
                try take(.enterprise)
                try from([.delivered])
                redemption.reason = try needReason()
                redemption.status = .disputed
            case .cancel:
                // The enterprise withdraws before delivery (or its own 通用 claim); the provider
                // (通兑 only) withdraws before acceptance. After delivery the enterprise accepts
                // or disputes: it cannot cancel on its own.
                if Parties.isMember(actor, of: redemption.providerOrganizationId), mayProvider {
                    guard redemption.mode == .tongdui else { throw SeparationOfDuties.notYourParty }
                    try take(.provider)
                    try from([.held, .delivered])
                } else {
                    try take(.enterprise)
                    try from([.held, .claimed])
                }
                redemption.reason = reason
                try Self.release(db, &redemption, to: .cancelled, actor: actor, now: now)
            case .approveReview, .rejectReview:
                try take(.city)
                guard redemption.review == .pending else {
                    throw VoucherError.conflict("no_review_pending", zh: "该兑付无需审核或已审核", en: "No review is pending")
                }
                try from([.held, .delivered, .disputed, .claimed])
                if input.step == .approveReview {
                    redemption.review = .approved
                    if redemption.status == .delivered, redemption.acceptedAt != nil {
                        try Self.capture(db, &redemption, actor: actor, now: now)
                    }
                } else {
                    redemption.review = .rejected
                    redemption.reason = try needReason()
                    try Self.release(db, &redemption, to: .rejected, actor: actor, now: now)
                }
            case .approveClaim:
                try take(.city)
                try from([.claimed])
                try Self.capture(db, &redemption, actor: actor, now: now)
            case .rejectClaim:
                try take(.city)
                try from([.claimed])
                redemption.reason = try needReason()
                try Self.release(db, &redemption, to: .rejected, actor: actor, now: now)
            case .decideDispute:
                try take(.city)
                try from([.disputed])
                redemption.reason = try needReason()
                try Self.decideDispute(db, &redemption, input, actor: actor, now: now)
            case .reverse:
                try take(.city)
                try from([.captured])
                redemption.reason = try needReason()
                try Self.reverse(db, &redemption, actor: actor, now: now)
            }
            redemption.updatedAt = now
            try Self.save(db, redemption)
            return Audited(
                redemption, target: "redemption", id: String(id),
                change: [
                    "step": .string(input.step.rawValue), "status": .string(redemption.status.rawValue),
                    "reason": .optional(redemption.reason),
                    "outcome": .optional(input.outcome?.rawValue), "voucherFen": .int(redemption.voucherFen),
                ])
        }
    }

    static var holdLapsed: DomainError {
        VoucherError.conflict(
            "hold_expired", zh: "冻结已过期限，不能再确认", en: "The hold has passed its deadline and can no longer be confirmed")
    }

    static func policy(_ db: Database, _ redemption: Redemption) throws -> VoucherPolicy {
        guard let voucher = try VoucherService.voucher(db, id: redemption.voucherId, totals: false),
            let policy = try PolicyService.find(db, id: voucher.policyId)
        else { throw VoucherError.policyNotFound }
        return policy
    }

    /// The fraud rules judged again at confirmation and acceptance: what happened since the
    /// redemption was opened (more money to the same provider, a shared phone) counts too. New
    /// reasons put it (back) under review.
    static func rejudge(_ db: Database, _ redemption: inout Redemption, policy: VoucherPolicy, now: Date) throws {
        guard let enterprise = try OrganizationDirectory.organization(db, id: redemption.enterpriseOrganizationId),
            let provider = try OrganizationDirectory.organization(db, id: redemption.providerOrganizationId)
        else { return }
        let subject = FraudRules.Subject(
            enterprise: enterprise, provider: provider, contractFen: redemption.contractFen,
            redemptionID: redemption.id,
            contractID: redemption.contractId ?? 0
        )
        let fresh = try policy.fraudRules.flags(db, subject, now: now).filter { !redemption.flags.contains($0) }
        guard !fresh.isEmpty else { return }
        redemption.flags += fresh
        redemption.review = .pending
    }

    static func checkReviewed(_ redemption: Redemption) throws {
        guard redemption.review == .none || redemption.review == .approved else {
            throw VoucherError.conflict(
                "review_pending", zh: "该兑付需经本市审核后方可兑付", en: "This redemption needs the city's review before capture",
                details: ["flags": .array(redemption.flags.map { .string($0) })]
            )
        }
    }
}
