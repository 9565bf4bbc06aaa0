import AuditLog
import CorridorCrypto
import Kernel
import OpenAPIRuntime
import Store

// The audit log's answers (AuditLog's and Store's own types) as the document describes them.

extension Components.Schemas.AuditEntry {
    /// `leafHash`: the entry's leaf in the Merkle tree, when it is in the tree yet.
    init(_ domain: AuditEntry, leafHash: String?) throws {
        self.init(
            action: domain.action, actor: try .init(domain.actor), change: try .init(domain.change),
            hash: domain.hash.hexString, leafHash: leafHash, leafIndex: domain.seq - 1,
            requestId: domain.requestID, seq: domain.seq,
            target: try .init(unvalidatedValue: ["type": domain.targetType, "id": domain.targetID]),
            time: domain.time)
    }
}

extension Components.Schemas.Checkpoint {
    init(_ domain: StoredCheckpoint) {
        self.init(
            createdAt: domain.createdAt, id: domain.id, note: domain.note, origin: domain.origin,
            rootHash: domain.rootHash, signers: domain.signers, treeSize: domain.treeSize,
            witnesses: domain.witnesses)
    }
}

extension Components.Schemas.InclusionProof {
    init(_ domain: InclusionProof) {
        self.init(
            hashes: domain.hashes, leafHash: domain.leafHash, leafIndex: domain.leafIndex, rootHash: domain.rootHash,
            treeSize: domain.treeSize)
    }
}

extension Components.Schemas.ConsistencyProof {
    init(_ domain: ConsistencyProof) {
        self.init(
            first: domain.first, firstRoot: domain.firstRoot, hashes: domain.hashes, second: domain.second,
            secondRoot: domain.secondRoot)
    }
}

extension Components.Schemas.AuditKeys {
    /// The checkpoint signers and the witnesses accepted here.
    init(_ signing: AuditSigning) throws {
        self.init(
            keys: try signing.signers.map { signer in
                let verifier = try signer.verifier
                return KeysPayloadPayload(
                    algorithm: .init(signer.key.algorithm), keyId: verifier.keyID.hexString, name: signer.name,
                    publicKeyPEM: try signer.key.verifyingKey.publicKeyPEM(), verifierKey: verifier.verifierKey)
            },
            origin: signing.origin, witnesses: signing.witnesses.map(\.verifierKey))
    }
}

extension Components.Schemas.AuditKeys.KeysPayloadPayload.AlgorithmPayload {
    init(_ domain: SignatureAlgorithm) {
        switch domain {
        case .ed25519: self = .ed25519
        case .sm2: self = .sm2
        }
    }
}
