import Foundation
import GRDB
import Kernel

/// The one database of the process: a WAL `DatabasePool` on disk (one writer, pooled readers)
/// or an in-memory queue in tests, migrated on open.
///
/// The raw writer is not public: modules write through the audited write path (`write`,
/// `writeSync` in WritePath.swift) and read through `read`/`readSync`. The few writes that must
/// skip the audit log have accessors named for why (UnauditedAccess.swift), so a bypass is
/// always visible at the call site and in this module.
public final class AppDatabase: Sendable {
    let writer: any DatabaseWriter
    public let clock: any Clock
    /// How long a stored Idempotency-Key response is replayed.
    public let idempotencyLifetime: TimeInterval
    /// The modules' observers of each appended audit entry, in module order.
    let auditObservers: [ModuleMigrations.AuditObserver]
    /// The guards of writes a broker makes for a client (issue 18), in module order.
    let writeGuards: [ModuleMigrations.WriteGuard]
    /// Times every audited write once the server gives it a metrics factory.
    public let writeMetrics = WriteMetrics()
    /// Whether writes append their notification events to the outbox (`notifications.enabled`).
    public let recordsEvents: Bool

    init(
        writer: any DatabaseWriter, clock: any Clock, modules: [ModuleMigrations], idempotencyLifetime: TimeInterval,
        recordsEvents: Bool = true
    ) throws {
        self.writer = writer
        self.clock = clock
        self.idempotencyLifetime = idempotencyLifetime
        self.recordsEvents = recordsEvents
        self.auditObservers = modules.compactMap(\.auditObserver)
        self.writeGuards = modules.compactMap(\.writeGuard)
        var migrator = DatabaseMigrator()
        StoreMigrations.all.register(in: &migrator)
        for module in modules {
            module.register(in: &migrator)
        }
        try migrator.migrate(writer)
    }

    /// Opens (creating if needed) the database file at `path`.
    public static func open(
        path: String,
        clock: any Clock,
        modules: [ModuleMigrations],
        busyTimeout: TimeInterval = 5,
        idempotencyLifetime: TimeInterval = 86_400,
        recordsEvents: Bool = true
    ) throws -> AppDatabase {
        var configuration = Self.configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.maximumReaderCount = 8
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB sets synchronous = NORMAL on the writer after prepareDatabase; money needs every
        // commit on disk before it is acknowledged, so set FULL once the pool is open.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return try AppDatabase(
            writer: pool, clock: clock, modules: modules, idempotencyLifetime: idempotencyLifetime,
            recordsEvents: recordsEvents)
    }

    /// Every connection: foreign keys on, and recursive triggers on, so that INSERT OR REPLACE
    /// fires the DELETE triggers that keep the audit log, the ledger and the checkpoints
    /// append-only (without it SQLite deletes the clashing row silently).
    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA recursive_triggers = ON")
        }
        return configuration
    }

    /// A private in-memory database, for tests.
    public static func inMemory(
        clock: any Clock,
        modules: [ModuleMigrations],
        idempotencyLifetime: TimeInterval = 86_400,
        recordsEvents: Bool = true
    ) throws -> AppDatabase {
        let queue = try DatabaseQueue(configuration: Self.configuration())
        return try AppDatabase(
            writer: queue, clock: clock, modules: modules, idempotencyLifetime: idempotencyLifetime,
            recordsEvents: recordsEvents)
    }

    /// A read-only snapshot read. Reads skip the audit log.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await translatingErrors { try await writer.read(body) }
    }

    /// The same read for synchronous callers (the command line, seeding, bootstrap).
    public func readSync<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrorsSync { try writer.read(body) }
    }

    /// The value of `PRAGMA synchronous` on the writer connection (2 = FULL).
    public func writerSynchronousMode() throws -> Int {
        try writer.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
        }
    }

    /// True when the writer can take a write transaction now.
    public func isWritable() async -> Bool {
        do {
            try await writer.write { db in try db.execute(sql: "SELECT 1") }
            return true
        } catch {
            return false
        }
    }

    /// Checkpoints the write-ahead log into the database file (leaving it empty) and closes.
    public func close() throws {
        if let pool = writer as? DatabasePool {
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            try pool.close()
        } else if let queue = writer as? DatabaseQueue {
            try queue.close()
        }
    }
}
