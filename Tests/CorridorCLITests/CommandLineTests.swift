import Foundation
import Testing

/// The `corridor` binary itself, as an operator runs it.
@Suite(.serialized)
struct CommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The binary built beside this test bundle.
    static var binary: String {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundleDirectory.appendingPathComponent("corridor"), root.appendingPathComponent(".build/debug/corridor"),
        ]
        return (candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]).path
    }

    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-cli-\(UUID().uuidString)")
        // Private, as `corridor serve` requires of a data folder.
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return url.path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func corridor(
        _ arguments: [String], input: String? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CORRIDOR_") }
        env.merge(environment) { $1 }
        env["CORRIDOR_AUTH_BCRYPT_COST"] = env["CORRIDOR_AUTH_BCRYPT_COST"] ?? "4"
        process.environment = env
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func sqlite(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func versionPrintsTheVersion() throws {
        let result = try Self.corridor(["version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("corridor "))
    }

    @Test func seedIsIdempotent() throws {
        let directory = try Self.temporaryDirectory()
        let migrate = try Self.corridor(["migrate", "--data-dir", directory])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        let database = directory + "/corridor.sqlite"
        #expect(try Self.sqlite(database, "SELECT count(*) FROM organizations") == "0")
        let first = try Self.corridor(["seed", "--data-dir", directory])
        #expect(first.status == 0, "\(first.stderr)")
        let counts = try Self.sqlite(
            database, "SELECT (SELECT count(*) FROM organizations) || ' ' || (SELECT count(*) FROM audit_log)")
        let second = try Self.corridor(["seed", "--data-dir", directory])
        #expect(second.status == 0)
        #expect(second.stdout.contains("0 reference rows written, 0 organisations added"))
        #expect(
            try Self.sqlite(
                database, "SELECT (SELECT count(*) FROM organizations) || ' ' || (SELECT count(*) FROM audit_log)")
                == counts)
    }

    @Test func adminCreatePrintsAWorkingTokenLast() throws {
        let directory = try Self.temporaryDirectory()
        let result = try Self.corridor(
            ["admin", "create", "--username", "ops", "--data-dir", directory], input: "a long enough password\n")
        #expect(result.status == 0, "\(result.stderr)")
        let token = try #require(result.stdout.split(separator: "\n").last.map(String.init))
        #expect(token.hasPrefix("cor_") && token.count == 47)
        #expect(!result.stdout.contains("password:"))  // given on stdin, so not printed
        let database = directory + "/corridor.sqlite"
        #expect(try Self.sqlite(database, "SELECT role FROM users WHERE username = 'ops'") == "platform_admin")
        #expect(
            try Self.sqlite(database, "SELECT count(*) FROM audit_log WHERE action IN ('user.create', 'token.create')")
                == "2")
        // The plain token is nowhere in the database.
        #expect(
            try Self.sqlite(database, "SELECT count(*) FROM tokens WHERE token_hash = CAST('\(token)' AS BLOB)") == "0")
        let again = try Self.corridor(
            ["admin", "create", "--username", "ops", "--data-dir", directory], input: "another long password\n")
        #expect(again.status != 0)
        #expect(again.stderr.contains("username_taken"))
    }

    @Test func badConfigurationFailsStartUpNamingTheKey() throws {
        let directory = try Self.temporaryDirectory()
        let unknown = try Self.corridor(["serve", "--data-dir", directory], environment: ["CORRIDOR_HTTP_PROT": "1"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("CORRIDOR_HTTP_PROT"))
        let invalid = try Self.corridor(["serve", "--data-dir", directory, "--port", "99999"])
        #expect(invalid.status != 0)
        #expect(invalid.stderr.contains("http.port"))
    }

    @Test func serveShutsDownGracefullyOnSIGTERM() async throws {
        let directory = try Self.temporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--data-dir", directory, "--port", "0"]
        process.currentDirectoryURL = Self.root
        let out = Pipe()
        process.standardOutput = out
        // The log, to say why when the exit is not clean (read after exit: it is small).
        let log = directory + "/serve.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        // Wait for the banner, which names the port.
        var banner = ""
        let deadline = Date().addingTimeInterval(60)
        while !banner.contains("is serving"), Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        #expect(banner.contains("is serving https://127.0.0.1:"))
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        let said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(process.terminationReason == .exit, "\(said.suffix(2_000))")
        #expect(process.terminationStatus == 0, "\(said.suffix(2_000))")
        // The database was closed cleanly: no write-ahead log left to replay.
        let wal = directory + "/corridor.sqlite-wal"
        let walSize = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        #expect(walSize == 0)
        #expect(try Self.sqlite(directory + "/corridor.sqlite", "PRAGMA integrity_check") == "ok")
    }
}
