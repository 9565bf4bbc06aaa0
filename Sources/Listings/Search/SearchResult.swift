import Foundation
import Kernel

/// One page of search results with facet counts over every match.
public struct SearchResult: Sendable {
    public struct Hit: Sendable {
        public var kind: ListingKind
        public var id: Int64
        public var title: String
        public var city: CityCode
        public var ownerOrganizationId: Int64
        public var status: String
        public var fields: [Field]
        public var trl: Int?
        public var price: PriceRange?
        public var deadline: Date?
        /// BM25 relevance (higher is better); nil when no text was searched.
        public var score: Double?
        /// The title and an excerpt with the matched stretches marked.
        public var highlights: Highlights?
    }

    public struct Highlights: Sendable {
        public var title: Highlighted
        public var snippet: Highlighted?

        public init(title: Highlighted, snippet: Highlighted?) {
            self.title = title
            self.snippet = snippet
        }
    }

    /// Text with the character ranges (offset, length in Characters) that matched.
    public struct Highlighted: Sendable, Equatable {
        public var text: String
        public var ranges: [[Int]]
    }

    public struct Facets: Sendable {
        public var kind: [String: Int]
        public var field: [String: Int]
        public var city: [String: Int]
    }

    public var items: [Hit]
    public var total: Int
    public var facets: Facets
    public var nextCursor: String?
}
