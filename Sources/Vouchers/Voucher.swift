import Foundation
import Kernel

/// An enterprise's application for a voucher from its own city.
public struct VoucherApplication: Codable, Sendable, Equatable {
    public enum Status: String, Codable, CaseIterable, Sendable {
        case pending, approved, rejected
    }

    public var id: Int64
    public var enterpriseOrganizationId: Int64
    public var city: CityCode
    public var year: Int
    public var policyId: Int64
    public var amountFen: Int64
    public var status: Status
    public var reason: String?
    public var voucherId: Int64?
    public var createdAt: Date
    public var decidedAt: Date?
}

/// An issued voucher with its balances (from the ledger).
public struct Voucher: Codable, Sendable, Equatable {
    public enum Status: String, Codable, CaseIterable, Sendable {
        case active, expired, revoked
    }

    public struct Balances: Codable, Sendable, Equatable {
        public var availableFen: Int64
        public var heldFen: Int64
        public var capturedFen: Int64
        public var expiredFen: Int64
        public var revokedFen: Int64
    }

    public var id: Int64
    public var number: String
    public var enterpriseOrganizationId: Int64
    public var city: CityCode
    public var year: Int
    public var policyId: Int64
    public var faceFen: Int64
    public var validUntil: Date
    public var status: Status
    public var balances: Balances
    public var createdAt: Date
}

/// The body of `POST /v1/vouchers` (an application).
public struct NewVoucherApplication: Sendable {
    public var amountFen: Int64
    /// The budget year (default: this year).
    public var year: Int?

    public init(amountFen: Int64, year: Int? = nil) {
        self.amountFen = amountFen
        self.year = year
    }
}

/// The body of a city admin's decision on an application.
public struct VoucherDecision: Sendable {
    public var approve: Bool
    /// Approve a lower amount than asked (a whole number of units).
    public var amountFen: Int64?
    public var reason: String?

    public init(approve: Bool, amountFen: Int64? = nil, reason: String? = nil) {
        self.approve = approve
        self.amountFen = amountFen
        self.reason = reason
    }
}
