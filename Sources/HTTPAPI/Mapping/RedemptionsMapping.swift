import Vouchers

// Between the wire types of the redemption routes (generated from openapi.yaml) and the
// Vouchers module's own types; every member and case spelled out (see VoucherPoliciesMapping).

extension NewRedemption {
    init(_ wire: Components.Schemas.NewRedemption) {
        self.init(
            voucherId: wire.voucherId, providerOrganizationId: wire.providerOrganizationId,
            contractNumber: wire.contractNumber, category: ServiceCategory(wire.category),
            contractFen: wire.contractFen,
            mode: wire.mode.map(RedemptionMode.init), invoiceNumber: wire.invoiceNumber)
    }
}

extension Components.Schemas.NewRedemption {
    init(_ domain: NewRedemption) {
        self.init(
            category: .init(domain.category), contractFen: domain.contractFen, contractNumber: domain.contractNumber,
            invoiceNumber: domain.invoiceNumber, mode: domain.mode.map(ModePayload.init),
            providerOrganizationId: domain.providerOrganizationId, voucherId: domain.voucherId)
    }
}

extension RedemptionMode {
    init(_ wire: Components.Schemas.NewRedemption.ModePayload) {
        switch wire {
        case .tongdui: self = .tongdui
        case .tongyong: self = .tongyong
        }
    }
}

extension Components.Schemas.NewRedemption.ModePayload {
    init(_ domain: RedemptionMode) {
        switch domain {
        case .tongdui: self = .tongdui
        case .tongyong: self = .tongyong
        }
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
