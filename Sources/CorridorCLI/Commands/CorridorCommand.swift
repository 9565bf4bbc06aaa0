import ArgumentParser
import Foundation
import HTTPAPI
import Identity
import Listings
import Store

/// `corridor`: serve the API and operate its database.
public struct CorridorCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "corridor",
        abstract: "The Optics Valley corridor technology-transfer marketplace (光谷科技创新大走廊).",
        version: CorridorModules.version,
        subcommands: [
            Serve.self, Migrate.self, Seed.self, Import.self, Version.self, Admin.self, Eval.self, LedgerCommand.self,
            AuditCommand.self, KeysCommand.self, BackupCommand.self, RestoreCommand.self,
        ],
        defaultSubcommand: Serve.self
    )

    public init() {}

    /// Every file the command creates (database, WAL, keys, backups) is 0600, every folder 0700.
    public static func main() async {
        FileModes.restrictUmask()
        await main(nil)
    }
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version.")

    func run() {
        print("corridor \(CorridorModules.version)")
    }
}

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database (idempotent).")
    @OptionGroup var options: CommonOptions

    func run() throws {
        let configuration = try options.configuration()
        let database = try DatabaseOpener.open(configuration)
        try database.close()
        print("migrated \(DatabaseOpener.path(for: configuration))")
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load Seeds/ (cities, fields, parks, organisations); running it again changes nothing."
    )
    @OptionGroup var options: CommonOptions

    func run() async throws {
        let configuration = try options.configuration()
        let database = try DatabaseOpener.open(configuration)
        defer { try? database.close() }
        let report = try await DatabaseOpener.seed(database, configuration)
        print(
            "seeded: \(report.identity.referenceRowsWritten) reference rows written, "
                + "\(report.identity.organizationsAdded) organisations added, \(report.identity.organizationsPresent) already present"
        )
        if let listings = report.listings {
            print("listings: \(listings.added) added, \(listings.present) already present")
        }
    }
}
