import Foundation
import Kernel

/// What a connection request is about.
public enum ConnectionSubject: Codable, Sendable, Hashable {
    case patent(Int64)
    case achievement(Int64)
    case need(Int64)
    case challenge(Int64)
    /// A match between a need and a patent or achievement: either side asks the other.
    case match(needId: Int64, listingId: Int64)

    public enum Kind: String, Codable, CaseIterable, Sendable {
        case patent, achievement, need, challenge, match
    }

    public var kind: Kind {
        switch self {
        case .patent: .patent
        case .achievement: .achievement
        case .need: .need
        case .challenge: .challenge
        case .match: .match
        }
    }

    /// The listing (the need, for a match) and, for a match, the supply listing (0 otherwise).
    var ids: (Int64, Int64) {
        switch self {
        case .patent(let id), .achievement(let id), .need(let id), .challenge(let id): (id, 0)
        case .match(let need, let listing): (need, listing)
        }
    }
}

public enum ConnectionStatus: String, Codable, CaseIterable, Sendable {
    case pending, accepted, declined, blocked, withdrawn
}

/// A request by one organisation to connect with another about a subject, and its answer.
public struct Connection: Codable, Sendable, Equatable {
    public var id: Int64
    public var requesterOrganizationId: Int64
    public var receiverOrganizationId: Int64
    public var subject: ConnectionSubject
    public var status: ConnectionStatus
    /// The requester's message, as given.
    public var message: String
    /// The receiver's reason for declining or blocking, if it gave one.
    public var reason: String?
    public var requestedByUserId: Int64?
    public var decidedByUserId: Int64?
    public var createdAt: Date
    public var decidedAt: Date?
}

/// A request to connect (`message` as given: newlines allowed, other control characters not).
public struct NewConnection: Sendable {
    public var subject: ConnectionSubject
    public var message: String

    public init(subject: ConnectionSubject, message: String) {
        self.subject = subject
        self.message = message
    }
}

/// The receiver's answer, or the requester's withdrawal.
public enum ConnectionAnswer: Sendable, Equatable {
    case accept
    case decline(reason: String?)
    /// Declines and keeps the requester from asking again about this subject for longer.
    case block(reason: String?)
    case withdraw
}

/// One organisation's contact person, phone and e-mail, shown after acceptance.
public struct PartyContact: Codable, Sendable, Equatable {
    public var organizationId: Int64
    public var organizationName: String
    public var city: CityCode
    public var contactName: String?
    public var phone: String?
    public var email: String?
}

public struct ConnectionContacts: Codable, Sendable, Equatable {
    public var requester: PartyContact
    public var receiver: PartyContact
}

/// How many requests an organisation may make and how long a refusal holds (injected).
public struct ConnectionLimits: Sendable {
    /// Requests per organisation in any 24 hours.
    public var dailyRequests: Int
    /// After a decline, no new request about the same subject to the same receiver for this many days.
    public var declineCooldownDays: Int
    /// After a block, for this many days.
    public var blockCooldownDays: Int
    public var messageMax: Int

    public init(
        dailyRequests: Int = 20, declineCooldownDays: Int = 30, blockCooldownDays: Int = 180, messageMax: Int = 1_000
    ) {
        self.dailyRequests = dailyRequests
        self.declineCooldownDays = declineCooldownDays
        self.blockCooldownDays = blockCooldownDays
        self.messageMax = messageMax
    }
}
