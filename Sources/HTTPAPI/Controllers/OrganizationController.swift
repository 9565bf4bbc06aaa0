import Hummingbird
import Identity
import Kernel
import Platform

/// `/v1/organizations` and the users of an organisation.
struct OrganizationController {
    let services: AppServices
    let body: RequestBody

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("organizations", use: create)
        group.get("organizations", use: list)
        group.get("organizations/:id", use: get)
        group.patch("organizations/:id", use: update)
        group.post("organizations/:id/users", use: createUser)
        group.get("organizations/:id/users", use: listUsers)
        group.post("organizations/:id/relations", use: declareRelation)
        group.get("organizations/:id/relations", use: listRelations)
        group.delete("organizations/:id/relations/:relationId", use: withdrawRelation)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (input, actor) = try await body.decodeWrite(
            Components.Schemas.NewOrganization.self, from: request, context: context)
        let organization = try await services.organizations.create(NewOrganization(input), by: actor)
        return try JSON.response(
            Components.Schemas.Organization(organization), status: .created,
            headers: [.location: "/v1/organizations/\(organization.id)"])
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = Query(request)
        let page = try await services.organizations.list(
            kind: try query.choice("kind", as: OrganizationKind.self),
            city: try query.choice("city", as: CityCode.self),
            page: try query.page(),
            by: principal.actor(requestID: context.requestID)
        )
        return try JSON.response(PageBody(page: Components.Schemas.OrganizationPage(page), nextCursor: page.nextCursor))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "organization", zh: "机构")
        let organization = try await services.organizations.get(id, by: principal.actor(requestID: context.requestID))
        return try JSON.response(Components.Schemas.Organization(organization))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "organization", zh: "机构")
        let (patch, nulls) = try await body.decodePatch(Components.Schemas.OrganizationPatch.self, from: request)
        let organization = try await services.organizations.update(
            id, OrganizationPatch(patch, nulls: nulls), by: principal.actor(requestID: context.requestID))
        return try JSON.response(Components.Schemas.Organization(organization))
    }

    @Sendable func createUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "organization", zh: "机构")
        let (input, actor) = try await body.decodeWrite(
            Components.Schemas.NewUser.self, from: request, context: context)
        let created = try await services.users.create(in: id, NewUser(input), by: actor)
        return try JSON.response(Components.Schemas.CreatedUser(created), status: .created)
    }

    @Sendable func listUsers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "organization", zh: "机构")
        let page = try await services.users.list(
            in: id, page: try Query(request).page(), by: principal.actor(requestID: context.requestID))
        return try JSON.response(PageBody(page: Components.Schemas.UserPage(page), nextCursor: page.nextCursor))
    }

    @Sendable func declareRelation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "organization", zh: "机构")
        let (input, actor) = try await body.decodeWrite(
            Components.Schemas.NewOrganizationRelation.self, from: request, context: context)
        let relation = try await services.relations.declare(id, NewOrganizationRelation(input), by: actor)
        return try JSON.response(Components.Schemas.OrganizationRelation(relation), status: .created)
    }

    @Sendable func listRelations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "organization", zh: "机构")
        let relations = try await services.relations.list(id, by: principal.actor(requestID: context.requestID))
        return try JSON.response(Components.Schemas.OrganizationRelationList(relations))
    }

    @Sendable func withdrawRelation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "organization", zh: "机构")
        let relation = try context.id("relationId", resource: "relation", zh: "关联声明")
        _ = try await services.relations.withdraw(
            id, relation: relation, by: principal.actor(requestID: context.requestID))
        return Response(status: .noContent)
    }
}
