import Hummingbird
import Identity
import Kernel
import Platform

/// Certified attributes: an enterprise asks, its city verifies or rejects.
struct CertificationController {
    let services: AppServices
    let body: RequestBody

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("organizations/:id/certifications", use: request)
        group.get("organizations/:id/certifications", use: list)
        group.get("certifications", use: queue)
        group.post("certifications/:id/decision", use: decide)
    }

    @Sendable func request(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "organization", zh: "机构")
        let (input, actor) = try await body.decodeWrite(
            Components.Schemas.NewCertification.self, from: request, context: context)
        let certification = try await services.certifications.request(id, NewCertification(input), by: actor)
        return try JSON.response(Components.Schemas.Certification(certification), status: .created)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "organization", zh: "机构")
        let actor = try context.requirePrincipal().actor(requestID: context.requestID)
        return try JSON.response(
            Components.Schemas.CertificationList(try await services.certifications.list(id, by: actor)))
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        let actor = try context.requirePrincipal().actor(requestID: context.requestID)
        let page = try await services.certifications.queue(
            status: try query.choice("status", as: Certification.Status.self), by: actor, page: try query.page())
        return try JSON.response(PageBody(Components.Schemas.CertificationPage(page)))
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "certification", zh: "资质认定申请")
        let (input, actor) = try await body.decodeWrite(
            Components.Schemas.CertificationDecision.self, from: request, context: context)
        let certification = try await services.certifications.decide(id, CertificationDecision(input), by: actor)
        return try JSON.response(Components.Schemas.Certification(certification))
    }
}
