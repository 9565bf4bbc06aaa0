import Foundation
import GRDB
import Kernel
import Store

/// What the API does alike for patents, achievements and needs.
public protocol ListingCatalog: Sendable {
    associatedtype Document: Codable & Sendable
    associatedtype Input: Sendable
    associatedtype Patch: Sendable

    func create(_ input: Input, by actor: Actor) async throws -> Document
    func get(_ id: Int64, viewer: Actor?) async throws -> Document
    func update(_ id: Int64, _ patch: Patch, by actor: Actor) async throws -> Document
    func moderate(_ id: Int64, hide reason: String?, by actor: Actor) async throws -> Document
    /// An organisation's listings: all of them for those who supervise it, the visible ones for others.
    func owned(by organization: Int64, page: PageRequest, viewer: Actor?) async throws -> Page<Document>
}

extension ListingOperations {
    func owned(by organization: Int64, page: PageRequest, viewer: Actor?) async throws -> Page<Document> {
        let rows = try await database.read { db -> [Document] in
            try ListingStore.documents(
                db, Document.self,
                sql: "SELECT document FROM listings WHERE kind = ? AND owner_org_id = ? AND id > ? ORDER BY id LIMIT ?",
                arguments: [Document.kind.rawValue, organization, page.after ?? 0, page.limit * 4 + 1]
            )
        }
        // Filter to what the viewer may read, then page (bounded over-fetch keeps this one query).
        let visible = rows.filter { ListingAccess.canRead(viewer, $0) }
        return page.page(Array(visible.prefix(page.limit + 1)), id: \.id)
    }
}

extension PatentService: ListingCatalog {
    public func owned(by organization: Int64, page: PageRequest, viewer: Actor?) async throws -> Page<Patent> {
        try await operations.owned(by: organization, page: page, viewer: viewer)
    }
}

extension AchievementService: ListingCatalog {
    public func owned(by organization: Int64, page: PageRequest, viewer: Actor?) async throws -> Page<Achievement> {
        try await operations.owned(by: organization, page: page, viewer: viewer)
    }
}

extension NeedService: ListingCatalog {
    public func owned(by organization: Int64, page: PageRequest, viewer: Actor?) async throws -> Page<Need> {
        let now = database.clock.now()
        var result = try await operations.owned(by: organization, page: page, viewer: viewer)
        result.items = result.items.map { $0.effective(at: now) }
        return result
    }
}
