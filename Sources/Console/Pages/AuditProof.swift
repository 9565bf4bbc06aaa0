import AuditLog
import CorridorCrypto
import Foundation
import Kernel
import Platform
import Store

/// "Prove this entry": the entry as the auditor may read it, and its RFC 6962 inclusion proof
/// under the latest checkpoint, verified here with `MerkleVerifier` (so the page has a result
/// without script) and again in the browser by audit.js from the public endpoints.
struct AuditProof {
    let site: Site

    func context(
        _ raw: String, checkpoint: StoredCheckpoint, algorithm: DigestAlgorithm, visit: Visit
    ) async throws -> AuditViews.Proof {
        guard let seq = Int64(raw.trimmingCharacters(in: .whitespaces)), seq >= 1 else {
            return AuditViews.Proof(errors: FieldErrors(field: "seq", message: visit.text("audit.seq_invalid")))
        }
        let found = try await site.services.database.read { db in
            try AuditLogReader.entries(db, start: seq, end: seq + 1, limit: 1).first
        }
        guard let entry = found else {
            return AuditViews.Proof(errors: FieldErrors(field: "seq", message: visit.text("audit.no_entry")))
        }
        let bytes = entry.canonicalBytes
        let size = checkpoint.treeSize
        func say(_ key: String) -> String {
            visit.text(key).replacingOccurrences(of: "{seq}", with: String(seq)).replacingOccurrences(
                of: "{size}", with: String(size))
        }
        var proof = AuditViews.Entry(
            seq: seq, index: seq - 1, time: entry.time, action: entry.action,
            target: "\(entry.targetType) \(entry.targetID)", requestId: entry.requestID,
            bytes: String(decoding: bytes, as: UTF8.self), entryBase64: Data(bytes).base64EncodedString(),
            hashName: algorithm.rawValue)
        proof.actor = try await AuditActorText(site: site).describe(entry.actor, visit)
        guard seq <= size else {
            proof.notCovered = say("audit.not_covered")
            return AuditViews.Proof(entry: proof)
        }
        let inclusion = try await site.services.proofs.inclusion(index: seq - 1, size: size)
        let hasher = TreeHasher(algorithm)
        // The leaf is hashed here from the entry shown, not taken from the proof.
        let leaf = hasher.leafHash(bytes)
        let path = inclusion.hashes.compactMap { Data(base64Encoded: $0).map { [UInt8]($0) } }
        let root = Data(base64Encoded: checkpoint.rootHash).map { [UInt8]($0) } ?? []
        let verified =
            path.count == inclusion.hashes.count
            && MerkleVerifier.verifyInclusion(
                index: seq - 1, size: size, leafHash: leaf, proof: path, root: root, hasher: hasher)
        proof.covered = true
        proof.leaf = Data(leaf).base64EncodedString()
        proof.path = inclusion.hashes
        proof.verified = verified
        proof.result = verified ? "verified" : "not-verified"
        proof.resultText = say(verified ? "audit.verified" : "audit.not_verified")
        return AuditViews.Proof(entry: proof)
    }
}
