import Foundation
import Kernel

/// Spending a voucher on one service contract.
///
/// 通兑 (`tongdui`): opened by the enterprise → `held`; the provider confirms delivery with its
/// invoice → `delivered`; the enterprise accepts → `captured` (the issuing city owes the
/// provider) or disputes → `disputed`. 通用 (`tongyong`): the enterprise has paid in full and
/// claims with the invoice → `claimed`; the issuing city approves → `captured` (owed to the
/// enterprise) or rejects → `rejected`. Before capture either may be `cancelled`, and a hold
/// left too long is `released`. After capture a `reversed` redemption has a compensating
/// transfer; nothing is edited.
public struct Redemption: Codable, Sendable, Equatable {
    public enum Status: String, Codable, CaseIterable, Sendable {
        case held, delivered, disputed, claimed, captured, cancelled, released, rejected, reversed
    }

    public enum Review: String, Codable, CaseIterable, Sendable {
        case none, pending, approved, rejected
    }

    public var id: Int64
    public var voucherId: Int64
    public var voucherNumber: String
    public var mode: RedemptionMode
    public var enterpriseOrganizationId: Int64
    public var providerOrganizationId: Int64
    public var providerCity: CityCode
    public var issuingCity: CityCode
    /// Who the captured amount is owed to: the provider (通兑) or the enterprise (通用).
    public var payeeOrganizationId: Int64
    public var contractNumber: String
    public var category: ServiceCategory
    public var contractFen: Int64
    public var voucherFen: Int64
    public var status: Status
    public var invoiceNumber: String?
    /// Why it needs review before capture (related parties, concentration, threshold splitting).
    public var flags: [String]
    public var review: Review
    public var holdExpiresAt: Date?
    public var capturedAt: Date?
    public var settlementId: Int64?
    public var reason: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// The registered contract this redemption pays into (every redemption of one contract
    /// together never exceeds ratio × its value).
    public var contractId: Int64?
    /// The technology contract (Deals') it pays for; nil on redemptions that name a contract
    /// only by a typed number (those opened before contracts were on the platform).
    public var technologyContractId: Int64?
    /// After delivery: the day by which the enterprise accepts or disputes (silence accepts).
    public var acceptBy: Date?
    /// The enterprise accepted while the city's review was pending: capture follows approval.
    public var acceptedAt: Date?
    /// The part released back to the voucher when a city decided a dispute for part payment.
    public var releasedFen: Int64?
    /// Who took each step (separation of duties: no user acts for two parties of one flow).
    public var acts: [Act]?

    /// Who a step is taken for.
    public enum Party: String, Codable, CaseIterable, Sendable {
        case enterprise, provider, city, system
    }

    public struct Act: Codable, Sendable, Equatable {
        public var step: String
        public var party: Party
        public var userId: Int64?
        public var at: Date
    }
}

/// The body of `POST /v1/redemptions`.
public struct NewRedemption: Sendable {
    public var voucherId: Int64
    public var providerOrganizationId: Int64
    /// A contract named by its number, value and category (needed unless `technologyContractId`).
    public var contractNumber: String?
    public var category: ServiceCategory?
    public var contractFen: Int64?
    public var mode: RedemptionMode?
    /// Required for 通用 (the enterprise has paid and holds the invoice).
    public var invoiceNumber: String?
    /// The technology contract this pays for (Deals'): its number, value and category then come
    /// from the contract, and `contractNumber`, `category` and `contractFen` are not used.
    public var technologyContractId: Int64?

    public init(
        voucherId: Int64, providerOrganizationId: Int64, contractNumber: String?, category: ServiceCategory?,
        contractFen: Int64?,
        mode: RedemptionMode? = nil, invoiceNumber: String? = nil, technologyContractId: Int64? = nil
    ) {
        self.technologyContractId = technologyContractId
        self.voucherId = voucherId
        self.providerOrganizationId = providerOrganizationId
        self.contractNumber = contractNumber
        self.category = category
        self.contractFen = contractFen
        self.mode = mode
        self.invoiceNumber = invoiceNumber
    }
}

/// A step on a redemption.
public struct RedemptionStep: Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// provider: held → delivered (with invoice)
        case confirm
        /// enterprise: delivered or disputed → captured (after the city's review, if one is pending)
        case accept
        /// enterprise: delivered → disputed (the issuing city decides)
        case dispute
        /// enterprise: held or claimed → cancelled; provider (通兑 only): held or delivered → cancelled
        case cancel
        /// issuing city: disputed → captured in full or in part, or cancelled (`outcome`, reason)
        case decideDispute = "decide_dispute"
        /// issuing city: a flagged redemption may be captured / is refused
        case approveReview = "approve_review"
        case rejectReview = "reject_review"
        /// issuing city: 通用 claim → captured / rejected
        case approveClaim = "approve_claim"
        case rejectClaim = "reject_claim"
        /// issuing city: captured → reversed (compensating transfer)
        case reverse
    }

    /// How a city decides a dispute.
    public enum Outcome: String, CaseIterable, Sendable {
        case payFull = "pay_full"
        case payPart = "pay_part"
        case cancel
    }

    public var step: Kind
    public var invoiceNumber: String?
    public var reason: String?
    public var outcome: Outcome?
    /// For `pay_part`: the voucher part paid (the rest returns to the voucher).
    public var amountFen: Int64?

    public init(
        step: Kind, invoiceNumber: String? = nil, reason: String? = nil, outcome: Outcome? = nil,
        amountFen: Int64? = nil
    ) {
        self.step = step
        self.invoiceNumber = invoiceNumber
        self.reason = reason
        self.outcome = outcome
        self.amountFen = amountFen
    }
}
