import AuditLog
import CorridorCLI
import CorridorCrypto
import Foundation
import Kernel
import Store
import Testing

/// `corridor audit verify` exits 1, naming the reason, when a stored inner tree node or a stored
/// checkpoint was altered behind the server's back (the table's trigger dropped and put back).
@Suite(.serialized)
struct AuditVerifyCommandTests {
    typealias CLI = CommandLineTests

    enum Tamper: String, CaseIterable {
        case innerNode, noteUnparsable, rowDisagreesWithNote, signatureForged
    }

    static let origin = "corridor.local/audit"

    /// What `verify` must print for each tamper.
    static func expected(_ tamper: Tamper) -> String {
        switch tamper {
        case .innerNode: "BAD: the stored tree node at level 1, index 1 does not match"
        case .noteUnparsable: "the stored note does not parse"
        case .rowDisagreesWithNote: "but the row says"
        case .signatureForged: "a signature by a known key does not verify"
        }
    }

    /// The SQL for a tamper, given the stored note.
    static func sql(_ tamper: Tamper, note: String) throws -> String {
        func checkpoints(_ set: String) -> String {
            "DROP TRIGGER audit_checkpoints_no_update; UPDATE audit_checkpoints SET \(set); "
                + "CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'x'); END;"
        }
        switch tamper {
        case .innerNode:
            return
                "DROP TRIGGER audit_tree_no_update; UPDATE audit_tree SET hash = zeroblob(32) WHERE level = 1 AND idx = 1; "
                + "CREATE TRIGGER audit_tree_no_update BEFORE UPDATE ON audit_tree BEGIN SELECT RAISE(ABORT, 'x'); END;"
        case .noteUnparsable:
            return checkpoints("note = 'not a signed note'")
        case .rowDisagreesWithNote:
            return checkpoints("tree_size = tree_size - 1")
        case .signatureForged:
            // The signature line keeps its key ID; the signature after it is made up.
            let parsed = try SignedNote(parsing: note)
            let keyID = try #require(parsed.signatures.first).bytes.prefix(4)
            let forged =
                parsed.text + "\n— \(origin) " + Data(keyID + [UInt8](repeating: 7, count: 64)).base64EncodedString()
                + "\n"
            return checkpoints("note = '\(forged)'")
        }
    }

    @Test func verifyFailsForATamperedNodeOrCheckpoint() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let seeded = try CLI.corridor(
            ["seed", "--data-dir", directory], environment: ["CORRIDOR_SEEDS_LISTINGS": "false"])
        try #require(seeded.status == 0, "\(seeded.stderr)")
        // A signed checkpoint, as the server makes them, by the data folder's development key.
        let key = try SigningKey.generate(.ed25519)
        let keyFile = directory + "/audit-ed25519.pem"
        try? FileManager.default.removeItem(atPath: keyFile)
        #expect(
            FileManager.default.createFile(
                atPath: keyFile, contents: Data(try key.privateKeyPEM().utf8), attributes: [.posixPermissions: 0o600]))
        let database = try AppDatabase.open(
            path: directory + "/corridor.sqlite", clock: SystemClock(), modules: CorridorModules.migrations())
        let signing = AuditSigning(origin: Self.origin, signers: [try NoteSigner(name: Self.origin, key: key)])
        let checkpoint = try await CheckpointService(database: database, signing: signing).checkpoint()
        try database.close()
        #expect(checkpoint.treeSize >= 4)
        let clean = try CLI.corridor(["audit", "verify", "--data-dir", directory])
        #expect(clean.status == 0 && clean.stdout.contains("clean"), "\(clean.stdout) \(clean.stderr)")

        for tamper in Tamper.allCases {
            let scratch = try CLI.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let copy = scratch + "/data"
            try FileManager.default.copyItem(atPath: directory, toPath: copy)
            _ = try CLI.sqlite(copy + "/corridor.sqlite", try Self.sql(tamper, note: checkpoint.note))
            let verified = try CLI.corridor(["audit", "verify", "--data-dir", copy])
            #expect(verified.status == 1, "\(tamper): \(verified.stdout) \(verified.stderr)")
            #expect(verified.stdout.contains(Self.expected(tamper)), "\(tamper): \(verified.stdout)")
            #expect(!verified.stdout.contains("is missing"), "\(tamper): the triggers were put back")
        }
    }
}
