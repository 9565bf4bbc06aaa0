import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who is using a data folder's database, so `corridor restore` never replaces a live one.
///
/// `corridor serve` holds a shared `flock` on `corridor.lock` in the data folder for as long as
/// it runs (the kernel releases it when the process ends, `kill -9` included); `corridor restore`
/// takes it exclusively without waiting, and holds it while it swaps the files, so a server
/// cannot start half-way through a restore. Any other process that has the database open in WAL
/// mode (an older server, `corridor import`, the sqlite3 shell) is found by the shared lock
/// SQLite keeps on the `-shm` file's "DMS" byte for every open connection.
enum ServerLock {
    static let fileName = "corridor.lock"

    static func path(dataDir: String) -> String {
        URL(fileURLWithPath: dataDir).appendingPathComponent(fileName).path
    }

    /// `corridor serve`: a shared lock held until the process exits (the descriptor is left
    /// open on purpose). Fails when a restore is replacing the database.
    static func holdWhileServing(dataDir: String) throws {
        let descriptor = try openLockFile(dataDir: dataDir)
        guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else {
            close(descriptor)
            throw Failure(
                "\(path(dataDir: dataDir)) is locked: `corridor restore` is replacing the database; start the server when it has finished"
            )
        }
    }

    /// The exclusive lock a restore holds; nil when a server holds the shared one.
    final class Exclusive {
        private var descriptor: Int32

        fileprivate init(descriptor: Int32) {
            self.descriptor = descriptor
        }

        func release() {
            guard descriptor >= 0 else { return }
            flock(descriptor, LOCK_UN)
            close(descriptor)
            descriptor = -1
        }

        deinit { release() }
    }

    static func exclusive(dataDir: String) throws -> Exclusive? {
        let descriptor = try openLockFile(dataDir: dataDir)
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return Exclusive(descriptor: descriptor)
    }

    /// The process id of another process that has the SQLite database at `databasePath` open,
    /// or nil. SQLite's unix VFS keeps a shared POSIX lock on byte 128 of `-shm` (the "DMS"
    /// byte) for every connection open in WAL mode; F_GETLK names a process holding it.
    static func processUsing(databasePath: String) -> Int32? {
        let descriptor = open(databasePath + "-shm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }  // no shared memory: no connection open in WAL mode
        defer { close(descriptor) }
        var probe = flock()
        probe.l_type = Int16(F_WRLCK)
        probe.l_whence = Int16(SEEK_SET)
        probe.l_start = 128
        probe.l_len = 1
        guard fcntl(descriptor, F_GETLK, &probe) == 0, probe.l_type != Int16(F_UNLCK) else { return nil }
        return probe.l_pid
    }

    private static func openLockFile(dataDir: String) throws -> Int32 {
        try FileManager.default.createDirectory(
            atPath: dataDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
        )
        let file = path(dataDir: dataDir)
        let descriptor = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Failure("cannot open \(file): \(String(cString: strerror(errno)))")
        }
        return descriptor
    }
}
