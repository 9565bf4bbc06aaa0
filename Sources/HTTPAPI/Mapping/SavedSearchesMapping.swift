import Kernel
import Listings
import Notifications

// Between the saved-search routes' wire types (generated from openapi.yaml) and Notifications'
// own. Enums by exhaustive switches.

extension NewSavedSearch {
    init(_ wire: Components.Schemas.NewSavedSearch) {
        self.init(name: wire.name, query: SavedSearch.Query(wire.query), feed: wire.feed ?? true)
    }
}

extension SavedSearch.Query {
    init(_ wire: Components.Schemas.SavedSearchQuery) {
        self.init(
            text: wire.text, kinds: wire.kinds?.map(ListingKind.init) ?? [],
            fields: wire.fields?.map { Field($0) } ?? [],
            city: wire.city.map(CityCode.init))
    }
}

extension ListingKind {
    init(_ wire: Components.Schemas.SavedSearchQuery.KindsPayloadPayload) {
        self =
            switch wire {
            case .patent: .patent
            case .achievement: .achievement
            case .need: .need
            case .challenge: .challenge
            }
    }
}

extension Components.Schemas.SavedSearchQuery.KindsPayloadPayload {
    init(_ domain: ListingKind) {
        self =
            switch domain {
            case .patent: .patent
            case .achievement: .achievement
            case .need: .need
            case .challenge: .challenge
            }
    }
}

extension Components.Schemas.SavedSearchQuery {
    init(_ domain: SavedSearch.Query) {
        self.init(
            city: domain.city.map(Components.Schemas.CityCode.init),
            fields: domain.fields.isEmpty ? nil : domain.fields.map(Components.Schemas.FieldCode.init),
            kinds: domain.kinds.isEmpty
                ? nil : domain.kinds.map(Components.Schemas.SavedSearchQuery.KindsPayloadPayload.init),
            text: domain.text)
    }
}

extension Components.Schemas.SavedSearch {
    init(_ domain: SavedSearch) {
        self.init(
            createdAt: domain.createdAt, hasFeed: domain.hasFeed, id: domain.id, lastMatchedAt: domain.lastMatchedAt,
            matches: Int64(domain.matches), name: domain.name, query: Components.Schemas.SavedSearchQuery(domain.query))
    }
}

extension Components.Schemas.SavedSearchWithFeed {
    init(_ domain: SavedSearchWithFeed) {
        self.init(feedPath: domain.feedPath, search: Components.Schemas.SavedSearch(domain.search))
    }
}
