import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import Listings
import NIOCore
import Platform
import Store

/// Open data (数据开放共享, issue 17): the newest daily snapshot of the public listings and its
/// files at stable URLs, and a public Atom feed of new listings per city, field or kind.
struct OpenDataController {
    let services: AppServices
    let store: OpenDataStore

    static let notReady = DomainError(
        .notFound, code: "open_data_not_ready", zh: "开放数据快照尚未生成", en: "No open-data snapshot has been made yet")

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("open-data", use: index)
        group.get("open-data/:file", use: file)
        group.get("feeds/listings.atom", use: feed)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let published = try store.latest() else { throw Self.notReady }
        return try JSON.response(
            Components.Schemas.OpenDataIndex(
                columns: OpenDataSnapshot.columns.map { .init(en: $0.en, name: $0.name, zh: $0.zh) },
                date: published.date,
                files: published.files.map {
                    .init(bytes: Int64($0.bytes), name: $0.name, sha256: $0.sha256, url: "/v1/open-data/\($0.name)")
                },
                generatedAt: published.generatedAt, records: Int64(published.records)))
    }

    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = context.parameters.get("file") ?? ""
        guard OpenDataStore.files.contains(name) else {
            throw DomainError.invalid(
                "invalid_value", field: "file", zh: "没有这个开放数据文件", en: "No such open-data file")
        }
        guard let data = try store.file(name) else { throw Self.notReady }
        var headers = HTTPFields()
        headers[.contentType] = "application/gzip"
        headers[.contentDisposition] = "attachment; filename=\"corridor-\(name)\""
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The newest 50 public listings, as an anonymous search without text answers them.
    @Sendable func feed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        var search = SearchQuery()
        search.city = try query.choice("city", as: CityCode.self)
        search.fields = try query.choice("field", as: Field.self).map { [$0] } ?? []
        search.kinds = try query.choice("kind", as: ListingKind.self).map { [$0] } ?? []
        search.limit = 50
        let hits = try await services.search.search(search, viewer: nil).items
        return try await ListingFeed.response(
            hits, services: services, selfURL: "/v1/feeds/listings.atom" + (request.uri.query.map { "?\($0)" } ?? ""),
            title: "光谷科技创新大走廊 新发布 New listings")
    }
}
