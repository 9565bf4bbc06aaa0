import ArgumentParser
import AuditLog
import CorridorCrypto
import Foundation
import GRDB
import HTTPAPI
import Platform
import Vouchers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `corridor backup --to FILE`: a consistent copy of the live database, verified before it
/// gets its name.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract:
            "Copy the database with SQLite's online backup API (safe while the server runs and writes), then verify the copy: PRAGMA integrity_check, the voucher ledger and the audit log. The copy is written to FILE.partial and renamed to FILE only when every check passed; exit status 1 otherwise (FILE.partial is kept for inspection)."
    )
    @OptionGroup var options: CommonOptions
    @Option(help: ArgumentHelp("The backup file to write.", valueName: "file")) var to: String
    @Flag(help: "Replace FILE when it exists.") var force = false
    @Option(help: "Another verifier key (name+keyid+base64, or a file) whose checkpoints count, e.g. a retired key.")
    var key: [String] = []

    func run() async throws {
        let configuration = try options.configuration()
        let source = DatabaseOpener.path(for: configuration)
        guard FileManager.default.fileExists(atPath: source) else {
            throw Failure("no database at \(source): nothing to back up (check --data-dir / --config)")
        }
        let target = URL(fileURLWithPath: to).standardizedFileURL.path
        if FileManager.default.fileExists(atPath: target), !force {
            throw Failure("\(target) exists; --force replaces it")
        }
        let partial = target + ".partial"
        // Created exclusively: two backups to one file never write the same partial copy.
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST {
                throw Failure(
                    "\(partial) exists: another backup to \(target) is running, or a failed one was kept for inspection; remove it first"
                )
            }
            throw Failure("cannot create \(partial): \(String(cString: strerror(errno)))")
        }
        close(descriptor)

        let clock = ContinuousClock()
        let copyStarted = clock.now
        do {
            try BackupFiles.copy(
                from: source, to: partial, busyTimeout: Double(configuration.database.busyTimeoutMs) / 1000)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)  // never completed: nothing to inspect
            throw Failure("the copy of \(source) failed (\(error)); nothing was written")
        }
        let copied = clock.now - copyStarted
        let verifyStarted = clock.now
        let check = BackupCheck.run(
            path: partial, verifiers: try BackupCheck.verifiers(configuration, extra: key), configuration: configuration
        )
        let verified = clock.now - verifyStarted

        print("backup of \(source)")
        check.printReport(name: target)
        print("copied in \(BackupCheck.seconds(copied)), verified in \(BackupCheck.seconds(verified))")
        guard check.isClean else {
            print("NOT VERIFIED: \(target) was not written; the copy is kept as \(partial) for inspection")
            throw ExitCode(1)
        }
        guard rename(partial, target) == 0 else {
            throw Failure("cannot rename \(partial) to \(target): \(String(cString: strerror(errno)))")
        }
        BackupFiles.syncDirectory(of: target)
        if configuration.audit.signingKeys.isEmpty,
            FileManager.default.fileExists(atPath: AuditKeys.developmentKeyPath(configuration))
        {
            print(
                "note: checkpoints are signed with the development key \(AuditKeys.developmentKeyPath(configuration)), which is not in the backup; keep a copy of it (or configure audit.signingKeys) to verify them after a restore"
            )
        }
        print("verified: \(target)")
    }
}

/// `corridor restore --from FILE`: a verified backup becomes the data folder's database.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract:
            "Verify a backup (integrity, voucher ledger, audit log) and make it the data folder's database. Refuses while a server or another process uses the database, and refuses to replace an existing database without --force (which keeps it as corridor.sqlite.before-restore-<timestamp>)."
    )
    @OptionGroup var options: CommonOptions
    @Option(help: ArgumentHelp("The backup file (made by corridor backup).", valueName: "file")) var from: String
    @Flag(help: "Replace an existing database, keeping it as corridor.sqlite.before-restore-<timestamp>.") var force =
        false
    @Option(
        help:
            "Another verifier key (name+keyid+base64, or a file) whose checkpoints count, e.g. the key of the server the backup came from."
    ) var key: [String] = []

    func run() async throws {
        let configuration = try options.configuration()
        let dataDir = configuration.database.dataDir
        let target = DatabaseOpener.path(for: configuration)
        let source = URL(fileURLWithPath: from).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: source) else { throw Failure("no backup at \(source)") }
        guard source != target else { throw Failure("\(source) is the data folder's database itself") }

        // Held until the new database is in place: no server starts half-way through.
        guard let lock = try ServerLock.exclusive(dataDir: dataDir) else {
            throw Failure(
                "refusing to restore: the database \(target) is live — a corridor server is running on \(dataDir) (it holds \(ServerLock.path(dataDir: dataDir))); stop it first"
            )
        }
        defer { lock.release() }
        if let process = ServerLock.processUsing(databasePath: target) {
            throw Failure(
                "refusing to restore: the database \(target) is live — process \(process) has it open; stop it first")
        }
        let exists = FileManager.default.fileExists(atPath: target)
        if exists, !force {
            throw Failure(
                "refusing to restore: \(target) exists; --force replaces it and keeps the old one as \(BackupFiles.fileName(target)).before-restore-<timestamp>"
            )
        }

        let check = BackupCheck.run(
            path: source, verifiers: try BackupCheck.verifiers(configuration, extra: key), configuration: configuration)
        print("checking the backup")
        check.printReport(name: source)
        guard check.isClean else {
            throw Failure("refusing to restore: \(source) did not verify; the data folder is unchanged")
        }

        let staging = target + ".restoring"
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: staging + suffix) }
        do {
            try BackupFiles.copy(
                from: source, to: staging, busyTimeout: Double(configuration.database.busyTimeoutMs) / 1000)
            let copy = try DatabaseQueue(path: staging, configuration: BackupFiles.readOnly())
            let quick = try await copy.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            try copy.close()
            guard quick == ["ok"] else {
                throw Failure("the copy failed quick_check: \(quick.prefix(5).joined(separator: "; "))")
            }
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: staging + suffix)
            }
            throw Failure("the copy into \(dataDir) failed (\(error)); the data folder is unchanged")
        }
        if let kept = try BackupFiles.setAside(target) {
            print("kept the old database as \(kept)")
        }
        guard rename(staging, target) == 0 else {
            throw Failure("cannot rename \(staging) to \(target): \(String(cString: strerror(errno)))")
        }
        BackupFiles.syncDirectory(of: target)
        print("restored \(source) to \(target)")
        print(
            "start the server: corridor serve\(options.dataDir.map { " --data-dir \($0)" } ?? "")\(options.config.map { " --config \($0)" } ?? "")"
        )
    }
}

/// What a backup file holds and whether it passed every check.
struct BackupCheck {
    var bytes: Int64 = 0
    var integrity: [String] = []
    var ledger: LedgerReport?
    var audit: AuditVerification?
    var checkpoint: (size: Int64, root: String)?
    /// Why the file could not be checked at all (not a database, corrupt, another schema).
    var error: String?

    var isClean: Bool { error == nil && integrity == ["ok"] && ledger?.clean == true && audit?.isClean == true }

    /// The configured checkpoint signers' keys (no key yet: only `extra`), as `corridor audit verify` uses.
    static func verifiers(_ configuration: ServerConfiguration, extra: [String]) throws -> [NoteVerifier] {
        let configured = try (try? AuditKeys.signing(configuration, createDevelopmentKey: false))?.verifiers ?? []
        return try configured + extra.map(AuditKeys.verifier)
    }

    /// Opens `path` read-only (it is never changed) and runs every check on it.
    static func run(path: String, verifiers: [NoteVerifier], configuration: ServerConfiguration) -> BackupCheck {
        var check = BackupCheck()
        check.bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        do {
            let queue = try DatabaseQueue(path: path, configuration: BackupFiles.readOnly())
            defer { try? queue.close() }
            try queue.read { db in
                check.integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard check.integrity == ["ok"] else { return }
                let hash = DigestAlgorithm(rawValue: configuration.audit.hash) ?? .sha256
                try AuditTree.check(db, configured: hash)
                check.ledger = try LedgerCheck.run(db)
                check.audit = try AuditVerifier.verify(db, verifiers: verifiers)
                if let head = try AuditVerifier.latestCheckpoint(db) {
                    check.checkpoint = (head.treeSize, head.rootHash)
                }
            }
        } catch let error as AuditLogError {
            check.error = error.description
        } catch let error as DatabaseError {
            check.error = "\(error.message ?? "SQLite error") (SQLite code \(error.extendedResultCode.rawValue))"
        } catch {
            check.error = "\(error)"
        }
        return check
    }

    func printReport(name: String) {
        print("file: \(name) (\(Self.size(bytes)))")
        if let error {
            print("BAD: cannot be checked: \(error)")
            return
        }
        if integrity == ["ok"] {
            print("integrity: ok")
        } else {
            print("integrity: BAD")
            for line in integrity.prefix(20) { print("BAD: \(line)") }
            return
        }
        if let audit {
            print(
                "audit log: \(audit.entries) entries, tree of \(audit.treeSize) leaves (\(audit.hash.rawValue)), \(audit.checkpoints) checkpoints"
            )
        }
        if let checkpoint {
            print("latest checkpoint: size \(checkpoint.size), root \(checkpoint.root)")
        } else {
            print("latest checkpoint: none (no server has signed one yet)")
        }
        if let ledger {
            print(
                "ledger: \(ledger.accounts) accounts, \(ledger.transfers) transfers, sum \(ledger.totalFen) fen: \(ledger.clean ? "clean" : "NOT CLEAN")"
            )
            for violation in ledger.violations { print("VIOLATION: \(violation)") }
        }
        if let audit {
            print("audit: \(audit.isClean ? "clean" : "NOT CLEAN")")
            for problem in audit.problems { print("BAD: \(problem)") }
            if let index = audit.firstBadIndex { print("first bad index: \(index) (entry seq \(index + 1))") }
        }
    }

    static func size(_ bytes: Int64) -> String {
        bytes < 1 << 20 ? "\(bytes) bytes" : String(format: "%.1f MiB, %lld bytes", Double(bytes) / 1_048_576, bytes)
    }

    static func seconds(_ duration: Duration) -> String {
        let (whole, atto) = duration.components
        return String(format: "%.2f s", Double(whole) + Double(atto) / 1e18)
    }
}

/// Copying database files safely.
enum BackupFiles {
    static func readOnly() -> Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        return configuration
    }

    static func fileName(_ path: String) -> String {
        URL(fileURLWithPath: path).lastPathComponent
    }

    /// A consistent snapshot of `source` into the new, empty file `destination` through SQLite's
    /// online backup API: all pages in one step inside one read transaction on the source, so
    /// writers carry on (WAL) and the copy is the database as of one commit. The copy is a
    /// single self-contained file (rollback journal mode), synced to disk.
    static func copy(from source: String, to destination: String, busyTimeout: TimeInterval) throws {
        var sourceConfiguration = readOnly()
        sourceConfiguration.busyMode = .timeout(busyTimeout)
        let reader = try DatabaseQueue(path: source, configuration: sourceConfiguration)
        defer { try? reader.close() }
        var destinationConfiguration = Configuration()
        destinationConfiguration.busyMode = .timeout(busyTimeout)
        let writer = try DatabaseQueue(path: destination, configuration: destinationConfiguration)
        try reader.backup(to: writer)
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
        }
        try writer.close()
        try sync(destination)
    }

    /// Moves the database at `path` and its sidecar files aside as
    /// `<name>.before-restore-<timestamp>`, after folding its write-ahead log into it.
    /// Returns the new name, or nil when there was nothing to move.
    static func setAside(_ path: String) throws -> String? {
        let manager = FileManager.default
        let suffixes = ["", "-wal", "-shm", "-journal"]
        guard suffixes.contains(where: { manager.fileExists(atPath: path + $0) }) else { return nil }
        if manager.fileExists(atPath: path) {
            // Nobody has it open (checked): opening and closing it checkpoints the WAL, so the
            // kept file holds every commit on its own. A damaged one is kept as it is.
            if let queue = try? DatabaseQueue(path: path) {
                _ = try? queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
                try? queue.close()
            }
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var kept = path + ".before-restore-" + formatter.string(from: Date())
        var counter = 1
        while suffixes.contains(where: { manager.fileExists(atPath: kept + $0) }) {
            counter += 1
            kept = path + ".before-restore-" + formatter.string(from: Date()) + "-\(counter)"
        }
        for suffix in suffixes where manager.fileExists(atPath: path + suffix) {
            try manager.moveItem(atPath: path + suffix, toPath: kept + suffix)
        }
        return manager.fileExists(atPath: kept) ? kept : kept + "-wal"
    }

    static func sync(_ path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.synchronize()
    }

    /// Makes a rename durable: the directory entry is on disk.
    static func syncDirectory(of path: String) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
