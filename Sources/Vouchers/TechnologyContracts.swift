import GRDB
import Kernel

/// A technology contract (技术合同) as a redemption needs to know it: its parties, what it buys,
/// its value and what has been paid, and how far it is. Deals owns contracts; Vouchers declares
/// what it asks here and Deals answers (issue 16: vouchers pay for contracts).
public struct TechnologyContract: Sendable, Equatable {
    public enum Stage: Sendable, Equatable {
        case draft
        /// Signed by both parties (registration may be applied for).
        case signed
        /// Registered by the seller's city (技术合同认定登记), performing or completed.
        case registered
        /// Cancelled or terminated.
        case closed
    }

    public var id: Int64
    public var buyerOrganizationId: Int64
    public var sellerOrganizationId: Int64
    /// The service category the contract's type falls under.
    public var category: ServiceCategory
    public var valueFen: Int64
    /// What the buyer's recorded payments add up to.
    public var paidFen: Int64
    public var stage: Stage
    /// The registration number once registered, else the platform's contract number.
    public var number: String

    public init(
        id: Int64, buyerOrganizationId: Int64, sellerOrganizationId: Int64, category: ServiceCategory,
        valueFen: Int64, paidFen: Int64, stage: Stage, number: String
    ) {
        self.id = id
        self.buyerOrganizationId = buyerOrganizationId
        self.sellerOrganizationId = sellerOrganizationId
        self.category = category
        self.valueFen = valueFen
        self.paidFen = paidFen
        self.stage = stage
        self.number = number
    }
}

/// Where redemptions look contracts up, inside their own write transaction.
public protocol TechnologyContractRegistry: Sendable {
    func contract(_ db: Database, id: Int64) throws -> TechnologyContract?
}

/// The terms a redemption pays into: a registered technology contract, or (on redemptions
/// opened before contracts were on the platform, and where no contract is named) a contract
/// number, value and category as typed.
struct RedemptionTerms {
    var number: String
    var valueFen: Int64
    var category: ServiceCategory
    /// The base of the voucher part: the value (通兑), or what was paid (通用 with a contract).
    var subsidisableFen: Int64
    var technologyContractId: Int64?
    /// The key redemptions of one contract are bound under: the typed number's, or for a platform
    /// contract its id, which — unlike its number — does not change when it is registered (a
    /// second redemption after registration would otherwise start a new ratio × value cap).
    /// Lower case: no typed number's key (upper-cased) can equal it.
    var bindingKey: String

    static func typed(_ input: NewRedemption) throws -> RedemptionTerms {
        guard let fen = input.contractFen else { throw VoucherError.contractTermsRequired(field: "contractFen") }
        guard fen > 0 else { throw VoucherError.amountMustBePositive(field: "contractFen") }
        guard fen <= RedemptionService.contractCeilingFen else { throw VoucherError.amountTooLarge }
        guard let text = input.contractNumber else {
            throw VoucherError.contractTermsRequired(field: "contractNumber")
        }
        let number = try DocumentNumber.checked(text, field: "contractNumber", max: 64)
        guard let category = input.category else { throw VoucherError.contractTermsRequired(field: "category") }
        return RedemptionTerms(
            number: number, valueFen: fen, category: category, subsidisableFen: fen, technologyContractId: nil,
            bindingKey: DocumentNumber.key(number))
    }

    /// The named contract's terms, when the voucher's enterprise bought from this provider and
    /// the contract is signed (registered, if `registered`); in 通用 the base is what was paid.
    static func contract(
        _ db: Database, id: Int64, registry: (any TechnologyContractRegistry)?, enterprise: Int64, provider: Int64,
        mode: RedemptionMode, registered: Bool
    ) throws -> RedemptionTerms {
        // A contract the enterprise is not the buyer of is not revealed.
        guard let contract = try registry?.contract(db, id: id), contract.buyerOrganizationId == enterprise else {
            throw VoucherError.technologyContractNotFound
        }
        guard contract.sellerOrganizationId == provider else { throw VoucherError.technologyContractOtherSeller }
        switch contract.stage {
        case .registered: break
        case .signed: if registered { throw VoucherError.technologyContractNotRegistered }
        case .draft, .closed: throw VoucherError.technologyContractNotSigned
        }
        guard contract.valueFen > 0, contract.valueFen <= RedemptionService.contractCeilingFen else {
            throw VoucherError.amountTooLarge
        }
        let base = mode == .tongyong ? min(contract.paidFen, contract.valueFen) : contract.valueFen
        guard base > 0 else { throw VoucherError.technologyContractUnpaid }
        return RedemptionTerms(
            number: contract.number, valueFen: contract.valueFen, category: contract.category,
            subsidisableFen: base, technologyContractId: contract.id, bindingKey: "technology-contract:\(contract.id)")
    }
}
