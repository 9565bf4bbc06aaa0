import Kernel
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

// Responses.

extension Components.Schemas.SettlementBatch {
    init(_ domain: SettlementBatch) {
        self.init(
            approvedBy: domain.approvedBy, cashFen: domain.cashFen, city: Components.Schemas.CityCode(domain.city),
            createdAt: domain.createdAt, id: domain.id, items: domain.items.map(ItemsPayloadPayload.init),
            paidAt: domain.paidAt, paymentReference: domain.paymentReference, period: domain.period,
            status: StatusPayload(domain.status), totalFen: domain.totalFen)
    }
}

extension Components.Schemas.SettlementBatch.ItemsPayloadPayload {
    init(_ domain: SettlementBatch.Item) {
        self.init(
            amountFen: domain.amountFen, nettedFen: domain.nettedFen, payeeOrganizationId: domain.payeeOrganizationId,
            redemptionIds: domain.redemptionIds, year: Int64(domain.year))
    }
}

extension Components.Schemas.SettlementBatch.StatusPayload {
    init(_ domain: SettlementBatch.Status) {
        switch domain {
        case .approved: self = .approved
        case .paid: self = .paid
        }
    }
}

extension Components.Schemas.LedgerReport {
    init(_ domain: LedgerReport) {
        self.init(
            accounts: Int64(domain.accounts), clean: domain.clean, totalFen: domain.totalFen,
            transfers: Int64(domain.transfers), violations: domain.violations)
    }
}

extension Components.Schemas.SettlementReport {
    init(_ domain: SettlementReport) {
        self.init(
            lines: domain.lines.map(LinesPayloadPayload.init),
            matrix: MatrixPayload(
                additionalProperties: domain.matrix.mapValues {
                    MatrixPayload.AdditionalPropertiesPayload(additionalProperties: $0)
                }),
            period: domain.period, totalFen: domain.totalFen,
            totalsByIssuingCity: TotalsByIssuingCityPayload(additionalProperties: domain.totalsByIssuingCity),
            totalsByProviderCity: TotalsByProviderCityPayload(additionalProperties: domain.totalsByProviderCity))
    }
}

extension Components.Schemas.SettlementReport.LinesPayloadPayload {
    init(_ domain: SettlementReport.Line) {
        self.init(
            amountFen: domain.amountFen, issuingCity: .init(domain.issuingCity), mode: .init(domain.mode),
            payeeCity: .init(domain.payeeCity), payeeName: domain.payeeName,
            payeeOrganizationId: domain.payeeOrganizationId, redemptions: Int64(domain.redemptions),
            settledFen: domain.settledFen)
    }
}

extension Components.Schemas.CorridorSettlement {
    init(_ domain: CorridorSettlement) {
        self.init(
            city: domain.city.map(Components.Schemas.CityCode.init),
            matrix: MatrixPayload(
                additionalProperties: domain.matrix.mapValues {
                    MatrixPayload.AdditionalPropertiesPayload(additionalProperties: $0)
                }),
            period: domain.period,
            receivables: domain.receivables.map { line in
                ReceivablesPayloadPayload(
                    amountFen: line.amountFen, issuingCity: .init(line.issuingCity), mode: .init(line.mode),
                    payeeCity: .init(line.payeeCity), payeeName: line.payeeName,
                    payeeOrganizationId: line.payeeOrganizationId, redemptions: Int64(line.redemptions),
                    settledFen: line.settledFen)
            },
            totalFen: domain.totalFen,
            totalsByIssuingCity: TotalsByIssuingCityPayload(additionalProperties: domain.totalsByIssuingCity),
            totalsByProviderCity: TotalsByProviderCityPayload(additionalProperties: domain.totalsByProviderCity))
    }
}
