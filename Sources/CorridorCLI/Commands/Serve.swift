import ArgumentParser
import AuditLog
import Foundation
import HTTPAPI
import Hummingbird
import Identity
import Listings
import Logging
import NIOCore
import Platform
import Console
import Store
import Vouchers

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the HTTPS API (HTTP/2 and HTTP/1.1) on the configured address."
    )
    @OptionGroup var options: CommonOptions
    @Option(help: "Address to bind (default 127.0.0.1).") var host: String?
    @Option(help: "Port to bind (default 8443; 0 picks a free one).") var port: Int?

    func run() async throws {
        var flags: [String: String] = [:]
        if let host { flags["http.host"] = host }
        if let port { flags["http.port"] = String(port) }
        let configuration = try options.configuration(extraFlags: flags)
        LogSetup.bootstrap(configuration.log)
        let metrics = CorridorMetrics()
        metrics.bootstrapProcess()
        let logger = Logger(label: "corridor")
        try FileModes.checkPrivate(dataDir: configuration.database.dataDir, keyFiles: FileModes.keyFiles(configuration))
        // `corridor restore` refuses while the lock is held.
        try ServerLock.holdWhileServing(dataDir: configuration.database.dataDir)
        let database = try DatabaseOpener.open(configuration)
        if let report = try await DatabaseOpener.seedIfEmpty(database, configuration) {
            logger.info(
                "seeded a new database",
                metadata: [
                    "organizations": "\(report.identity.organizationsAdded)",
                    "referenceRows": "\(report.identity.referenceRowsWritten)",
                    "listings": "\(report.listings?.added ?? 0)",
                ])
        }
        let tls =
            try configuration.http.plaintext
            ? nil
            : TLSSetup.configuration(
                configuration.tls,
                files: TLSSetup.files(for: configuration.tls, dataDir: configuration.database.dataDir)
            )
        let signing = try AuditKeys.signing(configuration, createDevelopmentKey: true)
        let webhookKey = try WebhookKeyFile.load(configuration, createDevelopmentKey: true)
        let services = try AppServices(
            database: database, configuration: configuration, auditSigning: signing, webhookKey: webhookKey)
        let scheme = tls == nil ? "http" : "https"
        let console = try await ConsoleSetup.routes(services, configuration: configuration)
        // The background jobs run in the application's service group. On SIGTERM or SIGINT the
        // server stops accepting and finishes its requests, then each job finishes the run in
        // progress (never cancelled mid-transaction), and only then is the database closed.
        let jobs = BackgroundJobs.all(
            services: services, configuration: configuration, logger: logger, eventTitle: ConsoleText.eventTitle,
            eventLink: ConsoleText.targetPath)
        let app = try CorridorServer.buildApplication(
            services: services, configuration: configuration, tls: tls, logger: logger, metrics: metrics,
            extraRoutes: console, backgroundJobs: jobs
        ) { channel in
            let port = channel.localAddress?.port ?? configuration.http.port
            let url = "\(scheme)://\(configuration.http.host):\(port)"
            let banner = """
                Corridor \(CorridorModules.version) is serving \(url) (\(tls == nil ? "HTTP/1.1" : "HTTP/2 and HTTP/1.1 over TLS"))
                Database: \(DatabaseOpener.path(for: configuration))
                Get an admin token: swift run corridor admin create --username admin
                Try: curl -k \(url)/healthz

                """
            // Unbuffered, so scripts waiting on a pipe see it at once.
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        try await app.runService()
        try database.close()
        logger.info("stopped; database closed")
    }
}
