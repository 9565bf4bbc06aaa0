import ArgumentParser
import Foundation
import HTTPAPI
import Platform

/// Who may read what the server keeps: every file it creates is 0600 and every folder 0700,
/// whatever the caller's umask; `corridor serve` refuses a data folder or a key file that others
/// can read, and tightens the database files it owns.
enum FileModes {
    /// Files the process creates from here on are its user's alone.
    static func restrictUmask() {
        umask(0o077)
    }

    /// The permission bits of a path, nil when it does not exist.
    static func mode(_ path: String) -> Int? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let permissions = attributes[.posixPermissions] as? NSNumber
        else { return nil }
        return permissions.intValue & 0o7777
    }

    /// Throws, with the command that fixes it, when the data folder or a key file is open to
    /// anyone but its owner.
    static func checkPrivate(dataDir: String, keyFiles: [String]) throws {
        if let mode = mode(dataDir), mode & 0o077 != 0 {
            throw ValidationError(
                "the data folder \(dataDir) is open to others (mode \(String(mode, radix: 8))); it holds the database and keys. "
                    + "Fix it with: chmod 700 \(dataDir)"
            )
        }
        for file in keyFiles {
            if let mode = mode(file), mode & 0o077 != 0 {
                throw ValidationError(
                    "the key file \(file) is readable by others (mode \(String(mode, radix: 8))). Fix it with: chmod 600 \(file)"
                )
            }
        }
    }

    /// The key files a configuration names (those that exist are checked).
    static func keyFiles(_ configuration: ServerConfiguration) -> [String] {
        var files =
            AuditKeys.list(configuration.audit.signingKeys) + [
                AuditKeys.developmentKeyPath(configuration), WebhookKeyFile.path(configuration),
            ]
        files.append(
            configuration.tls.privateKey.isEmpty
                ? URL(fileURLWithPath: configuration.database.dataDir).appendingPathComponent("tls/dev-key.pem").path
                : configuration.tls.privateKey)
        return files.filter { !$0.isEmpty }
    }

    /// The database and its WAL and shared-memory files: 0600 (an older version may have made
    /// them with the umask's default).
    static func tightenDatabase(_ path: String) {
        for file in [path, path + "-wal", path + "-shm"] where mode(file).map({ $0 & 0o077 != 0 }) ?? false {
            _ = chmod(file, 0o600)
        }
    }
}
