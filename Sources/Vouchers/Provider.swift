import Foundation
import Kernel

/// A service provider in the registry (服务机构库).
public struct Provider: Codable, Sendable, Equatable {
    public enum Status: String, Codable, CaseIterable, Sendable {
        /// Waiting for the city's review.
        case applied
        /// Approved by the city and on public notice (公示) until `noticeEndsAt`.
        case inNotice = "in_notice"
        case listed
        case rejected
        case suspended
        case delisted
    }

    public struct Objection: Codable, Sendable, Equatable {
        /// Who objected: shown only to the provider's city, the platform and auditors (nil, and
        /// left out of the JSON, for everyone else, the provider included).
        public var organizationId: Int64?
        public var reason: String
        public var at: Date
        /// Set when the city admin has dealt with it.
        public var resolution: String?
    }

    public struct Event: Codable, Sendable, Equatable {
        public var status: Status
        public var reason: String?
        public var at: Date
    }

    public var id: Int64
    public var organizationId: Int64
    public var city: CityCode
    public var categories: [ServiceCategory]
    public var status: Status
    public var noticeEndsAt: Date?
    public var objections: [Objection]
    public var history: [Event]
    public var createdAt: Date
    public var updatedAt: Date

    var openObjections: Int { objections.filter { $0.resolution == nil }.count }

    /// The status as of `now`: a notice that ran out with no open objection is a listing.
    public func effective(at now: Date) -> Provider {
        var copy = self
        if status == .inNotice, let end = noticeEndsAt, end <= now, openObjections == 0 { copy.status = .listed }
        return copy
    }
}

/// The body of `POST /v1/providers`.
public struct NewProvider: Sendable {
    public var categories: [ServiceCategory]

    public init(categories: [ServiceCategory]) {
        self.categories = categories
    }
}

/// A city admin's step on a provider: review, objection handling, suspension, delisting.
public struct ProviderAction: Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// applied → in notice
        case approve
        /// applied or in notice → rejected
        case reject
        /// in notice with objections → listed (objections dismissed)
        case overrule
        /// listed → suspended
        case suspend
        /// suspended → listed
        case reinstate
        /// listed or suspended → delisted
        case delist
    }

    public var action: Kind
    public var reason: String?

    public init(action: Kind, reason: String? = nil) {
        self.action = action
        self.reason = reason
    }
}

/// The body of an objection during public notice.
public struct NewObjection: Sendable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}
