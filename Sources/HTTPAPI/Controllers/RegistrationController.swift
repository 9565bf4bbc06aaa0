import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Kernel
import NIOCore
import Platform

/// Self-registration with verification (issue 18): anyone registers an organisation, its
/// administrator uploads the licence and answers a rejection, the city verifies.
struct RegistrationController {
    let services: AppServices
    let body: RequestBody

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("registrations", use: create)
        group.get("registrations", use: queue)
        group.get("registrations/:id", use: get)
        group.put("registrations/:id/document", use: upload)
        group.get("registrations/:id/document", use: download)
        group.post("registrations/:id/resubmission", use: resubmit)
        group.post("registrations/:id/decision", use: decide)
    }

    func organizationID(_ context: AppRequestContext) throws -> Int64 {
        try context.id(resource: "registration", zh: "机构注册")
    }

    /// No sign-in and no `Idempotency-Key`: a repeat is refused by its credit code.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await body.decode(Components.Schemas.NewRegistration.self, from: request)
        let registration = try await services.registrations.register(
            NewRegistration(input), requestID: context.requestID)
        return try JSON.response(
            Components.Schemas.Registration(registration), status: .created,
            headers: [.location: "/v1/registrations/\(registration.organizationId)"])
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        let actor = try context.requirePrincipal().actor(requestID: context.requestID)
        let page = try await services.registrations.queue(
            status: try query.choice("status", as: Registration.Status.self), by: actor, page: try query.page())
        return try JSON.response(PageBody(Components.Schemas.RegistrationPage(page)))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try organizationID(context)
        let actor = try context.requirePrincipal().actor(requestID: context.requestID)
        return try JSON.response(Components.Schemas.Registration(try await services.registrations.get(id, by: actor)))
    }

    /// The body is the file itself; its type is told by its bytes, whatever Content-Type says.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try organizationID(context)
        let principal = try context.requirePrincipal()
        let limit = services.registrations.documents.maxBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw services.registrations.documents.tooLarge
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw services.registrations.documents.tooLarge
        }
        let actor = principal.actor(
            requestID: context.requestID, idempotency: try IdempotencyHeader.claim(request, body: buffer))
        let registration = try await services.registrations.upload(
            id, data: Data(buffer.readableBytesView), by: actor)
        return try JSON.response(Components.Schemas.Registration(registration))
    }

    /// Served as an attachment with its sniffed type and `nosniff` (the security headers add it
    /// to every answer), never rendered as the site's own page.
    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try organizationID(context)
        let actor = try context.requirePrincipal().actor(requestID: context.requestID)
        let (document, data) = try await services.registrations.document(id, by: actor)
        var headers = HTTPFields()
        headers[.contentType] = document.type.mediaType
        headers[.contentDisposition] = "attachment; filename=\"registration-\(id).\(document.type.rawValue)\""
        headers[.cacheControl] = "private, no-store"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    @Sendable func resubmit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try organizationID(context)
        let (input, actor) = try await body.decodeWrite(
            Components.Schemas.RegistrationCorrection.self, from: request, context: context)
        let registration = try await services.registrations.resubmit(id, RegistrationCorrection(input), by: actor)
        return try JSON.response(Components.Schemas.Registration(registration))
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try organizationID(context)
        let (input, actor) = try await body.decodeWrite(
            Components.Schemas.RegistrationDecision.self, from: request, context: context)
        let registration = try await services.registrations.decide(id, RegistrationDecision(input), by: actor)
        return try JSON.response(Components.Schemas.Registration(registration))
    }
}
