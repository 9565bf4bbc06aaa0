import Foundation
import Testing

/// `corridor audit verify` and `corridor keys generate` as an operator runs them.
@Suite(.serialized)
struct AuditCommandLineTests {
    typealias CLI = CommandLineTests

    @Test func verifyIsCleanThenNamesTheFirstAlteredEntry() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try CLI.corridor(["seed", "--data-dir", directory]).status == 0)
        let clean = try CLI.corridor(["audit", "verify", "--data-dir", directory])
        #expect(clean.status == 0, "\(clean.stdout) \(clean.stderr)")
        #expect(clean.stdout.contains("clean") && clean.stdout.contains("(sha256)"))
        let database = directory + "/corridor.sqlite"
        _ = try CLI.sqlite(
            database, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET change = '{}' WHERE seq = 3;")
        let altered = try CLI.corridor(["audit", "verify", "--data-dir", directory])
        #expect(altered.status == 1)
        #expect(altered.stdout.contains("first bad index: 2 (entry seq 3)"), "\(altered.stdout)")
        #expect(altered.stdout.contains("audit_log_no_update is missing"))
    }

    @Test func theTreeHashIsChosenAtCreationAndKept() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sm3 = ["CORRIDOR_AUDIT_HASH": "sm3"]
        #expect(try CLI.corridor(["seed", "--data-dir", directory], environment: sm3).status == 0)
        let verified = try CLI.corridor(["audit", "verify", "--data-dir", directory], environment: sm3)
        #expect(verified.status == 0 && verified.stdout.contains("(sm3)"), "\(verified.stdout) \(verified.stderr)")
        let mixed = try CLI.corridor(["audit", "verify", "--data-dir", directory])
        #expect(mixed.status != 0)
        #expect(mixed.stderr.contains("created with sm3"), "\(mixed.stderr)")
    }

    @Test(arguments: ["ed25519", "sm2"])
    func keysGenerateWritesPEMsAndAVerifierKey(_ type: String) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = directory + "/signing.pem"
        let made = try CLI.corridor([
            "keys", "generate", "--type", type, "--out", key, "--name", "corridor.example/audit",
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let verifierLine = try #require(made.stdout.split(separator: "\n").first { $0.hasPrefix("verifier key: ") })
        #expect(verifierLine.hasPrefix("verifier key: corridor.example/audit+"))
        let attributes = try FileManager.default.attributesOfItem(atPath: key)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: key + ".pub.pem", encoding: .utf8).hasPrefix("-----BEGIN PUBLIC KEY-----"))
        // openssl reads the key it wrote.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "pkey", "-in", key, "-noout"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let again = try CLI.corridor(["keys", "generate", "--type", type, "--out", key])
        #expect(again.status != 0 && again.stderr.contains("never overwritten"))
    }
}
