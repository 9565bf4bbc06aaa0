import Kernel
import Vouchers

// Between the wire types of the redemption routes (generated from openapi.yaml) and the
// Vouchers module's own types; every member and case spelled out (see VoucherPoliciesMapping).

extension NewRedemption {
    init(_ wire: Components.Schemas.NewRedemption) {
        self.init(
            voucherId: wire.voucherId, providerOrganizationId: wire.providerOrganizationId,
            contractNumber: wire.contractNumber, category: wire.category.map(ServiceCategory.init),
            contractFen: wire.contractFen,
            mode: wire.mode.map(RedemptionMode.init), invoiceNumber: wire.invoiceNumber,
            technologyContractId: wire.technologyContractId)
    }
}

extension Components.Schemas.NewRedemption {
    init(_ domain: NewRedemption) {
        self.init(
            category: domain.category.map(Components.Schemas.VoucherCategory.init), contractFen: domain.contractFen,
            contractNumber: domain.contractNumber,
            invoiceNumber: domain.invoiceNumber, mode: domain.mode.map(Components.Schemas.RedemptionMode.init),
            providerOrganizationId: domain.providerOrganizationId, technologyContractId: domain.technologyContractId,
            voucherId: domain.voucherId)
    }
}

extension RedemptionStep {
    init(_ wire: Components.Schemas.RedemptionStep) {
        self.init(
            step: Kind(wire.step), invoiceNumber: wire.invoiceNumber, reason: wire.reason,
            outcome: wire.outcome.map(Outcome.init), amountFen: wire.amountFen)
    }
}

extension Components.Schemas.RedemptionStep {
    init(_ domain: RedemptionStep) {
        self.init(
            amountFen: domain.amountFen, invoiceNumber: domain.invoiceNumber,
            outcome: domain.outcome.map(OutcomePayload.init), reason: domain.reason, step: StepPayload(domain.step))
    }
}

extension RedemptionStep.Kind {
    init(_ wire: Components.Schemas.RedemptionStep.StepPayload) {
        switch wire {
        case .confirm: self = .confirm
        case .accept: self = .accept
        case .dispute: self = .dispute
        case .cancel: self = .cancel
        case .decideDispute: self = .decideDispute
        case .approveReview: self = .approveReview
        case .rejectReview: self = .rejectReview
        case .approveClaim: self = .approveClaim
        case .rejectClaim: self = .rejectClaim
        case .reverse: self = .reverse
        }
    }
}

extension Components.Schemas.RedemptionStep.StepPayload {
    init(_ domain: RedemptionStep.Kind) {
        switch domain {
        case .confirm: self = .confirm
        case .accept: self = .accept
        case .dispute: self = .dispute
        case .cancel: self = .cancel
        case .decideDispute: self = .decideDispute
        case .approveReview: self = .approveReview
        case .rejectReview: self = .rejectReview
        case .approveClaim: self = .approveClaim
        case .rejectClaim: self = .rejectClaim
        case .reverse: self = .reverse
        }
    }
}

extension RedemptionStep.Outcome {
    init(_ wire: Components.Schemas.RedemptionStep.OutcomePayload) {
        switch wire {
        case .payFull: self = .payFull
        case .payPart: self = .payPart
        case .cancel: self = .cancel
        }
    }
}

extension Components.Schemas.RedemptionStep.OutcomePayload {
    init(_ domain: RedemptionStep.Outcome) {
        switch domain {
        case .payFull: self = .payFull
        case .payPart: self = .payPart
        case .cancel: self = .cancel
        }
    }
}

// Answers: the domain's redemptions as the document describes them.

extension Components.Schemas.Redemption {
    init(_ domain: Redemption) {
        self.init(
            acceptBy: domain.acceptBy, acceptedAt: domain.acceptedAt,
            acts: domain.acts?.map(ActsPayloadPayload.init), capturedAt: domain.capturedAt,
            category: .init(domain.category), contractFen: domain.contractFen, contractId: domain.contractId,
            contractNumber: domain.contractNumber, createdAt: domain.createdAt,
            enterpriseOrganizationId: domain.enterpriseOrganizationId, flags: domain.flags,
            holdExpiresAt: domain.holdExpiresAt, id: domain.id, invoiceNumber: domain.invoiceNumber,
            issuingCity: .init(domain.issuingCity), mode: .init(domain.mode),
            payeeOrganizationId: domain.payeeOrganizationId, providerCity: .init(domain.providerCity),
            providerOrganizationId: domain.providerOrganizationId, reason: domain.reason,
            releasedFen: domain.releasedFen, review: ReviewPayload(domain.review),
            settlementId: domain.settlementId, status: .init(domain.status),
            technologyContractId: domain.technologyContractId, updatedAt: domain.updatedAt,
            voucherFen: domain.voucherFen, voucherId: domain.voucherId, voucherNumber: domain.voucherNumber)
    }
}

extension Components.Schemas.Redemption.ActsPayloadPayload {
    init(_ domain: Redemption.Act) {
        self.init(at: domain.at, party: PartyPayload(domain.party), step: domain.step, userId: domain.userId)
    }
}

extension Components.Schemas.Redemption.ActsPayloadPayload.PartyPayload {
    init(_ domain: Redemption.Party) {
        switch domain {
        case .enterprise: self = .enterprise
        case .provider: self = .provider
        case .city: self = .city
        case .system: self = .system
        }
    }
}

extension Components.Schemas.Redemption.ReviewPayload {
    init(_ domain: Redemption.Review) {
        switch domain {
        case .none: self = .none
        case .pending: self = .pending
        case .approved: self = .approved
        case .rejected: self = .rejected
        }
    }
}

extension Components.Schemas.RedemptionStatus {
    init(_ domain: Redemption.Status) {
        switch domain {
        case .held: self = .held
        case .delivered: self = .delivered
        case .disputed: self = .disputed
        case .claimed: self = .claimed
        case .captured: self = .captured
        case .cancelled: self = .cancelled
        case .released: self = .released
        case .rejected: self = .rejected
        case .reversed: self = .reversed
        }
    }
}

extension Components.Schemas.RedemptionPage {
    init(_ domain: Page<Redemption>) {
        self.init(items: domain.items.map(Components.Schemas.Redemption.init), nextCursor: domain.nextCursor)
    }
}

extension PageBody<Components.Schemas.RedemptionPage> {
    init(_ page: Components.Schemas.RedemptionPage) { self.init(page: page, nextCursor: page.nextCursor) }
}
