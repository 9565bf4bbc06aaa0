import AuditLog
import CorridorCrypto
import Foundation
import GRDB
import Kernel
@_spi(Testing) import Store
import Testing

/// The stored tree grows inside the write path's transaction, and its roots and proofs agree
/// with RFC 6962 computed from the entries themselves.
struct AuditTreeStoreTests {
    @Test(arguments: [DigestAlgorithm.sha256, .sm3])
    func everyWriteAddsALeafAndRootsMatchTheEntries(_ hash: DigestAlgorithm) async throws {
        let world = try AuditLogWorld(hash: hash)
        try world.write(37)
        let hasher = TreeHasher(hash)
        let leaves = try world.entries().map(hasher.leafHash)
        #expect(leaves.count == 37)
        try await world.database.read { db in
            let tree = try AuditTree.load(db)
            #expect(tree.hasher.algorithm == hash)
            #expect(try tree.size(db) == 37)
            // 2n − popcount(n) stored nodes for n leaves.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_tree") == 2 * 37 - 3)
            for size in [1, 2, 3, 8, 17, 32, 37] {
                let root = try tree.root(db, size: Int64(size))
                #expect(root == naiveRoot(leaves[0..<size], hasher))
                for index in [0, size / 2, size - 1] {
                    let proof = try tree.inclusionProof(db, index: Int64(index), size: Int64(size))
                    #expect(
                        MerkleVerifier.verifyInclusion(
                            index: Int64(index), size: Int64(size), leafHash: leaves[index], proof: proof, root: root,
                            hasher: hasher))
                }
                let consistency = try tree.consistencyProof(db, first: Int64(max(1, size / 3)), second: 37)
                #expect(
                    MerkleVerifier.verifyConsistency(
                        first: Int64(max(1, size / 3)), second: 37,
                        firstRoot: try tree.root(db, size: Int64(max(1, size / 3))),
                        secondRoot: try tree.root(db, size: 37), proof: consistency, hasher: hasher
                    ))
            }
        }
    }

    /// A rolled-back write leaves neither an entry nor a leaf.
    @Test func aFailedWriteAddsNoLeaf() async throws {
        let world = try AuditLogWorld()
        try world.write(3)
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            _ = try world.database.writeSync(as: .system("test", requestID: "x"), action: "test.fail") {
                db, _ -> Audited<AuditLogWorld.Note> in
                try db.execute(sql: "CREATE TABLE scratch (x)")
                throw Refused()
            }
        }
        let counts = try await world.database.read { db in
            (try AuditTree.load(db).size(db), try AuditLogReader.count(db))
        }
        #expect(counts == (3, 3))
    }

    /// Entries written before the audit module existed become the first leaves when it is added.
    @Test func anExistingLogIsCaughtUp() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("auditlog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let before = try AppDatabase.open(path: path, clock: ManualClock(), modules: [])
        for n in 0..<5 {
            _ = try before.writeSync(as: .system("old", requestID: "o\(n)"), action: "old.write") { _, _ in
                Audited(n, target: "n", id: String(n), change: ["n": .int(Int64(n))])
            }
        }
        try before.close()
        let after = try AppDatabase.open(path: path, clock: ManualClock(), modules: [AuditLogMigrations.module()])
        _ = try after.writeSync(as: .system("new", requestID: "n"), action: "new.write") { _, _ in
            Audited(5, target: "n", id: "5", change: [:])
        }
        let (size, root, leaves) = try await after.testWriter.read { db in
            var leaves: [[UInt8]] = []
            try AuditLogReader.forEach(db) { leaves.append(TreeHasher(.sha256).leafHash($0.canonicalBytes)) }
            let tree = try AuditTree.load(db)
            return (try tree.size(db), try tree.root(db, size: 6), leaves)
        }
        #expect(size == 6 && root == naiveRoot(leaves[...], TreeHasher(.sha256)))
        try after.close()
    }

    /// The hash is fixed when the database is created: reopening with the other one is refused.
    @Test func theHashNeverChanges() async throws {
        let world = try AuditLogWorld(hash: .sm3)
        try world.write(2)
        try await world.database.read { db in
            try AuditTree.check(db, configured: .sm3)
            #expect(throws: AuditLogError.hashMismatch(recorded: .sm3, configured: .sha256)) {
                try AuditTree.check(db, configured: .sha256)
            }
        }
    }

    /// Every statement that would rewrite or remove a row of the tree, the settings, a
    /// checkpoint or a cosignature, with the trigger's message that must stop it.
    static let rewrites: [(String, String)] = [
        (
            "UPDATE audit_tree SET hash = zeroblob(32) WHERE level = 0 AND idx = 1",
            "audit_tree is append-only: UPDATE refused"
        ),
        ("DELETE FROM audit_tree WHERE level = 1", "audit_tree is append-only: DELETE refused"),
        ("UPDATE audit_settings SET value = 'sm3'", "audit_settings is append-only: UPDATE refused"),
        ("DELETE FROM audit_settings", "audit_settings is append-only: DELETE refused"),
        ("UPDATE audit_checkpoints SET root_hash = zeroblob(32)", "audit_checkpoints is append-only: UPDATE refused"),
        (
            "UPDATE audit_checkpoints SET note = 'forged', tree_size = 2",
            "audit_checkpoints is append-only: UPDATE refused"
        ),
        (
            "DELETE FROM audit_checkpoints WHERE id = (SELECT max(id) FROM audit_checkpoints)",
            "audit_checkpoints is append-only: DELETE refused"
        ),
        ("UPDATE audit_cosignatures SET line = 'forged'", "audit_cosignatures is append-only: UPDATE refused"),
        ("DELETE FROM audit_cosignatures", "audit_cosignatures is append-only: DELETE refused"),
    ]

    /// A log of three entries with two checkpoints, one of them cosigned by a witness.
    static func cosignedWorld() async throws -> AuditLogWorld {
        let world = try AuditLogWorld()
        let log = try NoteSigner(name: "corridor.example/audit", key: try SigningKey.generate(.ed25519))
        let witness = try NoteSigner(
            name: "witness.example", key: try SigningKey.generate(.ed25519), type: .cosignature)
        let service = CheckpointService(
            database: world.database,
            signing: AuditSigning(origin: "corridor.example/audit", signers: [log], witnesses: [try witness.verifier])
        )
        try world.write(2)
        _ = try await service.checkpoint()
        try world.write(1, from: 2)
        let body = try SignedNote(parsing: try await service.checkpoint().note).text
        _ = try await service.cosign(treeSize: 3, line: try witness.cosignatureLine(for: body, time: 1_795_000_000))
        return world
    }

    /// Every row of the four append-only tables, in a fixed order.
    static func snapshot(_ world: AuditLogWorld) throws -> [String: [Row]] {
        try world.database.testWriter.read { db in
            var rows: [String: [Row]] = [:]
            for (table, order) in [
                ("audit_tree", "level, idx"), ("audit_settings", "key"), ("audit_checkpoints", "id"),
                ("audit_cosignatures", "id"),
            ] {
                rows[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)")
            }
            return rows
        }
    }

    /// The database refuses to rewrite the tree, the settings, a checkpoint or a cosignature:
    /// each statement is stopped by that table's own trigger, and every row reads back as it was.
    @Test(arguments: rewrites)
    func theTreeCheckpointsAndCosignaturesAreAppendOnly(_ sql: String, _ refusal: String) async throws {
        let world = try await Self.cosignedWorld()
        let before = try Self.snapshot(world)
        #expect(
            before["audit_checkpoints"]?.count == 2 && before["audit_cosignatures"]?.count == 1
                && before["audit_settings"]?.count == 1)
        let error = #expect(throws: DatabaseError.self) {
            try world.database.testWriter.write { db in try db.execute(sql: sql) }
        }
        #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER, "\(String(describing: error))")
        #expect(error?.message == refusal)
        #expect(try Self.snapshot(world) == before)
    }

    /// INSERT OR REPLACE deletes the clashing row; SQLite fires DELETE triggers for it only with
    /// recursive_triggers on, which every connection sets: the checkpoint cannot be rewritten.
    @Test func aReplacingInsertCannotRewriteACheckpoint() async throws {
        let world = try await Self.cosignedWorld()
        let before = try Self.snapshot(world)
        let replace =
            "INSERT OR REPLACE INTO audit_checkpoints (id, tree_size, root_hash, note, created_at) "
            + "SELECT id, tree_size, zeroblob(32), 'forged', created_at FROM audit_checkpoints WHERE id = 1"
        let outcome = try await world.database.testWriter.write { db in
            var outcome = "replaced"
            try db.inSavepoint {
                do { try db.execute(sql: replace) } catch let error as DatabaseError {
                    outcome = error.message ?? "refused"
                }
                return .rollback  // the rows stay as they were either way
            }
            return outcome
        }
        #expect(outcome == "audit_checkpoints is append-only: DELETE refused")
        #expect(try Self.snapshot(world) == before)
    }
}
