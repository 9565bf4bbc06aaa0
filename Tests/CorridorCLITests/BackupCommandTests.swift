import Foundation
import Testing

/// `corridor backup` and `corridor restore` as an operator runs them, against a seeded database
/// and against a server that is writing.
@Suite(.serialized)
struct BackupCommandTests {
    typealias CLI = CommandLineTests

    /// Every table's row count, as one line ("name=count …").
    static func rowCounts(_ database: String) throws -> String {
        let tables = try CLI.sqlite(
            database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
        .split(separator: "\n").map(String.init)
        #expect(tables.contains("audit_log") && tables.contains("ledger_transfers"))
        let sql =
            "SELECT " + tables.map { "'\($0)=' || (SELECT count(*) FROM \"\($0)\")" }.joined(separator: " || ' ' || ")
        return try CLI.sqlite(database, sql)
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    @Test func aSeededDatabaseBacksUpVerifiesAndRestores() throws {
        let source = try CLI.temporaryDirectory(), backups = try CLI.temporaryDirectory(),
            restored = try CLI.temporaryDirectory()
        defer {
            for directory in [source, backups, restored] { try? FileManager.default.removeItem(atPath: directory) }
        }
        #expect(try CLI.corridor(["seed", "--data-dir", source]).status == 0)
        #expect(
            try CLI.corridor(
                ["admin", "create", "--username", "ops", "--data-dir", source], input: "a long enough password\n"
            ).status == 0)
        let file = backups + "/corridor-backup.sqlite"

        let started = Date()
        let backup = try CLI.corridor(["backup", "--data-dir", source, "--to", file])
        let elapsed = Date().timeIntervalSince(started)
        #expect(backup.status == 0, "\(backup.stdout) \(backup.stderr)")
        for line in [
            "file: \(file) (", "integrity: ok", "latest checkpoint: none", "audit: clean", "verified: \(file)",
        ] {
            #expect(backup.stdout.contains(line), "\(line) in \(backup.stdout)")
        }
        #expect(backup.stdout.contains(" transfers, sum 0 fen: clean"))
        #expect(Self.exists(file) && !Self.exists(file + ".partial"))
        let entries = try CLI.sqlite(source + "/corridor.sqlite", "SELECT count(*) FROM audit_log")
        #expect(
            backup.stdout.contains("audit log: \(entries) entries, tree of \(entries) leaves (sha256)"),
            "\(backup.stdout)")
        #expect(try CLI.sqlite(file, "PRAGMA journal_mode") == "delete")  // one self-contained file
        print(
            "backup of the seeded database (\(try FileManager.default.attributesOfItem(atPath: file)[.size] ?? 0) bytes): \(String(format: "%.2f", elapsed)) s for the whole command; \(backup.stdout.split(separator: "\n").first { $0.hasPrefix("copied in") } ?? "")"
        )

        // An existing backup is replaced only with --force.
        let again = try CLI.corridor(["backup", "--data-dir", source, "--to", file])
        #expect(again.status == 1 && again.stderr.contains("exists; --force replaces it"), "\(again.stderr)")
        #expect(try CLI.corridor(["backup", "--data-dir", source, "--to", file, "--force"]).status == 0)
        let nothing = try CLI.corridor(["backup", "--data-dir", restored, "--to", backups + "/empty.sqlite"])
        #expect(nothing.status == 1 && nothing.stderr.contains("no database at"))

        // Restored into an empty folder, every check is clean and every table has the same rows.
        let restore = try CLI.corridor(["restore", "--data-dir", restored, "--from", file])
        #expect(restore.status == 0, "\(restore.stdout) \(restore.stderr)")
        #expect(restore.stdout.contains("restored \(file) to \(restored)/corridor.sqlite"))
        let ledger = try CLI.corridor(["ledger", "check", "--data-dir", restored])
        #expect(ledger.status == 0 && ledger.stdout.contains("clean"), "\(ledger.stdout)")
        let audit = try CLI.corridor(["audit", "verify", "--data-dir", restored])
        #expect(audit.status == 0 && audit.stdout.contains("clean"), "\(audit.stdout)")
        #expect(try Self.rowCounts(restored + "/corridor.sqlite") == Self.rowCounts(source + "/corridor.sqlite"))

        // An existing database is replaced only with --force, which keeps the old one.
        let existing = try CLI.corridor(["restore", "--data-dir", restored, "--from", file])
        #expect(existing.status == 1 && existing.stderr.contains("exists; --force replaces it"), "\(existing.stderr)")
        #expect(
            try CLI.corridor(
                ["admin", "create", "--username", "later", "--data-dir", restored], input: "a long enough password\n"
            ).status == 0)
        let forced = try CLI.corridor(["restore", "--data-dir", restored, "--from", file, "--force"])
        #expect(forced.status == 0, "\(forced.stdout) \(forced.stderr)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: restored).filter {
            $0.hasPrefix("corridor.sqlite.before-restore-")
        }
        #expect(kept.count == 1, "\(kept)")
        if let kept = kept.first {
            #expect(try CLI.sqlite("\(restored)/\(kept)", "SELECT count(*) FROM users WHERE username = 'later'") == "1")
        }
        #expect(
            try CLI.sqlite(restored + "/corridor.sqlite", "SELECT count(*) FROM users WHERE username = 'later'") == "0")

        // Any other process with the database open (here the sqlite3 shell) makes it live too.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [restored + "/corridor.sqlite"]
        let input = Pipe(), output = Pipe()
        shell.standardInput = input
        shell.standardOutput = output
        try shell.run()
        defer { try? input.fileHandleForWriting.close(); shell.waitUntilExit() }
        input.fileHandleForWriting.write(
            Data("PRAGMA journal_mode = WAL; SELECT 'open', count(*) FROM organizations;\n".utf8))
        var seen = ""
        while !seen.contains("open") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        let busy = try CLI.corridor(["restore", "--data-dir", restored, "--from", file, "--force"])
        #expect(
            busy.status == 1 && busy.stderr.contains("is live — process \(shell.processIdentifier) has it open"),
            "\(busy.stderr)")
    }

    @Test func aCorruptBackupIsRefused() throws {
        let source = try CLI.temporaryDirectory(), target = try CLI.temporaryDirectory()
        defer { for directory in [source, target] { try? FileManager.default.removeItem(atPath: directory) } }
        #expect(try CLI.corridor(["seed", "--data-dir", source]).status == 0)
        let file = source + "/backup.sqlite"
        #expect(try CLI.corridor(["backup", "--data-dir", source, "--to", file]).status == 0)
        let size = try #require(FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: file))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()

        let restore = try CLI.corridor(["restore", "--data-dir", target, "--from", file])
        #expect(restore.status == 1)
        #expect(restore.stderr.contains("did not verify; the data folder is unchanged"), "\(restore.stderr)")
        #expect(restore.stdout.contains("BAD: "), "\(restore.stdout)")
        #expect(!Self.exists(target + "/corridor.sqlite"))

        // Not a database at all.
        let text = source + "/notes.txt"
        try "not a database\n".write(toFile: text, atomically: true, encoding: .utf8)
        let garbage = try CLI.corridor(["restore", "--data-dir", target, "--from", text])
        #expect(garbage.status == 1 && garbage.stderr.contains("did not verify"), "\(garbage.stdout) \(garbage.stderr)")
        #expect(!Self.exists(target + "/corridor.sqlite"))
    }

    // MARK: - Under load

    /// One request with curl: the status and the decoded JSON body.
    static func request(
        _ method: String, _ url: String, token: String?, body: [String: Any]? = nil
    ) throws -> (status: Int, json: [String: Any]) {
        var arguments = ["-sk", "-X", method, "-w", "\n%{http_code}", "-H", "Accept: application/json"]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let body {
            arguments += [
                "-H", "Content-Type: application/json", "--data-binary",
                String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self),
            ]
        }
        let (text, _) = try run("/usr/bin/curl", arguments + [url])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let status = Int(lines.last ?? "") ?? 0
        let json =
            (try? JSONSerialization.jsonObject(with: Data(lines.dropLast().joined(separator: "\n").utf8)))
            as? [String: Any] ?? [:]
        return (status, json)
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (String, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }

    /// A curl config file of POSTs, all on one connection; curl prints each status on a line.
    static func writeLoad(_ path: String, token: String, requests: [(url: String, body: [String: Any])]) throws {
        var text = ""
        for (index, request) in requests.enumerated() {
            if index > 0 { text += "next\n" }
            let body = String(decoding: try JSONSerialization.data(withJSONObject: request.body), as: UTF8.self)
            let quoted = body.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            text += """
                url = "\(request.url)"
                insecure
                silent
                output = "/dev/null"
                write-out = "%{http_code}\\n"
                retry = 5
                header = "Authorization: Bearer \(token)"
                header = "Content-Type: application/json"
                data-binary = "\(quoted)"

                """
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func aBackupTakenWhileTheServerWritesVerifiesAndRestoresAndRestoreRefusesTheLiveDatabase() async throws {
        let data = try CLI.temporaryDirectory(), backups = try CLI.temporaryDirectory(),
            restored = try CLI.temporaryDirectory()
        defer { for directory in [data, backups, restored] { try? FileManager.default.removeItem(atPath: directory) } }
        let quick = ["CORRIDOR_SEEDS_LISTINGS": "false"]
        #expect(try CLI.corridor(["seed", "--data-dir", data], environment: quick).status == 0)
        let admin = try CLI.corridor(
            ["admin", "create", "--username", "ops", "--data-dir", data], input: "a long enough password\n")
        let platform = try #require(admin.stdout.split(separator: "\n").last.map(String.init))

        let server = Process()
        server.executableURL = URL(fileURLWithPath: CLI.binary)
        server.arguments = ["serve", "--data-dir", data, "--port", "0"]
        server.currentDirectoryURL = CLI.root
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CORRIDOR_") }
        environment.merge(quick) { $1 }
        environment["CORRIDOR_AUTH_BCRYPT_COST"] = "4"
        environment["CORRIDOR_AUDIT_CHECKPOINT_SECONDS"] = "1"  // signed checkpoints during the load
        environment["CORRIDOR_LOG_LEVEL"] = "warning"
        // The load is one client per token at full speed: no rate limit (0 turns a limit off).
        environment["CORRIDOR_LIMITS_REQUESTS_PER_MINUTE_PER_TOKEN"] = "0"
        environment["CORRIDOR_LIMITS_REQUESTS_PER_MINUTE_PER_ADDRESS"] = "0"
        // The city administrator signs in without one-time passwords here (their own tests enforce them).
        environment["CORRIDOR_SECURITY_REQUIRE_TOTPFOR_STAFF"] = "false"
        server.environment = environment
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            if server.isRunning {
                server.terminate()
                server.waitUntilExit()
            }
        }
        var banner = ""
        let deadline = Date().addingTimeInterval(60)
        while !banner.contains("is serving"), Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(banner.split(separator: "https://127.0.0.1:").dropFirst().first?.prefix { $0.isNumber })
        let base = "https://127.0.0.1:\(port)"

        // A city administrator with a voucher policy: each amendment funds or defunds its budget (a ledger transfer).
        let governments = try Self.request("GET", base + "/v1/organizations?kind=government&city=HS", token: platform)
        let government = try #require(
            (governments.json["items"] as? [[String: Any]])?.first?["id"] as? Int, "\(governments)")
        let user = try Self.request(
            "POST", base + "/v1/organizations/\(government)/users", token: platform,
            body: [
                "username": "kjj.hs", "displayName": "kjj.hs", "role": "city_admin",
                "password": "a long enough password",
            ])
        #expect(user.status == 201, "\(user)")
        let login = try Self.request(
            "POST", base + "/v1/auth/login", token: nil,
            body: ["username": "kjj.hs", "password": "a long enough password"])
        let cityAdmin = try #require(login.json["token"] as? String, "\(login)")
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        func policy(_ budget: Int) -> [String: Any] {
            [
                "year": year, "budgetFen": budget, "unitFen": 100_000, "yearlyCapFen": 100_000_000,
                "categories": [["category": "testing", "ratioPermille": 500]],
                "validUntil": "\(year + 1)-12-31T00:00:00Z",
            ]
        }
        let created = try Self.request(
            "POST", base + "/v1/voucher-policies", token: cityAdmin, body: policy(1_000_000_000))
        let policyID = try #require(created.json["id"] as? Int, "\(created)")

        // The load: 200 amendments (each supersedes the last, so the ids follow) and 200 new API tokens, two clients at once.
        let amendments = (0..<200).map { index in
            (
                url: base + "/v1/voucher-policies/\(policyID + index)/amendments",
                body: policy(index % 2 == 0 ? 2_000_000_000 : 1_000_000_000)
            )
        }
        let tokens = (0..<200).map { index in
            (url: base + "/v1/tokens", body: ["name": "load-\(index)"] as [String: Any])
        }
        try Self.writeLoad(backups + "/amendments.curl", token: cityAdmin, requests: amendments)
        try Self.writeLoad(backups + "/tokens.curl", token: platform, requests: tokens)
        let database = data + "/corridor.sqlite"
        let before = try #require(Int(try CLI.sqlite(database, "SELECT count(*) FROM audit_log")))
        let clients = try ["amendments", "tokens"].map { name in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["-K", backups + "/\(name).curl"]
            process.standardOutput = try FileHandle(
                forWritingTo: URL(fileURLWithPath: backups + "/\(name).codes").creatingFile())
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        defer { for client in clients where client.isRunning { client.terminate() } }
        // The backup starts once the load is under way.
        let loadDeadline = Date().addingTimeInterval(30)
        while (Int(try CLI.sqlite(database, "SELECT count(*) FROM audit_log")) ?? 0) < before + 20,
            Date() < loadDeadline
        {
            try await Task.sleep(for: .milliseconds(20))
        }
        let file = backups + "/under-load.sqlite"
        let backup = try CLI.corridor(["backup", "--data-dir", data, "--to", file])
        let stillWriting = clients.contains { $0.isRunning }
        for client in clients { client.waitUntilExit() }
        #expect(backup.status == 0, "\(backup.stdout) \(backup.stderr)")
        #expect(
            backup.stdout.contains("audit: clean") && backup.stdout.contains("verified: \(file)"), "\(backup.stdout)")
        #expect(backup.stdout.contains("fen: clean"), "\(backup.stdout)")
        let codes = try ["amendments", "tokens"].map { name in
            try String(contentsOfFile: backups + "/\(name).codes", encoding: .utf8).split(separator: "\n")
        }
        #expect(
            codes[0].count == 200 && codes[0].allSatisfy { $0 == "201" || $0 == "200" }, "amendments: \(Set(codes[0]))")
        #expect(codes[1].count == 200 && codes[1].allSatisfy { $0 == "201" }, "tokens: \(Set(codes[1]))")

        // The copy is of one moment in the middle of the load.
        let inBackup = try #require(Int(try CLI.sqlite(file, "SELECT count(*) FROM audit_log")))
        let after = try #require(Int(try CLI.sqlite(database, "SELECT count(*) FROM audit_log")))
        print(
            "backup under load: audit entries \(before) before the load, \(inBackup) in the backup, \(after) after; load still running when the backup finished: \(stillWriting); \(backup.stdout.split(separator: "\n").first { $0.hasPrefix("copied in") } ?? "")"
        )
        #expect(after >= before + 400)
        #expect(inBackup > before, "the backup has \(inBackup) entries, \(before) before the load")
        // Both halves of "mid-load" are checked every run: a load that ends before the backup
        // does proves nothing about a backup taken while the server writes, so it fails the test.
        #expect(stillWriting, "the load finished before the backup did: lengthen the load")
        #expect(inBackup < after, "the backup has \(inBackup) entries, \(after) after the load")
        #expect(try CLI.sqlite(file, "SELECT count(*) FROM audit_checkpoints") != "0")

        // The live database is never replaced, with or without --force.
        for arguments in [[], ["--force"]] {
            let live = try CLI.corridor(["restore", "--data-dir", data, "--from", file] + arguments)
            #expect(live.status == 1, "\(live.stdout)")
            #expect(
                live.stderr.contains(
                    "refusing to restore: the database \(database) is live — a corridor server is running"),
                "\(live.stderr)")
        }

        // Restored elsewhere (the checkpoints' key configured, as in production), every check is clean.
        let key = ["CORRIDOR_AUDIT_SIGNING_KEYS": data + "/audit-ed25519.pem"]
        let restore = try CLI.corridor(["restore", "--data-dir", restored, "--from", file], environment: key)
        #expect(restore.status == 0, "\(restore.stdout) \(restore.stderr)")
        let ledger = try CLI.corridor(["ledger", "check", "--data-dir", restored], environment: key)
        #expect(ledger.status == 0 && ledger.stdout.contains("clean"), "\(ledger.stdout)")
        let audit = try CLI.corridor(["audit", "verify", "--data-dir", restored], environment: key)
        #expect(audit.status == 0 && audit.stdout.contains("clean"), "\(audit.stdout)")
        #expect(try Self.rowCounts(restored + "/corridor.sqlite") == Self.rowCounts(file))
        // Without the key, the signed checkpoints cannot be trusted: the restore is refused.
        let unkeyed = try CLI.corridor(["restore", "--data-dir", backups + "/elsewhere", "--from", file])
        #expect(unkeyed.status == 1 && unkeyed.stdout.contains("no signature by a configured key"), "\(unkeyed.stdout)")

        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
    }
}

extension URL {
    /// Creates the file (empty) and returns the URL, for FileHandle(forWritingTo:).
    fileprivate func creatingFile() -> URL {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return self
    }
}
