import Vouchers

// Between the wire types of the settlement routes (generated from openapi.yaml) and the
// Vouchers module's own types; every member spelled out (see VoucherPoliciesMapping).

extension NewSettlement {
    init(_ wire: Components.Schemas.NewSettlement) {
        self.init(period: wire.period)
    }
}

extension Components.Schemas.NewSettlement {
    init(_ domain: NewSettlement) {
        self.init(period: domain.period)
    }
}

extension SettlementPayment {
    init(_ wire: Components.Schemas.SettlementPayment) {
        self.init(paymentReference: wire.paymentReference)
    }
}

extension Components.Schemas.SettlementPayment {
    init(_ domain: SettlementPayment) {
        self.init(paymentReference: domain.paymentReference)
    }
}
