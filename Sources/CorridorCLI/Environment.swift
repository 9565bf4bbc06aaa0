import ArgumentParser
import AuditLog
import CorridorCrypto
import Foundation
import HTTPAPI
import Identity
import Listings
import Kernel
import Platform
import Store
import GRDB

/// Options every command that touches the database takes.
struct CommonOptions: ParsableArguments {
    @Option(help: "A JSON configuration file (see Config/production.example.json).")
    var config: String?

    @Option(
        name: .customLong("data-dir"),
        help: "Where the database and development certificate live (default ./.corridor).")
    var dataDir: String?

    func configuration(extraFlags: [String: String] = [:]) throws -> ServerConfiguration {
        var flags = extraFlags
        if let dataDir { flags["database.dataDir"] = dataDir }
        do {
            return try ConfigurationLoader.load(
                file: config, environment: ProcessInfo.processInfo.environment, flags: flags)
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
    }
}

/// Opening the one database of a data folder, migrated, seeded when new.
enum DatabaseOpener {
    static func path(for configuration: ServerConfiguration) -> String {
        URL(fileURLWithPath: configuration.database.dataDir).appendingPathComponent("corridor.sqlite").path
    }

    static func open(_ configuration: ServerConfiguration, clock: any Clock = SystemClock()) throws -> AppDatabase {
        try FileManager.default.createDirectory(
            atPath: configuration.database.dataDir, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        let hash = DigestAlgorithm(rawValue: configuration.audit.hash) ?? .sha256
        let database = try AppDatabase.open(
            path: path(for: configuration), clock: clock, modules: CorridorModules.migrations(auditHash: hash),
            busyTimeout: Double(configuration.database.busyTimeoutMs) / 1000,
            idempotencyLifetime: Double(configuration.idempotency.keyLifetimeSeconds),
            recordsEvents: configuration.notifications.enabled
        )
        FileModes.tightenDatabase(path(for: configuration))
        do {
            try database.readSync { db in try AuditTree.check(db, configured: hash) }
        } catch let error as AuditLogError {
            throw ValidationError(error.description)
        }
        return database
    }

    struct SeedReport {
        var identity: IdentitySeeder.Report
        var listings: ListingSeeder.Report?
    }

    /// Loads the seeds into a database that has no organisations yet; returns the report or nil.
    static func seedIfEmpty(_ database: AppDatabase, _ configuration: ServerConfiguration) async throws -> SeedReport? {
        guard configuration.seeds.loadOnCreate else { return nil }
        let empty = try await database.read { db in try OrganizationDirectory.isEmpty(db) }
        guard empty else { return nil }
        return try await seed(database, configuration)
    }

    static func seed(_ database: AppDatabase, _ configuration: ServerConfiguration) async throws -> SeedReport {
        let directory = URL(fileURLWithPath: configuration.seeds.directory)
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("organizations.json").path) else {
            throw ValidationError(
                "no seeds at \(directory.path): run from the repository's root or set seeds.directory / CORRIDOR_SEEDS_DIRECTORY"
            )
        }
        let identity = try IdentitySeeder.load(directory: directory, into: database)
        let listingsDirectory = directory.appendingPathComponent("listings")
        guard configuration.seeds.listings,
            FileManager.default.fileExists(atPath: listingsDirectory.appendingPathComponent("patents.json").path)
        else { return SeedReport(identity: identity, listings: nil) }
        let listings = try await ListingSeeder(database: database).load(directory: listingsDirectory)
        return SeedReport(identity: identity, listings: listings)
    }
}
