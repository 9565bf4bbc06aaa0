import Kernel

/// Schemas and routes of the verifiable audit log.
enum AuditComponents {
    typealias Operation = OpenAPIDocument.Operation

    static let hash = Schema.string(max: 44, min: 44, description: "32 bytes, base64")
    static let size = Schema.integer(min: 0)
    static let param = OpenAPIDocument.param

    static let all: [String: JSONValue] = [
        "AuditEntry": Schema.object(
            [
                "seq": Schema.integer(min: 1), "leafIndex": Schema.integer(min: 0), "time": Schema.dateTime,
                "actor": ["type": "object"],
                "action": Schema.string(max: 100), "target": ["type": "object"], "requestId": Schema.string(max: 128),
                "change": Schema.anyJSON,
                "hash": Schema.string(max: 64, min: 64, description: "hex SHA-256 of the entry's canonical JSON"),
                "leafHash": Schema.nullable(hash),
            ], required: ["seq", "leafIndex", "time", "actor", "action", "target", "requestId", "change", "hash"]),
        "AuditPage": Schema.object(
            [
                "items": Schema.array(Schema.ref("AuditEntry")), "next": Schema.nullable(Schema.integer(min: 1)),
            ], required: ["items"]),
        "Checkpoint": Schema.object(
            [
                "id": Schema.integer(min: 1), "origin": Schema.string(max: 500), "treeSize": size, "rootHash": hash,
                "note": Schema.string(
                    max: 100_000,
                    description:
                        "the C2SP signed note: checkpoint body, blank line, signature lines, then witness cosignatures"),
                "signers": Schema.array(Schema.string(max: 500)), "witnesses": Schema.array(Schema.string(max: 500)),
                "createdAt": Schema.dateTime,
            ], required: ["id", "origin", "treeSize", "rootHash", "note", "signers", "witnesses", "createdAt"]),
        "CheckpointList": Schema.items(of: "Checkpoint"),
        "InclusionProof": Schema.object(
            [
                "leafIndex": size, "treeSize": Schema.integer(min: 1), "leafHash": hash, "rootHash": hash,
                "hashes": Schema.array(hash),
            ], required: ["leafIndex", "treeSize", "leafHash", "rootHash", "hashes"]),
        "ConsistencyProof": Schema.object(
            [
                "first": Schema.integer(min: 1), "second": Schema.integer(min: 1), "firstRoot": hash,
                "secondRoot": hash,
                "hashes": Schema.array(hash),
            ], required: ["first", "second", "firstRoot", "secondRoot", "hashes"]),
        "AuditKeys": Schema.object(
            [
                "origin": Schema.string(max: 500),
                "keys": Schema.array(
                    Schema.object(
                        [
                            "name": Schema.string(max: 500), "algorithm": Schema.enumeration(["ed25519", "sm2"]),
                            "keyId": Schema.string(max: 8, min: 8),
                            "verifierKey": Schema.string(max: 1_000), "publicKeyPEM": Schema.string(max: 2_000),
                        ], required: ["name", "algorithm", "keyId", "verifierKey", "publicKeyPEM"])),
                "witnesses": Schema.array(Schema.string(max: 1_000)),
            ], required: ["origin", "keys", "witnesses"]),
        "NewCosignature": Schema.object(
            [
                "treeSize": Schema.integer(min: 0),
                "signature": Schema.string(
                    max: 2_000, min: 1, description: "a tlog-cosignature/v1 line: '— <witness name> <base64>'"),
            ], required: ["treeSize", "signature"]),
    ]

    static let operations: [Operation] = [
        Operation(
            method: "get", path: "/v1/audit/entries",
            summary: "Audit entries start ≤ seq < end with their leaf hashes (auditors)", tag: "audit",
            query: [
                param("start", Schema.integer(min: 1)), param("end", Schema.integer(min: 2)),
                param("limit", Schema.integer(min: 1, max: 1_000)), param("targetType", Schema.string(max: 64)),
                param("targetId", Schema.string(max: 64)),
            ], success: (200, "AuditPage"), errors: [401, 403, 422]),
        Operation(
            method: "get", path: "/v1/audit/checkpoint",
            summary:
                "The latest signed checkpoint (C2SP tlog-checkpoint; Accept: text/plain gives the signed note alone)",
            tag: "audit", authenticated: false, success: (200, "Checkpoint"), errors: [503]),
        Operation(
            method: "get", path: "/v1/audit/checkpoints",
            summary: "Stored checkpoints, newest first (the log's growth)", tag: "audit", authenticated: false,
            query: [param("before", Schema.integer(min: 1)), param("limit", Schema.integer(min: 1, max: 1_000))],
            success: (200, "CheckpointList"), errors: [422]),
        Operation(
            method: "post", path: "/v1/audit/checkpoints",
            summary: "Make and sign a checkpoint now (platform admins, auditors)", tag: "audit",
            success: (201, "Checkpoint"), errors: [401, 403, 503]),
        Operation(
            method: "get", path: "/v1/audit/proof/inclusion",
            summary: "RFC 6962 audit path of a leaf (by index or leaf hash) in the tree of a size", tag: "audit",
            authenticated: false,
            query: [
                param("index", Schema.integer(min: 0)), param("hash", Schema.string(max: 64, min: 44)),
                param("size", Schema.integer(min: 1)),
            ], success: (200, "InclusionProof"), errors: [404, 422]),
        Operation(
            method: "get", path: "/v1/audit/proof/consistency",
            summary: "RFC 6962 consistency proof between two tree sizes", tag: "audit", authenticated: false,
            query: [param("first", Schema.integer(min: 1)), param("second", Schema.integer(min: 1))],
            success: (200, "ConsistencyProof"), errors: [422]),
        Operation(
            method: "get", path: "/v1/audit/public-key",
            summary: "The checkpoint signing keys (PEM and C2SP verifier keys) and the accepted witnesses",
            tag: "audit", authenticated: false, success: (200, "AuditKeys"), errors: []),
        Operation(
            method: "post", path: "/v1/audit/cosignatures",
            summary: "A witness's cosignature of a checkpoint (checked against the configured witness keys)",
            tag: "audit", authenticated: false, request: "NewCosignature", success: (201, "Checkpoint"),
            errors: [400, 403, 404, 413, 415, 422]),
    ]
}
