import Kernel
import Listings

// Search results (Listings' own types) as the document describes them.

extension Components.Schemas.SearchResult {
    init(_ domain: SearchResult) {
        self.init(
            facets: FacetsPayload(
                city: .init(additionalProperties: domain.facets.city.mapValues(Int64.init)),
                field: .init(additionalProperties: domain.facets.field.mapValues(Int64.init)),
                kind: .init(additionalProperties: domain.facets.kind.mapValues(Int64.init))),
            items: domain.items.map(ItemsPayloadPayload.init), nextCursor: domain.nextCursor,
            total: Int64(domain.total))
    }
}

extension Components.Schemas.SearchResult.ItemsPayloadPayload {
    init(_ domain: SearchResult.Hit) {
        self.init(
            city: .init(domain.city), deadline: domain.deadline,
            fields: domain.fields.map(Components.Schemas.FieldCode.init),
            highlights: domain.highlights.map(Components.Schemas.Highlights.init), id: domain.id,
            kind: KindPayload(domain.kind), ownerOrganizationId: domain.ownerOrganizationId,
            price: domain.price.map(Components.Schemas.PriceRange.init), score: domain.score, status: domain.status,
            title: domain.title, trl: domain.trl.map(Int64.init))
    }
}

extension Components.Schemas.SearchResult.ItemsPayloadPayload.KindPayload {
    init(_ domain: ListingKind) {
        switch domain {
        case .patent: self = .patent
        case .achievement: self = .achievement
        case .need: self = .need
        case .challenge: self = .challenge
        }
    }
}

extension Components.Schemas.Highlights {
    init(_ domain: SearchResult.Highlights) {
        self.init(
            snippet: domain.snippet.map(Components.Schemas.Highlighted.init),
            title: Components.Schemas.Highlighted(domain.title))
    }
}

extension Components.Schemas.Highlighted {
    init(_ domain: SearchResult.Highlighted) {
        self.init(ranges: domain.ranges.map { $0.map(Int64.init) }, text: domain.text)
    }
}
