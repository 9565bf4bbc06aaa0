import Foundation
import Testing

/// No secret at rest for others to read: what `corridor` creates is 0600 (folders 0700)
/// whatever the caller's umask, and `serve` refuses a data folder or key file others can read,
/// saying how to fix it.
@Suite(.serialized)
struct FileModeTests {
    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func theDatabaseAndABackupAreTheOwnersAlone() throws {
        let previous = umask(0o022)  // the usual default: files 0644, folders 0755
        defer { umask(previous) }
        let parent = try CommandLineTests.temporaryDirectory()
        let data = parent + "/data"
        let migrated = try CommandLineTests.corridor(["migrate", "--data-dir", data])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(try Self.mode(data) == 0o700)
        for file in ["corridor.sqlite", "corridor.sqlite-wal", "corridor.sqlite-shm"]
        where FileManager.default.fileExists(atPath: "\(data)/\(file)") {
            #expect(try Self.mode("\(data)/\(file)") == 0o600, "\(file)")
        }
        let backup = parent + "/backup.sqlite"
        let made = try CommandLineTests.corridor(["backup", "--data-dir", data, "--to", backup])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try Self.mode(backup) == 0o600)
    }

    @Test func serveRefusesAFolderOthersCanRead() throws {
        let data = try CommandLineTests.temporaryDirectory()
        #expect(chmod(data, 0o755) == 0)
        let refused = try CommandLineTests.corridor(["serve", "--data-dir", data, "--port", "0"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("chmod 700 \(data)"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data + "/corridor.sqlite"), "nothing was opened")
    }

    @Test func serveRefusesAKeyFileOthersCanRead() throws {
        let data = try CommandLineTests.temporaryDirectory()
        let key = data + "-audit-key.pem"
        let generated = try CommandLineTests.corridor(["keys", "generate", "--type", "ed25519", "--out", key])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(try Self.mode(key) == 0o600)
        #expect(chmod(key, 0o644) == 0)
        let refused = try CommandLineTests.corridor(
            ["serve", "--data-dir", data, "--port", "0"], environment: ["CORRIDOR_AUDIT_SIGNING_KEYS": key])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("chmod 600 \(key)"), "\(refused.stderr)")
    }
}
