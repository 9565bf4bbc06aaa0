import Foundation
import Kernel

/// What a client lets its broker do (issue 18). Money steps are never delegated without `money`,
/// and even then the client confirms each one.
public enum DelegationScope: String, Codable, CaseIterable, Sendable, Comparable {
    /// Post and edit the client's needs.
    case needs
    /// Request connections in the client's name.
    case connections
    /// Draft and amend technology contracts (never sign them).
    case contracts
    /// Record contract payments, each confirmed by the client.
    case money

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The scope each delegable write needs, by its audit action; any other write is refused to
    /// a broker (deny by default).
    public static let actions: [String: DelegationScope] = [
        "need.create": .needs, "need.update": .needs,
        "connection.request": .connections,
        "contract.create": .contracts, "contract.amend": .contracts,
        "contract.record_payment": .money,
    ]
}

/// A broker organisation: a technology-transfer agency or a sub-market of the provincial market.
public struct BrokerAgency: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case agency
        case subMarket = "sub_market"
    }

    public var id: Int64
    public var organizationId: Int64
    public var organizationName: String
    public var city: CityCode
    public var kind: Kind
    public var registeredAt: Date
}

/// A registered broker (技术经理人): a user of the broker organisation.
public struct Broker: Codable, Sendable, Equatable {
    public var id: Int64
    public var agencyId: Int64
    public var userId: Int64
    public var displayName: String
    public var certificateNumber: String?
    public var registeredAt: Date
}

public struct NewBroker: Sendable, Equatable {
    public var userId: Int64
    public var certificateNumber: String?

    public init(userId: Int64, certificateNumber: String?) {
        self.userId = userId
        self.certificateNumber = certificateNumber
    }
}

/// A client's delegation to a broker organisation.
public struct Delegation: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case pending
        case active
        case expired
        case revoked
    }

    public var id: Int64
    public var clientOrganizationId: Int64
    public var clientName: String
    public var agencyId: Int64
    public var agencyOrganizationId: Int64
    public var agencyName: String
    public var scope: [DelegationScope]
    public var startsAt: Date
    public var endsAt: Date
    public var grantedBy: Int64
    public var grantedAt: Date
    public var revokedBy: Int64?
    public var revokedAt: Date?

    public func status(at now: Date) -> Status {
        if revokedAt != nil { return .revoked }
        if now < startsAt { return .pending }
        if now >= endsAt { return .expired }
        return .active
    }
}

public struct NewDelegation: Sendable, Equatable {
    public var clientOrganizationId: Int64
    public var agencyId: Int64
    public var scope: [DelegationScope]
    public var startsAt: Date?
    public var endsAt: Date

    public init(clientOrganizationId: Int64, agencyId: Int64, scope: [DelegationScope], startsAt: Date?, endsAt: Date) {
        self.clientOrganizationId = clientOrganizationId
        self.agencyId = agencyId
        self.scope = scope
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}

/// The client's confirmation of one money step its broker may then record, once.
public struct DelegationConfirmation: Codable, Sendable, Equatable {
    public var id: Int64
    public var delegationId: Int64
    public var action: String
    public var targetType: String
    public var targetId: String
    public var confirmedBy: Int64
    public var confirmedAt: Date
    public var usedAt: Date?
}
