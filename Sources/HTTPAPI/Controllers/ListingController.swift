import Hummingbird
import Identity
import Kernel
import Listings
import Platform

/// A listing resource with its wire types (generated from openapi.yaml): the bodies, mapped to
/// the domain's inputs, and the document answered, mapped from the domain's.
protocol ListingWireCatalog: ListingCatalog {
    associatedtype WireInput: Decodable
    associatedtype WirePatch: Decodable
    associatedtype WireDocument: WireBody
    associatedtype WirePage: WireBody
    static func input(_ wire: WireInput) -> Input
    static func patch(_ wire: WirePatch) -> Patch
    static func wire(_ document: Document) -> WireDocument
    static func page(_ items: [WireDocument], nextCursor: String?) -> WirePage
}

extension PatentService: ListingWireCatalog {
    static func input(_ wire: Components.Schemas.NewPatent) -> NewPatent { NewPatent(wire) }
    static func patch(_ wire: Components.Schemas.PatentPatch) -> PatentPatch { PatentPatch(wire) }
    static func wire(_ document: Patent) -> Components.Schemas.Patent { Components.Schemas.Patent(document) }
    static func page(_ items: [Components.Schemas.Patent], nextCursor: String?) -> Components.Schemas.PatentPage {
        Components.Schemas.PatentPage(items: items, nextCursor: nextCursor)
    }
}

extension AchievementService: ListingWireCatalog {
    static func input(_ wire: Components.Schemas.NewAchievement) -> NewAchievement { NewAchievement(wire) }
    static func patch(_ wire: Components.Schemas.AchievementPatch) -> AchievementPatch { AchievementPatch(wire) }
    static func wire(_ document: Achievement) -> Components.Schemas.Achievement {
        Components.Schemas.Achievement(document)
    }
    static func page(
        _ items: [Components.Schemas.Achievement], nextCursor: String?
    ) -> Components.Schemas.AchievementPage {
        Components.Schemas.AchievementPage(items: items, nextCursor: nextCursor)
    }
}

extension NeedService: ListingWireCatalog {
    static func input(_ wire: Components.Schemas.NewNeed) -> NewNeed { NewNeed(wire) }
    static func patch(_ wire: Components.Schemas.NeedPatch) -> NeedPatch { NeedPatch(wire) }
    static func wire(_ document: Need) -> Components.Schemas.Need { Components.Schemas.Need(document) }
    static func page(_ items: [Components.Schemas.Need], nextCursor: String?) -> Components.Schemas.NeedPage {
        Components.Schemas.NeedPage(items: items, nextCursor: nextCursor)
    }
}

/// `/v1/patents`, `/v1/achievements`, `/v1/needs`: create, read, amend, moderate, list by owner.
struct ListingController<Catalog: ListingWireCatalog> {
    let path: String
    let resource: String
    let zh: String
    let catalog: Catalog
    let body: RequestBody

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post(RouterPath(path), use: create)
        group.get(RouterPath(path), use: list)
        group.get(RouterPath("\(path)/:id"), use: get)
        group.patch(RouterPath("\(path)/:id"), use: update)
        group.post(RouterPath("\(path)/:id/moderation"), use: moderate)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(Catalog.WireInput.self, from: request, context: context)
        let input = Catalog.input(wire)
        let document = try await catalog.create(input, by: actor)
        return try JSON.response(Catalog.wire(document), status: .created)
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: resource, zh: zh)
        return try JSON.response(Catalog.wire(try await catalog.get(id, viewer: context.viewer)))
    }

    /// `?owner=ID` lists an organisation's listings (all of them for those who supervise it);
    /// without it, the caller's own organisation.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        guard let owner = try query.int64("owner") ?? context.principal?.organizationID else {
            throw DomainError.invalid(
                "required", field: "owner", zh: "请指明机构 owner", en: "owner is required when not signed in")
        }
        let page = try await catalog.owned(by: owner, page: try query.page(), viewer: context.viewer)
        let wire = Catalog.page(page.items.map { Catalog.wire($0) }, nextCursor: page.nextCursor)
        return try JSON.response(PageBody(page: wire, nextCursor: page.nextCursor))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: resource, zh: zh)
        let patch = Catalog.patch(try await body.decode(Catalog.WirePatch.self, from: request))
        let actor = try principal.actor(requestID: context.requestID).acting(context.actingFor)
        let document = try await catalog.update(id, patch, by: actor)
        return try JSON.response(Catalog.wire(document))
    }

    @Sendable func moderate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: resource, zh: zh)
        let input = try await body.decode(Components.Schemas.Moderation.self, from: request)
        if input.hidden && input.reason == nil {
            throw DomainError.invalid("reason_required", field: "reason", zh: "隐藏须说明理由", en: "Hiding needs a reason")
        }
        let document = try await catalog.moderate(
            id, hide: input.hidden ? input.reason : nil, by: principal.actor(requestID: context.requestID)
        )
        return try JSON.response(Catalog.wire(document))
    }
}

extension AppRequestContext {
    /// The signed-in caller as an actor, or nil for anonymous reads.
    var viewer: Actor? { principal?.actor(requestID: requestID) }
}
