import Deals
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Kernel
import NIOCore
import Platform

/// Connection requests between organisations and the threads of accepted ones (issue 16):
/// ask, answer, see contacts once accepted, exchange messages and small files.
struct ConnectionController {
    let services: AppServices
    let body: RequestBody
    /// The largest attachment accepted (the thread's attachment store says the same).
    let attachmentLimit: Int

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("connections", use: request)
        group.get("connections", use: list)
        group.get("connections/:id", use: get)
        group.post("connections/:id/answer", use: answer)
        group.get("connections/:id/contacts", use: contacts)
        group.get("connections/:id/messages", use: messages)
        group.post("connections/:id/messages", use: post)
        group.post("connections/:id/attachments", use: attach)
        group.get("connections/:id/attachments/:sha256", use: download)
    }

    func viewer(_ context: AppRequestContext) throws -> Actor {
        try context.requirePrincipal().actor(requestID: context.requestID)
    }

    func connectionID(_ context: AppRequestContext) throws -> Int64 {
        try context.id(resource: "connection", zh: "对接请求")
    }

    @Sendable func request(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewConnection.self, from: request, context: context)
        let created = try await services.connections.request(try NewConnection(wire), by: actor)
        return try JSON.response(Components.Schemas.Connection(created), status: .created)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await services.connections.list(viewer: try viewer(context), page: try Query(request).page())
        return try JSON.response(PageBody(Components.Schemas.ConnectionPage(page)))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await services.connections.get(try connectionID(context), viewer: try viewer(context))
        return try JSON.response(Components.Schemas.Connection(found))
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try connectionID(context)
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.ConnectionAnswer.self, from: request, context: context)
        let answered = try await services.connections.answer(id, ConnectionAnswer(wire), by: actor)
        return try JSON.response(Components.Schemas.Connection(answered))
    }

    @Sendable func contacts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await services.connections.contacts(for: try connectionID(context), viewer: try viewer(context))
        return try JSON.response(Components.Schemas.ConnectionContacts(found))
    }

    @Sendable func messages(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await services.threads.messages(
            try connectionID(context), viewer: try viewer(context), page: try Query(request).page())
        return try JSON.response(PageBody(Components.Schemas.ThreadMessagePage(page)))
    }

    @Sendable func post(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try connectionID(context)
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewThreadMessage.self, from: request, context: context)
        let posted = try await services.threads.post(id, NewMessage(body: wire.body), by: actor)
        return try JSON.response(Components.Schemas.ThreadMessage(posted), status: .created)
    }

    /// The body is the file itself; its name is the `name` query parameter.
    @Sendable func attach(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try connectionID(context)
        let principal = try context.requirePrincipal()
        guard let name = try Query(request).string("name", max: 200), !name.isEmpty else {
            throw DealsError.attachmentName
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > attachmentLimit {
            throw DealsError.attachmentTooLarge(limit: attachmentLimit)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: attachmentLimit)
        } catch is NIOTooManyBytesError {
            throw DealsError.attachmentTooLarge(limit: attachmentLimit)
        }
        let actor = principal.actor(
            requestID: context.requestID, idempotency: try IdempotencyHeader.claim(request, body: buffer))
        let posted = try await services.threads.post(
            id, NewMessage(attachmentName: name, attachmentData: Data(buffer.readableBytesView)), by: actor)
        return try JSON.response(Components.Schemas.ThreadMessage(posted), status: .created)
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try connectionID(context)
        let hash = context.parameters.get("sha256") ?? ""
        let file = try await services.threads.attachment(id, sha256: hash, viewer: try viewer(context))
        let encoded = file.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment"
        var headers = HTTPFields()
        headers[.contentType] = file.type.mediaType
        headers[.contentDisposition] = "attachment; filename*=UTF-8''\(encoded)"
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.data)))
    }
}
