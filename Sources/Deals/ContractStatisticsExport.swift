import Kernel

/// The statistics' tables as CSV (one table a file), through Kernel's writer, which keeps a
/// cell that starts like a formula from being read as one.
public enum ContractStatisticsExport {
    public enum Table: String, CaseIterable, Sendable {
        case month, type, field
        /// Exported, by the seller's city.
        case sellerCity = "seller_city"
        /// Absorbed, by the buyer's city.
        case buyerCity = "buyer_city"
        /// Seller city × buyer city, 25 rows.
        case matrix
        case funnel
        /// Voucher money per contract type.
        case voucherType = "voucher_type"
    }

    /// A withheld value is an empty cell, never a 0 that could be read as no turnover.
    static func value(_ fen: Int64, _ withheld: Bool) -> CSVWriter.Field {
        withheld ? .text("") : .yuan(fen: fen)
    }

    public static func csv(_ report: ContractStatisticsReport, table: Table) -> String {
        func amounts(_ key: String, _ rows: [ContractStatisticsReport.Amount]) -> String {
            CSVWriter.document(
                header: [key, "contracts", "value_yuan"],
                records: rows.map { [.text($0.key), .integer(Int64($0.contracts)), value($0.valueFen, $0.withheld)] })
        }
        switch table {
        case .month: return amounts("month", report.byMonth)
        case .type: return amounts("type", report.byType)
        case .field: return amounts("field", report.byField)
        case .sellerCity: return amounts("seller_city", report.bySellerCity)
        case .buyerCity: return amounts("buyer_city", report.byBuyerCity)
        case .matrix:
            return CSVWriter.document(
                header: ["seller_city", "buyer_city", "contracts", "value_yuan"],
                records: report.matrix.map {
                    [
                        .text($0.sellerCity.rawValue), .text($0.buyerCity.rawValue), .integer(Int64($0.contracts)),
                        value($0.valueFen, $0.withheld),
                    ]
                })
        case .voucherType:
            return CSVWriter.document(
                header: ["type", "contracts", "voucher_yuan"],
                records: report.voucherByType.map {
                    [.text($0.key), .integer(Int64($0.contracts)), value($0.valueFen, $0.withheld)]
                })
        case .funnel:
            let funnel = report.funnel
            let days = { (value: Int?) in value.map { CSVWriter.Field.integer(Int64($0)) } ?? .text("") }
            return CSVWriter.document(
                header: ["step", "count", "median_days_from_previous"],
                records: [
                    [.text("needs_posted"), .integer(Int64(funnel.needsPosted)), .text("")],
                    [
                        .text("connections_accepted"), .integer(Int64(funnel.connectionsAccepted)),
                        days(funnel.medianDaysNeedToConnection),
                    ],
                    [
                        .text("contracts_signed"), .integer(Int64(funnel.contractsSigned)),
                        days(funnel.medianDaysConnectionToSignature),
                    ],
                    [
                        .text("contracts_registered"), .integer(Int64(funnel.contractsRegistered)),
                        days(funnel.medianDaysSignatureToRegistration),
                    ],
                ])
        }
    }
}
