import Foundation
@testable import CorridorCLI
import HTTPAPI
import Hummingbird
import Identity
import Logging
import NIOCore
import Platform
import Store

/// The real server, on an ephemeral loopback port, over real sockets and TLS.
enum LiveServer {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func configuration(dataDir: URL) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        // A problem code the contract does not document for its operation fails the test that met it.
        configuration.http.checkProblemCodes = true
        configuration.http.port = 0
        configuration.database.dataDir = dataDir.path
        configuration.seeds.directory = root.appendingPathComponent("Seeds").path
        configuration.auth.bcryptCost = 4
        // Staff sign in without TOTP here; the enforcement has tests of its own with it on.
        configuration.security.requireTOTPForStaff = false
        configuration.seeds.listings = false
        return configuration
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Starts the server as `corridor serve` would, runs `body` with its port, then shuts it down.
    static func with<T: Sendable>(
        _ configuration: ServerConfiguration,
        _ body: @Sendable (_ port: Int, _ database: AppDatabase) async throws -> T
    ) async throws -> T {
        let database = try DatabaseOpener.open(configuration)
        _ = try await DatabaseOpener.seedIfEmpty(database, configuration)
        let tls =
            try configuration.http.plaintext
            ? nil
            : TLSSetup.configuration(
                configuration.tls,
                files: TLSSetup.files(for: configuration.tls, dataDir: configuration.database.dataDir))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let services = try AppServices(
            database: database, configuration: configuration,
            auditSigning: try AuditKeys.signing(configuration, createDevelopmentKey: true)
        )
        let app = try CorridorServer.buildApplication(
            services: services, configuration: configuration, tls: tls, logger: Logger(label: "e2e"),
            extraRoutes: try await ConsoleSetup.routes(services, configuration: configuration)
        ) { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
        }
        let result = try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw ServerDidNotStart() }
            let value = try await body(port, database)
            group.cancelAll()
            return value
        }
        try database.close()
        return result
    }

    struct ServerDidNotStart: Error {}
}

/// A finished command's exit status and output.
struct CommandResult: Sendable {
    var status: Int32
    var output: String
}

/// Runs a command without blocking the concurrency pool the server in this process needs. The
/// output is read to its end on a thread of its own and only then is the exit status taken, so
/// no byte can arrive after the result is handed back (a readability handler racing the
/// termination handler once lost a whole answer under load).
func run(_ executable: String, _ arguments: [String], input: String? = nil) async throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    let stdin = Pipe()
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try? stdin.fileHandleForWriting.close()
    return await withCheckedContinuation { continuation in
        Thread.detachNewThread {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            continuation.resume(
                returning: CommandResult(
                    status: process.terminationStatus, output: String(decoding: data, as: UTF8.self)))
        }
    }
}

/// curl against the live server: status line values and body.
func curl(_ arguments: [String]) async throws -> CommandResult {
    try await run("/usr/bin/curl", ["-sS", "--max-time", "20"] + arguments)
}
