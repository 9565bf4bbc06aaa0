import Foundation
import Kernel
import Listings

/// What is being matched: a need, a piece of supply, or free text, reduced to its text and
/// the structured facts the signals compare.
public struct MatchProbe: Sendable {
    public var title: String
    public var keywords: [String]
    public var body: [String]
    public var fields: [Field]
    public var ipcCodes: [String]
    public var trl: Int?
    /// Budget (need, free text) or asking price (supply).
    public var price: PriceRange?
    /// Cooperation modes wanted (need) or offered (supply), `CooperationMode` raw values.
    public var modes: [String]
    public var city: CityCode?
    public var ownerOrganizationId: Int64?
    /// The listing this probe is, when it is one (for feedback and to leave it out).
    public var listingId: Int64?

    public init(
        title: String, keywords: [String] = [], body: [String] = [], fields: [Field] = [], ipcCodes: [String] = [],
        trl: Int? = nil, price: PriceRange? = nil, modes: [String] = [], city: CityCode? = nil,
        ownerOrganizationId: Int64? = nil, listingId: Int64? = nil
    ) {
        self.title = title
        self.keywords = keywords
        self.body = body
        self.fields = fields
        self.ipcCodes = ipcCodes
        self.trl = trl
        self.price = price
        self.modes = modes
        self.city = city
        self.ownerOrganizationId = ownerOrganizationId
        self.listingId = listingId
    }

    init(_ listing: IndexedListing) {
        self.init(
            title: listing.title, keywords: listing.keywords, body: listing.body, fields: listing.fields,
            ipcCodes: listing.ipcCodes, trl: listing.trl, price: listing.price, modes: listing.modes,
            city: listing.city,
            ownerOrganizationId: listing.ownerOrganizationId, listingId: listing.id
        )
    }
}
