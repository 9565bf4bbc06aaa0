import Foundation
import Kernel
import Listings
import Store

/// A saved search (issue 17): a signed-in user's query, told of new listings that match it and
/// readable as a private Atom feed whose secret token is in its URL.
public struct SavedSearch: Codable, Sendable, Equatable {
    /// What is searched: the search route's text and filters.
    public struct Query: Codable, Sendable, Equatable {
        public var text: String?
        public var kinds: [ListingKind]
        public var fields: [Field]
        public var city: CityCode?

        public init(text: String? = nil, kinds: [ListingKind] = [], fields: [Field] = [], city: CityCode? = nil) {
            self.text = text
            self.kinds = kinds
            self.fields = fields
            self.city = city
        }

        var search: SearchQuery {
            var query = SearchQuery()
            query.text = text
            query.kinds = kinds
            query.fields = fields
            query.city = city
            return query
        }
    }

    public var id: Int64
    public var name: String
    public var query: Query
    /// Whether a private feed is on (its token is never shown again after it is made).
    public var hasFeed: Bool
    public var matches: Int
    public var lastMatchedAt: Date?
    public var createdAt: Date
}

/// A saved search with its feed's token, as answered once on creation or a new token.
public struct SavedSearchWithFeed: Codable, Sendable, Equatable, SecretBearing {
    public var search: SavedSearch
    /// The feed's path with its token, or nil once it was shown (a replayed answer).
    public var feedPath: String?

    public func withoutSecret() -> SavedSearchWithFeed {
        SavedSearchWithFeed(search: search, feedPath: nil)
    }
}

public struct NewSavedSearch: Sendable {
    public var name: String
    public var query: SavedSearch.Query
    /// Whether to make a private feed now.
    public var feed: Bool

    public init(name: String, query: SavedSearch.Query, feed: Bool = true) {
        self.name = name
        self.query = query
        self.feed = feed
    }
}
