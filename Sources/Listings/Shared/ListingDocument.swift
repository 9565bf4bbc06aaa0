import Foundation
import Kernel

/// The columns a listing's rules, uniqueness and filters need, derived from its document.
struct ListingColumns {
    var status: String
    var visibility: Visibility
    var searchable: Bool
    var trl: Int?
    var priceMin: Int64?
    var priceMax: Int64?
    var fields: [Field]
    var deadline: Date?
    var year: Int?
    var externalKey: String?
}

/// The raw text a listing is found by, weighted title > keywords > body.
struct SearchText {
    var title: String
    var keywords: [String]
    var body: [String]
}

/// One kind of listing as stored: the whole typed value is the document; the columns and the
/// search text are derived from it on every write, so they cannot drift.
protocol ListingDocument: Codable, Sendable {
    static var kind: ListingKind { get }
    var id: Int64 { get set }
    var ownerOrganizationId: Int64 { get }
    var city: CityCode { get }
    var title: String { get }
    var createdAt: Date { get set }
    var updatedAt: Date { get set }
    var version: Int64 { get set }
    var moderation: Moderation? { get set }
    var columns: ListingColumns { get }
    var searchText: SearchText { get }
}

extension ListingDocument {
    var accessTarget: Identity.AccessTarget {
        Identity.AccessTarget(organizationID: ownerOrganizationId, city: city)
    }

    /// Searchable and not hidden by a moderator.
    var isPubliclyVisible: Bool { columns.searchable && moderation == nil }
}

import Identity
