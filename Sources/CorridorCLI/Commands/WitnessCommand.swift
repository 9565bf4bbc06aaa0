import ArgumentParser
import AuditLog
import CorridorCrypto
import Foundation

extension AuditCommand {
    /// What a city or an auditor runs on a schedule: it remembers the last checkpoint it saw and
    /// accepts a new one only if it is signed and consistent with the old one.
    struct Witness: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check the server's latest checkpoint against the last one seen (signature, consistency proof); fail loudly on a fork, a rollback or a bad signature; optionally cosign it."
        )
        @OptionGroup var server: ServerOptions
        @Option(help: "Where this witness keeps the last checkpoint it accepted (created on first run).") var state:
            String
        @Option(help: "The log's verifier key (name+keyid+base64, or a file holding one).") var key: String
        @Option(
            name: .customLong("sign-key"),
            help: "This witness's Ed25519 private key (PEM) to cosign accepted checkpoints with.") var signKey: String?
        @Option(help: "This witness's key name (with --sign-key), e.g. witness.huangshi.gov.cn.") var name: String?

        func run() async throws {
            let verifier = try AuditKeys.verifier(key)
            let client = AuditClient(server)
            defer { Task { await client.shutdown() } }
            let answer = try await client.get("/v1/audit/checkpoint", as: CheckpointAnswer.self)
            let note = try SignedNote(parsing: answer.note)
            guard let good = note.verified(by: [verifier]), !good.isEmpty else {
                throw Failure(
                    "BAD SIGNATURE: the server's checkpoint is not signed by \(verifier.name) (\(verifier.keyID.hexString))"
                )
            }
            let new = try Checkpoint(body: note.text)
            if let oldText = try? String(contentsOfFile: state, encoding: .utf8) {
                let old = try Checkpoint(body: oldText)
                guard old.origin == new.origin else { throw Failure("ORIGIN CHANGED: \(old.origin) → \(new.origin)") }
                if new.size < old.size {
                    throw Failure("ROLLBACK: the log shrank from \(old.size) to \(new.size) entries")
                }
                if new.size == old.size {
                    guard new.rootHash == old.rootHash else {
                        throw Failure("FORK: two different roots for size \(new.size)")
                    }
                } else if old.size > 0 {
                    let proof = try await client.get(
                        "/v1/audit/proof/consistency?first=\(old.size)&second=\(new.size)", as: ConsistencyProof.self)
                    guard let hashes = decodeAll(proof.hashes),
                        DigestAlgorithm.allCases.contains(where: { algorithm in
                            MerkleVerifier.verifyConsistency(
                                first: old.size, second: new.size, firstRoot: old.rootHash, secondRoot: new.rootHash,
                                proof: hashes, hasher: TreeHasher(algorithm)
                            )
                        })
                    else {
                        throw Failure(
                            "FORK: the checkpoint of \(new.size) entries is not an extension of the \(old.size) seen before (history was rewritten)"
                        )
                    }
                }
                print("consistent: \(old.size) → \(new.size) entries")
            } else {
                print("first checkpoint seen: \(new.size) entries")
            }
            try AuditKeys.writeState(new.body, to: state)
            if let signKey {
                guard let name else { throw ValidationError("--name is needed with --sign-key") }
                let signer = try NoteSigner(
                    name: name, key: try SigningKey(pem: try String(contentsOfFile: signKey, encoding: .utf8)),
                    type: .cosignature)
                let line = try signer.cosignatureLine(for: new.body, time: UInt64(Date().timeIntervalSince1970))
                struct Body: Encodable { var treeSize: Int64; var signature: String }
                _ = try await client.post(
                    "/v1/audit/cosignatures", json: Body(treeSize: new.size, signature: line), as: CheckpointAnswer.self
                )
                print("cosigned as \(name)")
            }
        }
    }
}

extension AuditKeys {
    /// Replaces the state file atomically (a crash leaves the old or the new one).
    static func writeState(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
