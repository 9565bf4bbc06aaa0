import Kernel
import Vouchers

// Between the wire types of the receivable routes (generated from openapi.yaml) and the
// Vouchers module's own types; every member spelled out (see VoucherPoliciesMapping).

extension NewRecovery {
    init(_ wire: Components.Schemas.NewRecovery) {
        self.init(
            payeeOrganizationId: wire.payeeOrganizationId, year: Int(wire.year), amountFen: wire.amountFen,
            reference: wire.reference)
    }
}

extension Components.Schemas.NewRecovery {
    init(_ domain: NewRecovery) {
        self.init(
            amountFen: domain.amountFen, payeeOrganizationId: domain.payeeOrganizationId, reference: domain.reference,
            year: Int64(domain.year))
    }
}

// Responses.

extension Components.Schemas.Receivable {
    init(_ domain: Receivable) {
        self.init(
            balanceFen: domain.balanceFen, city: Components.Schemas.CityCode(domain.city),
            payeeOrganizationId: domain.payeeOrganizationId, year: Int64(domain.year))
    }
}

extension Components.Schemas.ReceivableList {
    init(_ domain: [Receivable]) {
        self.init(items: domain.map(Components.Schemas.Receivable.init))
    }
}
