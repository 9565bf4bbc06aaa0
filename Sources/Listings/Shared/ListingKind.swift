/// The four kinds of listing the marketplace trades in; all live in one `listings` table so
/// that one search covers them and ids never clash.
public enum ListingKind: String, Codable, CaseIterable, Sendable {
    case patent
    case achievement
    case need
    case challenge

    var zh: String {
        switch self {
        case .patent: "专利"
        case .achievement: "科技成果"
        case .need: "技术需求"
        case .challenge: "揭榜挂帅榜单"
        }
    }
}

/// Who may see a listing besides its owner and the administrators.
public enum Visibility: String, Codable, CaseIterable, Sendable {
    /// Everyone, signed in or not.
    case `public`
    /// Signed-in users of corridor organisations only.
    case corridor
}

/// Status of patents and achievements.
public enum SupplyStatus: String, Codable, CaseIterable, Sendable {
    case draft
    case listed
    case underNegotiation = "under_negotiation"
    case transferred
    case withdrawn

    var isSearchable: Bool { self == .listed || self == .underNegotiation }
}

/// A platform administrator's moderation: the listing is hidden from everyone but its owner
/// and the administrators, with the reason shown to the owner.
public struct Moderation: Codable, Sendable, Equatable {
    public var reason: String
    public var at: Date
    public var byUser: Int64?
}

import Foundation
