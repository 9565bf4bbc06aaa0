import GRDB
import Kernel
import Vouchers

/// Deals answers Vouchers' question about a contract a redemption pays for (issue 16: vouchers
/// pay for contracts), inside the redemption's own transaction.
public struct VoucherContractRegistry: TechnologyContractRegistry {
    public init() {}

    public func contract(_ db: Database, id: Int64) throws -> TechnologyContract? {
        guard let facts = try ContractDirectory.facts(db, id: id) else { return nil }
        let paid =
            try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT coalesce(sum(amount_fen), 0) FROM deal_payments WHERE contract_id = ?"),
                arguments: [id]) ?? 0
        return TechnologyContract(
            id: id, buyerOrganizationId: facts.buyerOrganizationId, sellerOrganizationId: facts.sellerOrganizationId,
            category: Self.category(of: facts.type), valueFen: facts.valueFen, paidFen: paid,
            stage: Self.stage(facts), number: facts.registrationNumber ?? Self.platformNumber(id))
    }

    /// The voucher service category a contract type falls under: development and consulting are
    /// R&D services (研发服务), transfers and licences technology transfer (技术转移), technical
    /// services (which include testing and analysis) testing (检验检测).
    public static func category(of type: ContractType) -> ServiceCategory {
        switch type.family {
        case .development, .consulting: .rd
        case .transfer, .licence: .technologyTransfer
        case .service: .testing
        }
    }

    static func stage(_ facts: ContractFacts) -> TechnologyContract.Stage {
        switch facts.status {
        case .draft: .draft
        case .cancelled, .terminated: .closed
        case .signed, .registrationApplied, .registered, .performing, .completed:
            facts.registeredAt == nil ? .signed : .registered
        }
    }

    /// The platform's own number for a contract before it is registered.
    public static func platformNumber(_ id: Int64) -> String { "TC-\(id)" }
}
