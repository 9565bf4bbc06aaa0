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
