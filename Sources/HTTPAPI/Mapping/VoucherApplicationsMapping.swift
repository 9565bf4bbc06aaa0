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
