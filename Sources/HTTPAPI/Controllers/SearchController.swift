import Hummingbird
import Kernel
import Listings
import Platform

/// `GET /v1/search`: one query across patents, achievements, needs and challenges.
struct SearchController {
    let search: SearchService

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("search", use: run)
    }

    @Sendable func run(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        let query = Query(request)
        var search = SearchQuery()
        search.text = try query.string("q", max: 200)
        search.kinds = try parameters.getAll("kind").map { try Self.choice($0, field: "kind", as: ListingKind.self) }
        search.fields = try parameters.getAll("field").map { try Self.choice($0, field: "field", as: Field.self) }
        search.city = try query.choice("city", as: CityCode.self)
        search.trlMin = try query.int("trlMin")
        search.trlMax = try query.int("trlMax")
        search.priceMin = try query.int64("priceMin")
        search.priceMax = try query.int64("priceMax")
        search.status = try query.string("status", max: 40)
        search.ownerOrganizationId = try query.int64("owner")
        search.year = try query.int("year")
        search.limit = try query.int("limit") ?? Limits.pageSizeDefault
        if let cursor = try query.string("cursor", max: 64) { search.offset = try SearchCursor.decode(cursor) }
        return try JSON.response(
            Components.Schemas.SearchResult(try await self.search.search(search, viewer: context.viewer)))
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ text: String, field: String, as type: T.Type) throws -> T
    where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError.invalid(
                "invalid_value", field: field, zh: "\(field) 只能是 \(allowed)", en: "\(field) must be one of \(allowed)")
        }
        return value
    }
}
