import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Kernel
import Listings
import NIOCore
import Notifications
import Platform
import Store

/// Saved searches (issue 17): the signed-in user's own, and each one's private Atom feed.
struct SavedSearchController {
    let services: AppServices
    let body: RequestBody

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("saved-searches", use: list)
        group.post("saved-searches", use: create)
        group.delete("saved-searches/:id", use: delete)
        group.post("saved-searches/:id/feed", use: feed)
        group.get("feeds/saved/:token", use: atom)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.requirePrincipal().actor(requestID: context.requestID)
        let items = try await services.savedSearches.list(viewer: viewer)
        return try JSON.response(
            Components.Schemas.SavedSearchList(items: items.map(Components.Schemas.SavedSearch.init)))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewSavedSearch.self, from: request, context: context)
        let saved = try await services.savedSearches.create(NewSavedSearch(wire), by: actor)
        return try JSON.response(Components.Schemas.SavedSearchWithFeed(saved), status: .created)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "saved_search", zh: "保存的检索")
        let actor = try context.requirePrincipal().actor(requestID: context.requestID)
        return try JSON.response(Components.Schemas.SavedSearch(try await services.savedSearches.delete(id, by: actor)))
    }

    @Sendable func feed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "saved_search", zh: "保存的检索")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.SavedSearchFeedChange.self, from: request, context: context)
        let saved = try await services.savedSearches.renewFeed(id, revoke: wire.revoke ?? false, by: actor)
        return try JSON.response(Components.Schemas.SavedSearchWithFeed(saved))
    }

    /// The feed; a token that matches nothing is answered like a missing search.
    @Sendable func atom(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let (name, hits) = try await services.savedSearches.feed(token: token)
        return try await ListingFeed.response(
            hits, services: services, selfURL: "urn:corridor:saved-search", title: name, private: true)
    }
}
