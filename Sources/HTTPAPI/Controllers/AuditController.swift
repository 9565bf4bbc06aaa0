import AuditLog
import CorridorCrypto
import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Store

/// `/v1/audit`: entries for auditors; the signed checkpoint, proofs and public keys for anyone;
/// witnesses' cosignatures.
struct AuditController {
    let services: AppServices
    let body: RequestBody

    func register(on v1: RouterGroup<AppRequestContext>) {
        v1.get("audit/entries", use: entries)
        v1.get("audit/checkpoint", use: checkpoint)
        v1.get("audit/checkpoints", use: history)
        v1.post("audit/checkpoints", use: makeCheckpoint)
        v1.get("audit/proof/inclusion", use: inclusion)
        v1.get("audit/proof/consistency", use: consistency)
        v1.get("audit/public-key", use: publicKeys)
        v1.post("audit/cosignatures", use: cosign)
    }

    @Sendable func entries(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try Authorization.check(principal.actor(requestID: context.requestID), .auditRead, on: .platformWide)
        let query = Query(request)
        let start = try query.int64("start") ?? 1
        let end = try query.int64("end") ?? Int64.max
        let limit = try query.int("limit") ?? 100
        guard start >= 1, end > start else {
            throw DomainError.invalid(
                "invalid_range", field: "end", zh: "end 必须大于 start", en: "end must be greater than start (start ≥ 1)")
        }
        guard (1...1_000).contains(limit) else {
            throw DomainError.invalid(
                "limit_out_of_range", field: "limit", zh: "limit 必须在 1 到 1000 之间",
                en: "limit must be between 1 and 1000")
        }
        let targetType = try query.string("targetType", max: 64)
        let targetID = try query.string("targetId", max: 64)
        guard (targetType == nil) == (targetID == nil) else {
            throw DomainError.invalid(
                "required", field: targetType == nil ? "targetType" : "targetId",
                zh: "targetType 与 targetId 须同时给出", en: "targetType and targetId go together"
            )
        }
        let proofs = services.proofs
        let (entries, leaves) = try await services.database.read { db in
            let entries =
                if let targetType, let targetID {
                    try AuditLogReader.entries(
                        db, targetType: targetType, targetID: targetID, start: start, end: end, limit: limit)
                } else {
                    try AuditLogReader.entries(db, start: start, end: end, limit: limit)
                }
            return (entries, try proofs.leafHashes(db, seqs: entries.map(\.seq)))
        }
        let items = try entries.map { try Components.Schemas.AuditEntry($0, leafHash: leaves[$0.seq]) }
        let next = entries.count == limit ? entries.last.map { $0.seq + 1 } : nil
        return try JSON.response(Components.Schemas.AuditPage(items: items, next: next))
    }

    /// The latest checkpoint: JSON, or the signed note itself for `Accept: text/plain`.
    @Sendable func checkpoint(_ request: Request, context: AppRequestContext) async throws -> Response {
        var latest = try await services.checkpoints.latest()
        if latest == nil { latest = try await services.checkpoints.checkpoint() }
        guard let latest else { throw DomainError.notFound("checkpoint", zh: "检查点") }
        if let accept = request.headers[.accept], accept.contains("text/plain"), !accept.contains("json") {
            return Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: latest.note))
            )
        }
        return try JSON.response(Components.Schemas.Checkpoint(latest))
    }

    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        let limit = try query.int("limit") ?? 100
        guard (1...1_000).contains(limit) else {
            throw DomainError.invalid(
                "limit_out_of_range", field: "limit", zh: "limit 必须在 1 到 1000 之间",
                en: "limit must be between 1 and 1000")
        }
        let items = try await services.checkpoints.history(before: try query.int64("before"), limit: limit)
        return try JSON.response(
            Components.Schemas.CheckpointList(items: items.map(Components.Schemas.Checkpoint.init)))
    }

    @Sendable func makeCheckpoint(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try Authorization.check(principal.actor(requestID: context.requestID), .auditCheckpoint, on: .platformWide)
        return try JSON.response(
            Components.Schemas.Checkpoint(try await services.checkpoints.checkpoint(force: true)), status: .created)
    }

    @Sendable func inclusion(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        let size = try query.int64("size")
        if let hash = try query.string("hash", max: 128) {
            guard try query.int64("index") == nil else {
                throw DomainError.invalid(
                    "index_or_hash", field: "hash", zh: "index 与 hash 只能给一个", en: "Give index or hash, not both")
            }
            let proof = try await services.proofs.inclusion(leafHash: try Self.hash(hash), size: size)
            return try JSON.response(Components.Schemas.InclusionProof(proof))
        }
        guard let index = try query.int64("index") else {
            throw DomainError.invalid(
                "required", field: "index", zh: "须给出 index 或 hash", en: "index or hash is required")
        }
        return try JSON.response(
            Components.Schemas.InclusionProof(try await services.proofs.inclusion(index: index, size: size)))
    }

    @Sendable func consistency(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        guard let first = try query.int64("first") else {
            throw DomainError.invalid("required", field: "first", zh: "须给出 first", en: "first is required")
        }
        let proof = try await services.proofs.consistency(first: first, second: try query.int64("second"))
        return try JSON.response(Components.Schemas.ConsistencyProof(proof))
    }

    @Sendable func publicKeys(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSON.response(try Components.Schemas.AuditKeys(services.checkpoints.signing))
    }

    @Sendable func cosign(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await body.decode(Components.Schemas.NewCosignature.self, from: request)
        let checkpoint = try await services.checkpoints.cosign(treeSize: input.treeSize, line: input.signature)
        return try JSON.response(Components.Schemas.Checkpoint(checkpoint), status: .created)
    }

    /// A leaf hash in hex (64 characters) or base64.
    static func hash(_ text: String) throws -> [UInt8] {
        if text.count == 64, let bytes = [UInt8](hexString: text) { return bytes }
        if let data = Data(base64Encoded: text), data.count == 32 { return [UInt8](data) }
        throw DomainError.invalid(
            "bad_hash", field: "hash", zh: "hash 须为 64 位十六进制或 base64 的 32 字节",
            en: "hash is 32 bytes in hex (64 characters) or base64")
    }
}
