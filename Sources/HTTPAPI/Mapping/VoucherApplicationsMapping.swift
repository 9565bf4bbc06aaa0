import Kernel
import Vouchers

// Between the wire types of the voucher-application routes (generated from openapi.yaml) and
// the Vouchers module's own types; every member spelled out (see VoucherPoliciesMapping).

extension NewVoucherApplication {
    init(_ wire: Components.Schemas.NewVoucherApplication) {
        self.init(amountFen: wire.amountFen, year: wire.year.map(Int.init))
    }
}

extension Components.Schemas.NewVoucherApplication {
    init(_ domain: NewVoucherApplication) {
        self.init(amountFen: domain.amountFen, year: domain.year.map(Int64.init))
    }
}

extension VoucherDecision {
    init(_ wire: Components.Schemas.VoucherDecision) {
        self.init(approve: wire.approve, amountFen: wire.amountFen, reason: wire.reason)
    }
}

extension Components.Schemas.VoucherDecision {
    init(_ domain: VoucherDecision) {
        self.init(amountFen: domain.amountFen, approve: domain.approve, reason: domain.reason)
    }
}

// Responses.

extension Components.Schemas.VoucherApplication {
    init(_ domain: VoucherApplication) {
        self.init(
            amountFen: domain.amountFen, city: Components.Schemas.CityCode(domain.city), createdAt: domain.createdAt,
            decidedAt: domain.decidedAt, enterpriseOrganizationId: domain.enterpriseOrganizationId, id: domain.id,
            policyId: domain.policyId, reason: domain.reason, status: StatusPayload(domain.status),
            voucherId: domain.voucherId, year: Int64(domain.year))
    }
}

extension Components.Schemas.VoucherApplication.StatusPayload {
    init(_ domain: VoucherApplication.Status) {
        switch domain {
        case .pending: self = .pending
        case .approved: self = .approved
        case .rejected: self = .rejected
        }
    }
}

extension Components.Schemas.VoucherApplicationPage {
    init(_ domain: Page<VoucherApplication>) {
        self.init(items: domain.items.map(Components.Schemas.VoucherApplication.init), nextCursor: domain.nextCursor)
    }
}

extension PageBody<Components.Schemas.VoucherApplicationPage> {
    init(_ page: Components.Schemas.VoucherApplicationPage) { self.init(page: page, nextCursor: page.nextCursor) }
}
