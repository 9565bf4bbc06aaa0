import AuditLog
import CorridorCrypto
import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Store

/// The auditor's page: the latest signed checkpoint with its signatures and witness
/// cosignatures, the log's growth, the public keys, and "prove this entry" (AuditProof).
struct AuditPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        AuditLedgerPages(site: site).register(on: console)
        console.get("audit") { request, context in
            await site.handle(request, context) { visit in try await overview(request, visit) }
        }
        // As `POST /v1/audit/checkpoints`: sign a checkpoint of the tree as it is now.
        console.post("audit/checkpoint") { request, context in
            await site.handle(request, context) { visit in
                let actor = try Self.auditor(visit)
                let form = try await site.form(request, visit)
                try Authorization.check(actor, .auditCheckpoint, on: .platformWide)
                try await site.services.checkpoints.checkpoint(force: true)
                return site.redirect(
                    "/console/audit" + (form.text("seq").flatMap(Int64.init).map { "?seq=\($0)" } ?? ""))
            }
        }
    }

    /// An auditor or platform administrator (whoever may read the audit log); others 403.
    static func auditor(_ visit: Visit) throws -> Actor {
        let (_, actor) = try visit.signedIn()
        guard Authorization.allows(actor, .auditRead, on: .platformWide) else { throw DomainError.forbidden }
        return actor
    }

    func overview(_ request: Request, _ visit: Visit) async throws -> Response {
        let actor = try Self.auditor(visit)
        let checkpoints = site.services.checkpoints
        // As `GET /v1/audit/checkpoint`: the latest, made now if there is none yet.
        var latest = try await checkpoints.latest()
        if latest == nil { latest = try await checkpoints.checkpoint() }
        guard let checkpoint = latest else { throw DomainError.notFound("checkpoint", zh: "检查点") }
        let history = Array(try await checkpoints.history(limit: 200).reversed())
        let growth = SVG.line(
            history.map { (label: Display.dateTime($0.createdAt), value: Double($0.treeSize)) },
            title: visit.text("audit.growth_chart")
        )
        let algorithm = try await site.services.database.read { db in try AuditTree.load(db).hasher.algorithm }
        let signatures = signatureRows(checkpoint, visit)
        let seq = request.uri.queryParameters["seq"].map(String.init) ?? ""
        let proof =
            seq.isEmpty
            ? AuditViews.Proof()
            : try await AuditProof(site: site).context(seq, checkpoint: checkpoint, algorithm: algorithm, visit: visit)
        let signing = checkpoints.signing
        let context = AuditViews.Overview(
            origin: checkpoint.origin, size: checkpoint.treeSize, root: checkpoint.rootHash,
            created: Display.dateTime(checkpoint.createdAt), hash: algorithm == .sha256 ? "SHA-256" : "SM3",
            signatures: signatures, hasWitnesses: !checkpoint.witnesses.isEmpty, note: checkpoint.note,
            signaturesOK: Self.signedByLog(checkpoint, signing),
            growth: growth, checkpointCount: history.count,
            canCheckpoint: Authorization.allows(actor, .auditCheckpoint, on: .platformWide),
            keys: keys(), witnessKeys: signing.witnesses.map(\.verifierKey),
            hasWitnessKeys: !signing.witnesses.isEmpty, seq: seq, errors: proof.errors, entry: proof.entry)
        return site.page(visit, template: "audit-overview", title: visit.text("audit.title"), context)
    }

    /// Each signature line of the note (the log's own and the witnesses'), checked against the
    /// configured keys.
    func signatureRows(_ checkpoint: StoredCheckpoint, _ visit: Visit) -> [AuditViews.Signature] {
        let signing = site.services.checkpoints.signing
        guard let note = try? SignedNote(parsing: checkpoint.note) else { return [] }
        let signers = (try? signing.verifiers) ?? []
        return note.signatures.map { signature in
            let keyID = Array(signature.bytes.prefix(4))
            let signer = signers.first { $0.name == signature.name && $0.keyID == keyID }
            let witness = signing.witnesses.first { $0.name == signature.name && $0.keyID == keyID }
            let role = signer != nil ? "signer" : witness != nil ? "witness" : "unknown"
            let ok = (signer ?? witness)?.verifies(signature.bytes, text: note.text)
            return AuditViews.Signature(
                name: signature.name, keyId: keyID.hexString, role: visit.text("audit.role_\(role)"),
                checked: ok != nil, ok: ok == true,
                result: visit.text(
                    ok.map { $0 ? "audit.signature_ok" : "audit.signature_bad" } ?? "audit.signature_unchecked"))
        }
    }

    /// Whether the note carries a valid signature by a configured log key and no bad one.
    static func signedByLog(_ checkpoint: StoredCheckpoint, _ signing: AuditSigning) -> Bool {
        guard let note = try? SignedNote(parsing: checkpoint.note), let verifiers = try? signing.verifiers else {
            return false
        }
        return note.verified(by: verifiers).map { !$0.isEmpty } ?? false
    }

    /// The checkpoint signers' public keys (as `GET /v1/audit/public-key`).
    func keys() -> [AuditViews.Key] {
        site.services.checkpoints.signing.signers.map { signer in
            let verifier = try? signer.verifier
            return AuditViews.Key(
                name: signer.name, algorithm: signer.key.algorithm.rawValue,
                keyId: verifier?.keyID.hexString ?? "",
                verifierKey: verifier?.verifierKey ?? "", pem: (try? signer.key.verifyingKey.publicKeyPEM()) ?? "")
        }
    }
}
