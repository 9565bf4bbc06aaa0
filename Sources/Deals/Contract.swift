import Foundation
import Kernel

/// A technology contract (技术合同) as the parties, its registration clerk and auditors see it.
public struct Contract: Codable, Sendable, Equatable {
    /// A party's confirmation of one version of the terms, bound to its hash.
    public struct Confirmation: Codable, Sendable, Equatable {
        public var termsHash: String
        public var userId: Int64?
        public var at: Date
    }

    /// Changed terms proposed after signature: the signed version stands until both parties
    /// confirm this one's hash.
    public struct Amendment: Codable, Sendable, Equatable {
        public var terms: ContractTerms
        public var termsHash: String
        public var proposedBy: ContractParty
        public var buyerConfirmation: Confirmation?
        public var sellerConfirmation: Confirmation?
    }

    public struct Registration: Codable, Sendable, Equatable {
        public var appliedAt: Date?
        /// `YYYY` + the seller city's 6-digit division code + a 6-digit sequence per city and year.
        public var number: String?
        public var registeredAt: Date?
        public var clerkUserId: Int64?
        /// Why the clerk sent the last application back.
        public var returnedReason: String?
    }

    public struct Payment: Codable, Sendable, Equatable {
        public var id: Int64
        /// The instalment (1-based) it pays, if any.
        public var instalment: Int?
        public var amountFen: Int64
        public var paidOn: Date
        public var recordedByOrganizationId: Int64
        public var at: Date
    }

    /// One step in the contract's history.
    public struct Event: Codable, Sendable, Equatable {
        public var step: String
        public var party: String?
        public var userId: Int64?
        public var reason: String?
        public var version: Int
        public var at: Date
    }

    public var id: Int64
    public var buyerOrganizationId: Int64
    public var sellerOrganizationId: Int64
    public var buyerCity: CityCode
    public var sellerCity: CityCode
    public var status: ContractStatus
    /// 1 at creation; +1 each time both parties adopt an amendment after signature.
    public var version: Int
    public var terms: ContractTerms
    public var termsHash: String
    /// The field the statistics count it under (see `ContractFieldRule`).
    public var field: Field
    public var buyerConfirmation: Confirmation?
    public var sellerConfirmation: Confirmation?
    public var amendment: Amendment?
    public var registration: Registration
    /// Filled when read; not part of the stored document.
    public var payments: [Payment]
    public var paidFen: Int64
    public var terminationReason: String?
    public var history: [Event]
    public var createdAt: Date
    public var updatedAt: Date
    public var signedAt: Date?
    public var completedAt: Date?
    public var terminatedAt: Date?
    /// The broker organisation that drafted the contract for a party under its delegation
    /// (issue 18); credited in the statistics.
    public var brokerOrganizationId: Int64? = nil

    func confirmation(of party: ContractParty) -> Confirmation? {
        party == .buyer ? buyerConfirmation : sellerConfirmation
    }

    func organization(of party: ContractParty) -> Int64 {
        party == .buyer ? buyerOrganizationId : sellerOrganizationId
    }
}

/// A payment to record (`amountFen` against the instalment numbered `instalment`, if any).
public struct NewPayment: Sendable {
    public var amountFen: Int64
    public var paidOn: Date
    public var instalment: Int?

    public init(amountFen: Int64, paidOn: Date, instalment: Int? = nil) {
        self.amountFen = amountFen
        self.paidOn = paidOn
        self.instalment = instalment
    }
}
