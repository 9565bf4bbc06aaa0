import GRDB

/// The only ways to write without the audited write path, each named for why it may.
///
/// Everything else writes through `write`/`writeSync`, which append an audit entry in the same
/// transaction. Adding a bypass means adding an accessor here, where review sees it.
extension AppDatabase {
    /// Stores signed checkpoints and witnesses' cosignatures (the audit log's checkpoint service).
    ///
    /// A checkpoint is a signed statement about the audit log, its head, not an action on the
    /// marketplace: an audit entry per checkpoint would make every checkpoint stale at once. The
    /// checkpoint tables are append-only (triggers) and verified against the log they sign.
    public func checkpointWrite<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await translatingErrors { try await writer.write(body) }
    }

    /// Files outbox events into inboxes and records deliveries (the notifications' delivery
    /// service). A delivery is the consequence of a write that is already audited, keyed by that
    /// write's event id; an audit entry per delivery would repeat a fact the log already holds.
    public func deliveryWrite<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await translatingErrors { try await writer.write(body) }
    }

    /// Checkpoints the write-ahead log into the database file and empties it, so that the file
    /// size measured next is the data's (the benchmarks). Moves pages, changes no row.
    public func truncateWriteAheadLog() async throws {
        try await writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    /// corridor-bench only: synthetic audit rows and tree nodes written straight in (millions of
    /// leaves in minutes), a tree append timed on its own, and throwaway side tables for
    /// experiments, all in a benchmark's own database. Never used by the server.
    public var benchmarkWriter: any DatabaseWriter { writer }

    /// Tests only (`@_spi(Testing) import Store`): raw access to seed fixtures, copy template
    /// databases and prove that tampering is caught, bypassing the audit log on purpose.
    @_spi(Testing) public var testWriter: any DatabaseWriter { writer }
}
