import Kernel
import Vouchers

// Between the wire types of the voucher routes (generated from openapi.yaml) and the Vouchers
// module's own types; every member spelled out (see VoucherPoliciesMapping).

extension VoucherRevocation {
    init(_ wire: Components.Schemas.VoucherRevocation) {
        self.init(reason: wire.reason)
    }
}

extension Components.Schemas.VoucherRevocation {
    init(_ domain: VoucherRevocation) {
        self.init(reason: domain.reason)
    }
}

// Responses: the domain's results as the document describes them.

extension Components.Schemas.Voucher {
    init(_ domain: Voucher) {
        self.init(
            balances: BalancesPayload(domain.balances), city: Components.Schemas.CityCode(domain.city),
            createdAt: domain.createdAt,
            enterpriseOrganizationId: domain.enterpriseOrganizationId, faceFen: domain.faceFen, id: domain.id,
            number: domain.number, policyId: domain.policyId, status: StatusPayload(domain.status),
            validUntil: domain.validUntil, year: Int64(domain.year))
    }
}

extension Components.Schemas.Voucher.BalancesPayload {
    init(_ domain: Voucher.Balances) {
        self.init(
            availableFen: domain.availableFen, capturedFen: domain.capturedFen, expiredFen: domain.expiredFen,
            heldFen: domain.heldFen, revokedFen: domain.revokedFen)
    }
}

extension Components.Schemas.Voucher.StatusPayload {
    init(_ domain: Voucher.Status) {
        switch domain {
        case .active: self = .active
        case .expired: self = .expired
        case .revoked: self = .revoked
        }
    }
}

extension Components.Schemas.VoucherPage {
    init(_ domain: Page<Voucher>) {
        self.init(items: domain.items.map(Components.Schemas.Voucher.init), nextCursor: domain.nextCursor)
    }
}

extension PageBody<Components.Schemas.VoucherPage> {
    init(_ page: Components.Schemas.VoucherPage) { self.init(page: page, nextCursor: page.nextCursor) }
}
