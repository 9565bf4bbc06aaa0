import Foundation
import Kernel

/// A contract register as CSV for a party's own records (Kernel's CSVWriter: every text field
/// quoted, a title starting with `=`, `+`, `-` or `@` neutralised with a leading `'`, so a
/// spreadsheet shows it and never evaluates it). The stored title is unchanged.
public enum ContractExport {
    public static let header = [
        "id", "title", "type", "status", "buyerOrganizationId", "sellerOrganizationId", "sellerCity", "buyerCity",
        "valueYuan", "paidYuan", "registrationNumber",
    ]

    public static func csv(_ contracts: [Contract]) -> String {
        CSVWriter.document(
            header: header,
            records: contracts.map { contract in
                [
                    .integer(contract.id), .text(contract.terms.title), .text(contract.terms.type.rawValue),
                    .text(contract.status.rawValue), .integer(contract.buyerOrganizationId),
                    .integer(contract.sellerOrganizationId), .text(contract.sellerCity.rawValue),
                    .text(contract.buyerCity.rawValue), .yuan(fen: contract.terms.valueFen),
                    .yuan(fen: contract.paidFen), .text(contract.registration.number ?? ""),
                ]
            })
    }
}
