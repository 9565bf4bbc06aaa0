import Foundation
import Kernel

/// How a piece of supply or a need may be taken up.
public enum CooperationMode: String, Codable, CaseIterable, Sendable {
    case transfer
    case licence
    case equity
    /// 合作开发
    case jointDevelopment = "joint_development"
    /// 委托开发
    case commissionedDevelopment = "commissioned_development"
    case consulting
}

/// A scientific or technological achievement (科技成果): a process, prototype, software or
/// know-how, with its technology readiness level.
public struct Achievement: ListingDocument, Equatable {
    public struct TeamMember: Codable, Sendable, Equatable {
        public var name: String
        public var title: String?
        public var role: String?

        public init(name: String, title: String? = nil, role: String? = nil) {
            self.name = name
            self.title = title
            self.role = role
        }
    }

    static let kind = ListingKind.achievement

    public var id: Int64
    public var ownerOrganizationId: Int64
    public var city: CityCode
    public var title: String
    public var summary: String
    public var trl: Int
    public var fields: [Field]
    public var keywords: [String]
    public var cooperationModes: [CooperationMode]
    public var price: PriceRange
    public var patentIds: [Int64]
    public var teamMembers: [TeamMember]
    public var externalRef: String?
    public var status: SupplyStatus
    public var moderation: Moderation?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int64

    var columns: ListingColumns {
        ListingColumns(
            status: status.rawValue, visibility: .public, searchable: status.isSearchable, trl: trl,
            priceMin: price.minFen, priceMax: price.maxFen, fields: fields, deadline: nil, year: nil,
            externalKey: externalRef
        )
    }

    var searchText: SearchText {
        SearchText(title: title, keywords: keywords, body: [summary, teamMembers.map(\.name).joined(separator: " ")])
    }
}

/// An achievement to list (`POST /v1/achievements`).
public struct NewAchievement: Sendable {
    public var title: String
    public var summary: String
    public var trl: Int
    public var fields: [Field]
    public var keywords: [String]?
    public var cooperationModes: [CooperationMode]
    public var price: PriceRange
    public var patentIds: [Int64]?
    public var teamMembers: [Achievement.TeamMember]?
    public var externalRef: String?
    public var status: SupplyStatus?
    public var ownerOrganizationId: Int64?
}

/// An amendment (`PATCH /v1/achievements/{id}`): absent fields stay as they are.
public struct AchievementPatch: Sendable {
    /// The version the change was made from; another version stored meanwhile refuses it.
    public var expectedVersion: Int64? = nil
    public var title: String?
    public var summary: String?
    public var trl: Int?
    public var fields: [Field]?
    public var keywords: [String]?
    public var cooperationModes: [CooperationMode]?
    public var price: PriceRange?
    public var patentIds: [Int64]?
    public var teamMembers: [Achievement.TeamMember]?
    public var status: SupplyStatus?

    public init(
        title: String? = nil, summary: String? = nil, trl: Int? = nil, fields: [Field]? = nil,
        keywords: [String]? = nil, cooperationModes: [CooperationMode]? = nil, price: PriceRange? = nil,
        patentIds: [Int64]? = nil, teamMembers: [Achievement.TeamMember]? = nil, status: SupplyStatus? = nil
    ) {
        self.title = title
        self.summary = summary
        self.trl = trl
        self.fields = fields
        self.keywords = keywords
        self.cooperationModes = cooperationModes
        self.price = price
        self.patentIds = patentIds
        self.teamMembers = teamMembers
        self.status = status
    }
}
