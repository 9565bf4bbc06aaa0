import AuditLog
import CorridorCrypto
import Foundation
import GRDB
import Kernel
import Store
import Testing

/// Altering the stored tree's inner nodes or a stored checkpoint through a raw connection (the
/// table's trigger dropped and put back under its own name) makes the verifier fail, each for
/// its own reason: the entries themselves are untouched.
struct CheckpointTamperTests {
    enum Tamper: String, CaseIterable {
        case innerNode, noteUnparsable, noteDisagreesWithRow, signatureForged, signedByAnotherKey
    }

    /// The statements for each tamper, given the log's ten leaves.
    static func statements(_ tamper: Tamper, leaves: [[UInt8]], note: String) throws -> [(String, StatementArguments)] {
        let signer = try TamperTests.signer.get()
        let origin = "corridor.example/audit"
        func rewrite(_ column: String, _ value: any DatabaseValueConvertible) -> [(String, StatementArguments)] {
            [
                ("DROP TRIGGER audit_checkpoints_no_update", []),
                ("UPDATE audit_checkpoints SET \(column) = ?", [value]),
                (
                    "CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'x'); END",
                    []
                ),
            ]
        }
        let body = try SignedNote(parsing: note).text
        switch tamper {
        case .innerNode:
            // Leaves 2 and 3's parent: in no root of the ten-leaf tree, but in the proofs of leaves 0 to 3.
            return [
                ("DROP TRIGGER audit_tree_no_update", []),
                ("UPDATE audit_tree SET hash = zeroblob(32) WHERE level = 1 AND idx = 1", []),
                (
                    "CREATE TRIGGER audit_tree_no_update BEFORE UPDATE ON audit_tree BEGIN SELECT RAISE(ABORT, 'x'); END",
                    []
                ),
            ]
        case .noteUnparsable:
            return rewrite("note", "not a signed note")
        case .noteDisagreesWithRow:
            // A genuine signed checkpoint of nine entries in the row of the ten-entry one.
            let nine = Checkpoint(origin: origin, size: 9, rootHash: naiveRoot(leaves[0..<9], TreeHasher(.sha256))).body
            return rewrite("note", nine + "\n" + (try signer.signatureLine(for: nine)))
        case .signatureForged:
            // The right key ID in front of a signature the key never made.
            let forged = Data(signer.keyID + [UInt8](repeating: 7, count: 64)).base64EncodedString()
            return rewrite("note", body + "\n— \(origin) \(forged)\n")
        case .signedByAnotherKey:
            let other = try NoteSigner(name: origin, key: try SigningKey.generate(.ed25519))
            return rewrite("note", body + "\n" + (try other.signatureLine(for: body)))
        }
    }

    static func expectedProblem(_ tamper: Tamper) -> String {
        switch tamper {
        case .innerNode: "level 1, index 1"
        case .noteUnparsable: "the stored note does not parse"
        case .noteDisagreesWithRow: "the note says size 9 but the row says 10"
        case .signatureForged: "a signature by a known key does not verify"
        case .signedByAnotherKey: "no signature by a configured key"
        }
    }

    @Test(arguments: Tamper.allCases)
    func tamperingIsFound(_ tamper: Tamper) async throws {
        let (world, verifiers) = try await TamperTests().prepared()
        defer { world.remove() }
        let raw = try DatabaseQueue(path: world.path!)
        let (leaves, note) = try await raw.read { db in
            (
                try Data.fetchAll(db, sql: "SELECT hash FROM audit_tree WHERE level = 0 ORDER BY idx").map {
                    [UInt8]($0)
                },
                try String.fetchOne(db, sql: "SELECT note FROM audit_checkpoints")
            )
        }
        #expect(leaves.count == 10)
        for (sql, arguments) in try Self.statements(tamper, leaves: leaves, note: try #require(note)) {
            try await raw.writeWithoutTransaction { db in try db.execute(sql: sql, arguments: arguments) }
        }
        try raw.close()
        let result = try TamperTests().verify(world, verifiers)
        #expect(!result.isClean)
        #expect(
            result.problems.count == 1 && result.problems.allSatisfy { $0.contains(Self.expectedProblem(tamper)) },
            "\(result.problems)")
        // No entry was touched, so none is named.
        #expect(result.firstBadIndex == nil)
    }
}
