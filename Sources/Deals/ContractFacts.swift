import Foundation
import GRDB
import Kernel

/// What Vouchers needs to know of a contract a redemption pays for (issue 16: a 通兑 redemption
/// refers to a signed or registered contract whose buyer is the voucher's enterprise and whose
/// seller is the provider). Vouchers declares its own protocol and adapts this read to it.
public struct ContractFacts: Codable, Sendable, Equatable {
    public var id: Int64
    public var buyerOrganizationId: Int64
    public var sellerOrganizationId: Int64
    public var type: ContractType
    public var valueFen: Int64
    public var status: ContractStatus
    public var signedAt: Date?
    public var registeredAt: Date?
    public var registrationNumber: String?
}

/// Read-only lookups of contracts for other modules. Takes the caller's `Database`, so it runs
/// inside the caller's write transaction and sees its rows.
public enum ContractDirectory {
    public static func facts(_ db: Database, id: Int64) throws -> ContractFacts? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT buyer_org_id, seller_org_id, type, value_fen, status, signed_at, registered_at,
                            registration_number
                        FROM deal_contracts WHERE id = ?
                        """),
                arguments: [id]),
            let type = ContractType(rawValue: row["type"]), let status = ContractStatus(rawValue: row["status"])
        else { return nil }
        let signed: Int64? = row["signed_at"]
        let registered: Int64? = row["registered_at"]
        return ContractFacts(
            id: id, buyerOrganizationId: row["buyer_org_id"], sellerOrganizationId: row["seller_org_id"], type: type,
            valueFen: row["value_fen"], status: status, signedAt: signed.map(Timestamp.date(millis:)),
            registeredAt: registered.map(Timestamp.date(millis:)), registrationNumber: row["registration_number"])
    }
}
