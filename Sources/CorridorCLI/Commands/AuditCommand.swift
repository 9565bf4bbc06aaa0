import ArgumentParser
import AuditLog
import CorridorCrypto
import Foundation
import Store

/// `corridor audit …`: verify the log from the database, or check a server's checkpoints and
/// proofs from outside, as a city or an auditor would.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Verify the tamper-evident audit log.",
        subcommands: [Verify.self, Prove.self, CheckCheckpoint.self, Witness.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Recompute every leaf and the tree from the database; check every checkpoint's root and signature and the append-only triggers. Exit status 1 naming the first bad index when anything was altered."
        )
        @OptionGroup var options: CommonOptions
        @Option(
            help: "Another verifier key (name+keyid+base64, or a file) whose checkpoints count, e.g. a retired key.")
        var key: [String] = []

        func run() async throws {
            let configuration = try options.configuration()
            let database = try DatabaseOpener.open(configuration)
            // No signing key yet (a database never served): only the tree and the --key checkpoints count.
            let configured = try (try? AuditKeys.signing(configuration, createDevelopmentKey: false))?.verifiers ?? []
            let verifiers = try configured + key.map(AuditKeys.verifier)
            let result = try await database.read { db in try AuditVerifier.verify(db, verifiers: verifiers) }
            try database.close()
            print(
                "audit log: \(result.entries) entries, tree of \(result.treeSize) leaves (\(result.hash.rawValue)), \(result.checkpoints) checkpoints"
            )
            if result.isClean {
                print("clean")
                return
            }
            for problem in result.problems { print("BAD: \(problem)") }
            if let index = result.firstBadIndex { print("first bad index: \(index) (entry seq \(index + 1))") }
            throw ExitCode(1)
        }
    }

    struct Prove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch the server's signed checkpoint and an inclusion proof for one entry, and verify both here."
        )
        @OptionGroup var server: ServerOptions
        @Option(help: "The leaf index (entry seq − 1).") var index: Int64
        @Option(
            help:
                "The log's verifier key (name+keyid+base64, or a file). Without it the key the server publishes is used (trust on first use)."
        ) var key: String?

        func run() async throws {
            let client = AuditClient(server)
            defer { Task { await client.shutdown() } }
            let verifiers = try await trustedVerifiers(key, client: client)
            let checkpoint = try await verifiedCheckpoint(client, verifiers: verifiers)
            let proof = try await client.get(
                "/v1/audit/proof/inclusion?index=\(index)&size=\(checkpoint.size)", as: InclusionProof.self)
            let hasher = try await treeHasher(client, checkpoint: checkpoint, proof: proof)
            guard let leaf = Data(base64Encoded: proof.leafHash), let hashes = decodeAll(proof.hashes),
                MerkleVerifier.verifyInclusion(
                    index: index, size: checkpoint.size, leafHash: [UInt8](leaf), proof: hashes,
                    root: checkpoint.rootHash, hasher: hasher)
            else {
                throw Failure(
                    "the inclusion proof for index \(index) does NOT verify against the signed root of size \(checkpoint.size)"
                )
            }
            print(
                "entry \(index + 1) (leaf \(index), hash \(proof.leafHash)) is in the signed log of \(checkpoint.size) entries: verified (\(hasher.algorithm.rawValue), \(hashes.count) proof hashes)"
            )
        }
    }

    struct CheckCheckpoint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-checkpoint",
            abstract: "Verify a checkpoint file (a signed note) against a public key, offline."
        )
        @Argument(help: "The checkpoint: a signed note, as GET /v1/audit/checkpoint serves it with Accept: text/plain.")
        var file: String
        @Option(help: "The log's verifier key (name+keyid+base64, or a file holding one).") var key: String

        func run() throws {
            let verifier = try AuditKeys.verifier(key)
            let note = try SignedNote(parsing: try String(contentsOfFile: file, encoding: .utf8))
            guard let good = note.verified(by: [verifier]), !good.isEmpty else {
                throw Failure("the checkpoint is NOT signed by \(verifier.name) (\(verifier.keyID.hexString))")
            }
            let checkpoint = try Checkpoint(body: note.text)
            print(
                "origin \(checkpoint.origin), size \(checkpoint.size), root \(Data(checkpoint.rootHash).base64EncodedString())"
            )
            print("signature by \(verifier.name) (\(verifier.type), key \(verifier.keyID.hexString)): verified")
        }
    }
}

/// A failed check: message on standard error, exit status 1.
struct Failure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

func decodeAll(_ base64: [String]) -> [[UInt8]]? {
    var hashes: [[UInt8]] = []
    for text in base64 {
        guard let data = Data(base64Encoded: text) else { return nil }
        hashes.append([UInt8](data))
    }
    return hashes
}

/// The keys to trust: the one given, or what the server publishes.
func trustedVerifiers(_ key: String?, client: AuditClient) async throws -> [NoteVerifier] {
    if let key { return [try AuditKeys.verifier(key)] }
    let published = try await client.get("/v1/audit/public-key", as: KeysAnswer.self)
    FileHandle.standardError.write(Data("warning: no --key given; trusting the key the server publishes\n".utf8))
    return try published.keys.map { try NoteVerifier(verifierKey: $0.verifierKey) }
}

/// The server's latest checkpoint, its signature checked.
func verifiedCheckpoint(_ client: AuditClient, verifiers: [NoteVerifier]) async throws -> Checkpoint {
    let answer = try await client.get("/v1/audit/checkpoint", as: CheckpointAnswer.self)
    let note = try SignedNote(parsing: answer.note)
    guard let good = note.verified(by: verifiers), !good.isEmpty else {
        throw Failure("the server's checkpoint is NOT signed by a trusted key (or a signature by one is bad)")
    }
    return try Checkpoint(body: note.text)
}

/// The tree's hash: SHA-256 or SM3 — whichever the root of the proof matches.
func treeHasher(_ client: AuditClient, checkpoint: Checkpoint, proof: InclusionProof) async throws -> TreeHasher {
    for algorithm in DigestAlgorithm.allCases {
        let hasher = TreeHasher(algorithm)
        if let leaf = Data(base64Encoded: proof.leafHash), let hashes = decodeAll(proof.hashes),
            MerkleVerifier.rootFromInclusionProof(
                index: proof.leafIndex, size: proof.treeSize, leafHash: [UInt8](leaf), proof: hashes, hasher: hasher)
                == checkpoint.rootHash
        {
            return hasher
        }
    }
    return TreeHasher(.sha256)
}
