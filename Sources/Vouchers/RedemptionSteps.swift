import Foundation
import GRDB
import Identity
import Kernel
import Store

extension RedemptionService {
    /// One step on a redemption by one of its parties (see `RedemptionStep.Kind`): the service
    /// gathers the facts, `RedemptionMachine` decides, the service applies its actions.
    public func step(_ id: Int64, _ input: RedemptionStep, by actor: Actor) async throws -> Redemption {
        try await database.write(as: actor, action: "redemption.\(input.step.rawValue)") { db, context in
            guard var redemption = try Self.find(db, id: id) else { throw VoucherError.redemptionNotFound }
            let now = context.now
            let actor = context.actor
            let role = Self.role(of: actor, on: redemption)
            // Who can read it but not take this step is refused (403); anyone else does not see it (404).
            guard role.enterprise != .none || role.provider != .none || role.city || Self.canRead(actor, redemption)
            else {
                throw VoucherError.redemptionNotFound
            }
            let reason = try Validate.optionalText(input.reason, field: "reason", max: 500, multiline: true)
            // Confirmation and acceptance judge the fraud rules again: what happened since the
            // redemption was opened (more money to the same provider, a shared phone) counts too.
            var policy: VoucherPolicy?
            var fresh: [String] = []
            if input.step == .confirm || input.step == .accept {
                let found = try Self.policy(db, redemption)
                fresh = try Self.freshFlags(db, redemption, policy: found, now: now)
                policy = found
            }
            let event: RedemptionMachine.Event
            switch input.step {
            case .confirm:
                let lapsed = redemption.holdExpiresAt.map { $0 <= now } ?? false
                event = .confirm(holdLapsed: lapsed, flagged: !fresh.isEmpty)
            case .accept: event = .accept(flagged: !fresh.isEmpty)
            case .dispute: event = .dispute(reason: reason != nil)
            case .cancel: event = .cancel
            case .approveReview: event = .approveReview
            case .rejectReview: event = .rejectReview(reason: reason != nil)
            case .approveClaim: event = .approveClaim
            case .rejectClaim: event = .rejectClaim(reason: reason != nil)
            case .decideDispute:
                let ruling = input.outcome.map { outcome -> RedemptionMachine.Ruling in
                    switch outcome {
                    case .payFull: .payFull
                    case .payPart:
                        .payPart(inRange: input.amountFen.map { $0 > 0 && $0 < redemption.voucherFen } ?? false)
                    case .cancel: .cancel
                    }
                }
                event = .decideDispute(reason: reason != nil, ruling: ruling)
            case .reverse: event = .reverse(reason: reason != nil, settlement: try Self.settlement(db, redemption))
            }
            let transition = try RedemptionMachine.decide(Self.state(of: redemption), event, by: role).get()
            if let party = transition.party {
                Parties.record(&redemption, step: input.step.rawValue, party: party, actor: actor, now: now)
            }
            redemption.review = transition.review
            for action in transition.actions {
                switch action {
                case .recordReason: redemption.reason = reason
                case .recordInvoice:
                    let invoice = try DocumentNumber.checked(input.invoiceNumber ?? "", field: "invoiceNumber", max: 64)
                    try Contracts.checkInvoiceUnused(
                        db, provider: redemption.providerOrganizationId, invoice: invoice, excluding: redemption.id)
                    redemption.invoiceNumber = invoice
                case .setAcceptanceDay:
                    let days = TimeInterval(policy?.acceptanceDays ?? 0)
                    redemption.acceptBy = now.addingTimeInterval(days * 86_400)
                case .addFlags: redemption.flags += fresh
                case .markAccepted: redemption.acceptedAt = now
                default: try Self.move(db, &redemption, action, part: input.amountFen, actor: actor, now: now)
                }
            }
            redemption.status = transition.status
            redemption.updatedAt = now
            try Self.save(db, redemption)
            return Audited(
                redemption, target: "redemption", id: String(id),
                change: [
                    "step": .string(input.step.rawValue), "status": .string(redemption.status.rawValue),
                    "reason": .optional(redemption.reason),
                    "outcome": .optional(input.outcome?.rawValue), "voucherFen": .int(redemption.voucherFen),
                ]
            ).notifying(try VoucherEvents.redemption(db, redemption))
        }
    }

    /// The machine's view of a redemption.
    static func state(of redemption: Redemption) -> RedemptionMachine.State {
        RedemptionMachine.State(
            status: redemption.status, review: redemption.review, mode: redemption.mode,
            accepted: redemption.acceptedAt != nil, flags: redemption.flags)
    }

    /// How the actor stands to the redemption's parties (permissions from the authorisation table).
    static func role(of actor: Actor, on redemption: Redemption) -> RedemptionMachine.Role {
        func access(_ permission: Permission, _ organization: Int64, _ city: CityCode) -> RedemptionMachine.Access {
            guard Authorization.allows(actor, permission, on: AccessTarget(organizationID: organization, city: city))
            else { return .none }
            return actor.kind == .system || actor.organizationID == organization ? .member : .outsider
        }
        let earlier = (redemption.acts ?? []).compactMap { act -> RedemptionMachine.Act? in
            guard let user = actor.userID, act.userId == user else { return nil }
            return RedemptionMachine.Act(party: act.party, step: act.step)
        }
        return RedemptionMachine.Role(
            enterprise: access(.voucherApply, redemption.enterpriseOrganizationId, redemption.issuingCity),
            provider: access(.redemptionDeliver, redemption.providerOrganizationId, redemption.providerCity),
            city: Authorization.allows(
                actor, .redemptionReview, on: AccessTarget(organizationID: nil, city: redemption.issuingCity)),
            user: actor.kind == .user, earlier: earlier)
    }

    /// Where the captured money stands: in no batch, in a batch awaiting payment, or paid.
    static func settlement(_ db: Database, _ redemption: Redemption) throws -> RedemptionMachine.Settlement {
        guard let batch = redemption.settlementId else { return .unsettled }
        let status = try String.fetchOne(
            db.cachedStatement(sql: "SELECT status FROM voucher_settlements WHERE id = ?"), arguments: [batch])
        return status == "paid" ? .paid : .awaitingPayment
    }

    static func policy(_ db: Database, _ redemption: Redemption) throws -> VoucherPolicy {
        guard let voucher = try VoucherService.terms(db, id: redemption.voucherId),
            let policy = try PolicyService.find(db, id: voucher.policyId)
        else { throw VoucherError.policyNotFound }
        return policy
    }

    /// The fraud rules judged again: the reasons not already on the redemption. New reasons put
    /// it (back) under review.
    static func freshFlags(
        _ db: Database, _ redemption: Redemption, policy: VoucherPolicy, now: Date
    ) throws
        -> [String]
    {
        guard let enterprise = try OrganizationDirectory.organization(db, id: redemption.enterpriseOrganizationId),
            let provider = try OrganizationDirectory.organization(db, id: redemption.providerOrganizationId)
        else { return [] }
        let subject = FraudRules.Subject(
            enterprise: enterprise, provider: provider, contractFen: redemption.contractFen,
            redemptionID: redemption.id,
            contractID: redemption.contractId ?? 0
        )
        return try policy.fraudRules.flags(db, subject, now: now).filter { !redemption.flags.contains($0) }
    }
}
