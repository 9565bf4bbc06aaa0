import CorridorCrypto
import Foundation
import GRDB
import Kernel
import Store

/// Who signs checkpoints, under which origin, and which witnesses may cosign.
public struct AuditSigning: Sendable {
    public var origin: String
    public var signers: [NoteSigner]
    public var witnesses: [NoteVerifier]

    public init(origin: String, signers: [NoteSigner], witnesses: [NoteVerifier] = []) {
        self.origin = origin
        self.signers = signers
        self.witnesses = witnesses
    }

    public var verifiers: [NoteVerifier] {
        get throws { try signers.map { try $0.verifier } }
    }
}

/// A stored checkpoint as the API shows it: the signed note (with any witness cosignatures
/// appended) and its parts.
public struct StoredCheckpoint: Codable, Sendable, Equatable {
    public var id: Int64
    public var origin: String
    public var treeSize: Int64
    /// base64, as in the note.
    public var rootHash: String
    public var note: String
    public var signers: [String]
    public var witnesses: [String]
    public var createdAt: Date
}

/// Makes, stores and serves signed checkpoints, and takes witnesses' cosignatures.
///
/// Checkpoints and cosignatures are statements about the audit log, not actions on the
/// marketplace, so they are stored append-only beside it rather than through the audited
/// write path (an audit entry per checkpoint would make every checkpoint stale at once).
public struct CheckpointService: Sendable {
    let database: AppDatabase
    public let signing: AuditSigning

    public init(database: AppDatabase, signing: AuditSigning) {
        self.database = database
        self.signing = signing
    }

    /// Signs and stores a checkpoint of the current tree if it grew since the latest one (or
    /// always when `force`); returns the latest checkpoint either way.
    @discardableResult
    public func checkpoint(force: Bool = false) async throws -> StoredCheckpoint {
        let signing = self.signing
        guard !signing.signers.isEmpty else { throw AuditProblem.noSigner }
        let now = database.clock.now()
        return try await database.checkpointWrite { db in
            let tree = try AuditTree.load(db)
            let size = try tree.size(db)
            if !force, let latest = try Self.latest(db), latest.treeSize == size { return latest }
            let checkpoint = Checkpoint(origin: signing.origin, size: size, rootHash: try tree.root(db, size: size))
            var note = checkpoint.body + "\n"
            for signer in signing.signers { note += try signer.signatureLine(for: checkpoint.body) }
            try db.execute(
                sql: "INSERT INTO audit_checkpoints (tree_size, root_hash, note, created_at) VALUES (?, ?, ?, ?)",
                arguments: [size, Data(checkpoint.rootHash), note, Timestamp.millis(now)]
            )
            return try Self.checkpoint(db, id: db.lastInsertedRowID)!
        }
    }

    public func latest() async throws -> StoredCheckpoint? {
        try await database.read { db in try Self.latest(db) }
    }

    /// Checkpoints newest first, for the log's growth over time.
    public func history(before id: Int64? = nil, limit: Int = 100) async throws -> [StoredCheckpoint] {
        try await database.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM audit_checkpoints WHERE id < ? ORDER BY id DESC LIMIT ?",
                arguments: [id ?? Int64.max, limit]
            ).compactMap { try Self.checkpoint(db, id: $0) }
        }
    }

    /// Stores a witness's cosignature line for the checkpoint of that size and root, after
    /// checking it against the configured witness keys.
    public func cosign(treeSize: Int64, line: String) async throws -> StoredCheckpoint {
        let witnesses = signing.witnesses
        let now = database.clock.now()
        return try await database.checkpointWrite { db in
            guard
                let id = try Int64.fetchOne(
                    db, sql: "SELECT max(id) FROM audit_checkpoints WHERE tree_size = ?", arguments: [treeSize]
                ), let stored = try Self.checkpoint(db, id: id)
            else {
                throw AuditProblem.checkpointNotFound(treeSize)
            }
            let body = Checkpoint(
                origin: stored.origin, size: stored.treeSize,
                rootHash: [UInt8](Data(base64Encoded: stored.rootHash) ?? Data())
            ).body
            let signature = try Self.parseLine(line)
            guard
                let witness = witnesses.first(where: {
                    $0.name == signature.name && Array(signature.bytes.prefix(4)) == $0.keyID
                })
            else {
                throw AuditProblem.unknownWitness(signature.name)
            }
            guard witness.verifies(signature.bytes, text: body) else { throw AuditProblem.badCosignature }
            try db.execute(
                sql:
                    "INSERT INTO audit_cosignatures (checkpoint_id, witness, line, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [id, witness.name, signature.line, Timestamp.millis(now)]
            )
            return try Self.checkpoint(db, id: id)!
        }
    }

    static func parseLine(_ line: String) throws -> SignedNote.Signature {
        let text = line.hasSuffix("\n") ? line : line + "\n"
        do {
            guard let signature = try SignedNote(parsing: "x\n\n" + text).signatures.first else {
                throw AuditProblem.malformedCosignature
            }
            return signature
        } catch is NoteError {
            throw AuditProblem.malformedCosignature
        }
    }

    static func latest(_ db: Database) throws -> StoredCheckpoint? {
        guard let id = try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit_checkpoints") else { return nil }
        return try checkpoint(db, id: id)
    }

    static func checkpoint(_ db: Database, id: Int64) throws -> StoredCheckpoint? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM audit_checkpoints WHERE id = ?", arguments: [id])
        else { return nil }
        let cosignatures = try String.fetchAll(
            db, sql: "SELECT line FROM audit_cosignatures WHERE checkpoint_id = ? ORDER BY id", arguments: [id]
        )
        let note: String = row["note"]
        let parsed = try SignedNote(parsing: note)
        let checkpoint = try Checkpoint(body: parsed.text)
        return StoredCheckpoint(
            id: id, origin: checkpoint.origin, treeSize: row["tree_size"],
            rootHash: (row["root_hash"] as Data).base64EncodedString(), note: note + cosignatures.joined(),
            signers: parsed.signatures.map(\.name),
            witnesses: try cosignatures.map { try parseLine($0).name },
            createdAt: Timestamp.date(millis: row["created_at"])
        )
    }
}
