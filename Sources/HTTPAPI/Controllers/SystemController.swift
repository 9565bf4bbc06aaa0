import Hummingbird
import Identity
import Kernel
import NIOCore
import Platform
import Store
import CorridorCrypto

/// Health, readiness, reference data and the OpenAPI document.
struct SystemController {
    let services: AppServices
    let document: ByteBuffer

    func register(on router: Router<AppRequestContext>, v1: RouterGroup<AppRequestContext>) {
        router.get("healthz", use: health)
        router.get("readyz", use: ready)
        router.get("openapi.json", use: openAPI)
        v1.get("cities", use: cities)
        v1.get("fields", use: fields)
        v1.get("parks", use: parks)
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSON.response(Components.Schemas.Status(status: "ok"))
    }

    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> Response {
        let writable = await services.database.isWritable()
        return try JSON.response(
            Components.Schemas.Status(status: writable ? "ready" : "database unwritable"),
            status: writable ? .ok : .serviceUnavailable
        )
    }

    @Sendable func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: document))
    }

    @Sendable func cities(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSON.response(Components.Schemas.CityList(try await services.reference.cities()))
    }

    @Sendable func fields(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSON.response(Components.Schemas.FieldList(try await services.reference.fields()))
    }

    @Sendable func parks(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSON.response(Components.Schemas.ParkList(try await services.reference.parks()))
    }
}
