import AuditLog
import CorridorCrypto
import Foundation
import GRDB
import Kernel
@_spi(Testing) import Store
import Testing

/// Altering the database file through a raw SQLite connection — a payload, a deleted row,
/// reordered rows, a cut tail, a removed trigger — makes the verifier fail and name the first
/// bad index.
struct TamperTests {
    enum Tamper: String, CaseIterable {
        case payload, payloadWithTriggersRestored, deletedRow, reordered, truncatedTail, entryAndLeafRewritten,
            triggerDropped
    }

    static let signer = Result {
        try NoteSigner(name: "corridor.example/audit", key: try SigningKey.generate(.ed25519))
    }

    func prepared() async throws -> (AuditLogWorld, [NoteVerifier]) {
        let world = try AuditLogWorld(onDisk: true)
        try world.write(10)
        let signer = try Self.signer.get()
        _ = try await CheckpointService(
            database: world.database, signing: AuditSigning(origin: "corridor.example/audit", signers: [signer])
        ).checkpoint()
        try world.database.close()
        return (world, [try signer.verifier])
    }

    func verify(_ world: AuditLogWorld, _ verifiers: [NoteVerifier]) throws -> AuditVerification {
        let database = try AppDatabase.open(
            path: world.path!, clock: ManualClock(), modules: [AuditLogMigrations.module()])
        defer { try? database.close() }
        return try database.testWriter.read { db in try AuditVerifier.verify(db, verifiers: verifiers) }
    }

    @Test func anUntouchedLogIsClean() async throws {
        let (world, verifiers) = try await prepared()
        defer { world.remove() }
        let result = try verify(world, verifiers)
        #expect(result.isClean && result.entries == 10 && result.treeSize == 10 && result.checkpoints == 1)
        // Without the signer's key the checkpoint cannot be trusted.
        #expect(try verify(world, []).isClean == false)
    }

    @Test(arguments: Tamper.allCases)
    func tamperingIsFound(_ tamper: Tamper) async throws {
        let (world, verifiers) = try await prepared()
        defer { world.remove() }
        let raw = try DatabaseQueue(path: world.path!)
        try await raw.writeWithoutTransaction { db in
            let drop =
                "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_tree_no_update;"
            let restore = """
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'x'); END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'x'); END;
                CREATE TRIGGER audit_tree_no_update BEFORE UPDATE ON audit_tree BEGIN SELECT RAISE(ABORT, 'x'); END;
                """
            switch tamper {
            case .payload:
                try db.execute(sql: drop + "UPDATE audit_log SET change = '{\"n\":99}' WHERE seq = 4;")
            case .payloadWithTriggersRestored:
                try db.execute(sql: drop + "UPDATE audit_log SET change = '{\"n\":99}' WHERE seq = 4;" + restore)
            case .deletedRow:
                try db.execute(sql: drop + "DELETE FROM audit_log WHERE seq = 6;" + restore)
            case .reordered:
                try db.execute(
                    sql: drop
                        + "UPDATE audit_log SET seq = -1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = -1;"
                        + restore)
            case .truncatedTail:
                try db.execute(sql: drop + "DELETE FROM audit_log WHERE seq > 8;" + restore)
            case .entryAndLeafRewritten:
                // The careful attacker also rewrites the stored digest and the leaf hash.
                try db.execute(sql: drop + "UPDATE audit_log SET request_id = 'forged' WHERE seq = 4;")
                let entry = try AuditLogReader.entries(db, start: 4, end: 5, limit: 1)[0]
                try db.execute(
                    sql: "UPDATE audit_log SET hash = ? WHERE seq = 4",
                    arguments: [Data(Digest.sha256(entry.canonicalBytes))])
                try db.execute(
                    sql: "UPDATE audit_tree SET hash = ? WHERE level = 0 AND idx = 3",
                    arguments: [Data(TreeHasher(.sha256).leafHash(entry.canonicalBytes))])
                try db.execute(sql: restore)
            case .triggerDropped:
                try db.execute(sql: "DROP TRIGGER audit_log_no_delete;")
            }
        }
        try raw.close()
        let result = try verify(world, verifiers)
        #expect(!result.isClean)
        let expected: Int64? =
            switch tamper {
            case .payload, .payloadWithTriggersRestored: 3
            case .deletedRow: 5
            case .reordered: 1
            case .truncatedTail: 8
            case .entryAndLeafRewritten: 3
            case .triggerDropped: nil
            }
        if tamper == .entryAndLeafRewritten {
            // The leaf now matches its entry; the signed root (and the stored inner nodes) do not.
            #expect(result.firstBadIndex.map { $0 >= 3 } == true)
            #expect(result.problems.contains { $0.contains("rewritten") })
        } else {
            #expect(result.firstBadIndex == expected, "\(result.problems)")
        }
        if tamper == .triggerDropped || tamper == .payload {
            #expect(result.problems.contains { $0.contains("trigger") })
        }
    }
}
