import Foundation
import Kernel

/// An enterprise's technology need (技术需求), in its own words.
public struct Need: ListingDocument, Equatable {
    public enum Status: String, Codable, CaseIterable, Sendable {
        case open
        case inTalks = "in_talks"
        /// Taken off the market by its owner for a while (issue 18): not searched or matched.
        case paused
        case fulfilled
        case closed
        /// Not stored: an open need whose deadline has passed reads as expired.
        case expired
    }

    public enum Mode: String, Codable, CaseIterable, Sendable {
        case commissionedDevelopment = "commissioned_development"
        case jointDevelopment = "joint_development"
        case transfer
        case licence
        case consulting
    }

    static let kind = ListingKind.need

    public var id: Int64
    public var ownerOrganizationId: Int64
    public var city: CityCode
    public var title: String
    public var description: String
    public var fields: [Field]
    public var keywords: [String]
    public var budget: PriceRange
    public var deadline: Date
    public var cooperationMode: Mode
    public var visibility: Visibility
    public var externalRef: String?
    public var status: Status
    public var moderation: Moderation?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int64

    var columns: ListingColumns {
        ListingColumns(
            status: status.rawValue, visibility: visibility, searchable: status == .open || status == .inTalks,
            trl: nil, priceMin: budget.minFen, priceMax: budget.maxFen, fields: fields, deadline: deadline, year: nil,
            externalKey: externalRef
        )
    }

    var searchText: SearchText {
        SearchText(title: title, keywords: keywords, body: [description])
    }

    /// The status as of `now`: open and in-talks needs past their deadline are expired.
    func effective(at now: Date) -> Need {
        var copy = self
        if (status == .open || status == .inTalks) && deadline <= now { copy.status = .expired }
        return copy
    }
}

/// A need to publish (`POST /v1/needs`).
public struct NewNeed: Sendable {
    public var title: String
    public var description: String
    public var fields: [Field]
    public var keywords: [String]?
    public var budget: PriceRange
    public var deadline: Date
    public var cooperationMode: Need.Mode
    public var visibility: Visibility?
    public var externalRef: String?
    public var ownerOrganizationId: Int64?

    public init(
        title: String, description: String, fields: [Field], keywords: [String]? = nil, budget: PriceRange,
        deadline: Date, cooperationMode: Need.Mode, visibility: Visibility? = nil, externalRef: String? = nil,
        ownerOrganizationId: Int64? = nil
    ) {
        self.title = title
        self.description = description
        self.fields = fields
        self.keywords = keywords
        self.budget = budget
        self.deadline = deadline
        self.cooperationMode = cooperationMode
        self.visibility = visibility
        self.externalRef = externalRef
        self.ownerOrganizationId = ownerOrganizationId
    }
}

/// An amendment (`PATCH /v1/needs/{id}`): absent fields stay as they are.
public struct NeedPatch: Sendable {
    /// The version the change was made from; another version stored meanwhile refuses it.
    public var expectedVersion: Int64? = nil
    public var title: String?
    public var description: String?
    public var fields: [Field]?
    public var keywords: [String]?
    public var budget: PriceRange?
    public var deadline: Date?
    public var cooperationMode: Need.Mode?
    public var visibility: Visibility?
    public var status: Need.Status?

    public init(
        title: String? = nil, description: String? = nil, fields: [Field]? = nil, keywords: [String]? = nil,
        budget: PriceRange? = nil, deadline: Date? = nil, cooperationMode: Need.Mode? = nil,
        visibility: Visibility? = nil, status: Need.Status? = nil
    ) {
        self.title = title
        self.description = description
        self.fields = fields
        self.keywords = keywords
        self.budget = budget
        self.deadline = deadline
        self.cooperationMode = cooperationMode
        self.visibility = visibility
        self.status = status
    }
}
