import Hummingbird
import Identity
import Kernel
import NIOCore
import Store
import CorridorCrypto

/// Health, readiness, reference data, the OpenAPI document and the audit entries.
struct SystemController {
    let services: APIServices
    let document: ByteBuffer

    struct Status: Codable {
        var status: String
    }

    struct AuditPage: Codable {
        var items: [AuditEntryView]
        var next: Int64?
    }

    struct AuditEntryView: Codable {
        var seq: Int64
        var time: String
        var actor: JSONValue
        var action: String
        var target: JSONValue
        var requestId: String
        var change: JSONValue
        var hash: String
    }

    func register(on router: Router<AppRequestContext>, v1: RouterGroup<AppRequestContext>) {
        router.get("healthz", use: health)
        router.get("readyz", use: ready)
        router.get("openapi.json", use: openAPI)
        v1.get("cities", use: cities)
        v1.get("fields", use: fields)
        v1.get("parks", use: parks)
        v1.get("audit/entries", use: auditEntries)
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSON.response(Status(status: "ok"))
    }

    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> Response {
        let writable = await services.database.isWritable()
        return try JSON.response(
            Status(status: writable ? "ready" : "database unwritable"), status: writable ? .ok : .serviceUnavailable
        )
    }

    @Sendable func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: document))
    }

    @Sendable func cities(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSON.response(["items": try await services.reference.cities()])
    }

    @Sendable func fields(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSON.response(["items": try await services.reference.fields()])
    }

    @Sendable func parks(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSON.response(["items": try await services.reference.parks()])
    }

    /// Entries `start <= seq < end`, optionally of one target (auditors and platform
    /// administrators: entries hold personal data).
    @Sendable func auditEntries(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try Authorization.check(principal.actor(requestID: context.requestID), .auditRead, on: .platformWide)
        let query = Query(request)
        let start = try query.int64("start") ?? 1
        let end = try query.int64("end") ?? Int64.max
        let limit = try query.int("limit") ?? 100
        guard start >= 1, end > start else {
            throw DomainError.invalid("invalid_range", field: "end", zh: "end 必须大于 start", en: "end must be greater than start (start ≥ 1)")
        }
        guard (1...1_000).contains(limit) else {
            throw DomainError.invalid("limit_out_of_range", field: "limit", zh: "limit 必须在 1 到 1000 之间", en: "limit must be between 1 and 1000")
        }
        let targetType = try query.string("targetType", max: 64)
        let targetID = try query.string("targetId", max: 64)
        guard (targetType == nil) == (targetID == nil) else {
            throw DomainError.invalid(
                "required", field: targetType == nil ? "targetType" : "targetId",
                zh: "targetType 与 targetId 须同时给出", en: "targetType and targetId go together"
            )
        }
        let entries = try await services.database.read { db in
            if let targetType, let targetID {
                return try AuditLogReader.entries(
                    db, targetType: targetType, targetID: targetID, start: start, end: end, limit: limit
                )
            }
            return try AuditLogReader.entries(db, start: start, end: end, limit: limit)
        }
        let views = entries.map { entry in
            AuditEntryView(
                seq: entry.seq, time: entry.time, actor: entry.actor, action: entry.action,
                target: ["type": .string(entry.targetType), "id": .string(entry.targetID)],
                requestId: entry.requestID, change: entry.change, hash: entry.hash.hexString
            )
        }
        let next = entries.count == limit ? entries.last.map { $0.seq + 1 } : nil
        return try JSON.response(AuditPage(items: views, next: next))
    }
}
