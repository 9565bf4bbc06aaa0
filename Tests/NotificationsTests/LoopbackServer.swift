import Foundation

/// One of the project's loopback servers for tests (`Scripts/smtp-sink.py`, a real SMTP server
/// by aiosmtpd; `Scripts/webhook-receiver.py`), run for one test: it prints "ready <port>", files
/// what it receives in `folder`, and stops when its standard input closes.
final class LoopbackServer {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// aiosmtpd is installed (`.ci/run` installs it); without it the tests are skipped on a
    /// developer's machine, and fail in CI.
    static let available: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import aiosmtpd"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()
    static let runs = available || ProcessInfo.processInfo.environment["CI"] == "true"

    let folder: URL
    let port: Int
    private let process: Process
    private let input = Pipe()

    init(script: String, arguments: [String] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-smtp-\(UUID().uuidString)")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", Self.root.appendingPathComponent("Scripts/\(script)").path, "--dir", folder.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableLine(), as: UTF8.self)
        guard line.hasPrefix("ready "),
            let port = Int(line.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            throw SinkError.notReady(line)
        }
        self.port = port
    }

    /// The files received so far (`<n>.<suffix>`), oldest first.
    func received(_ suffix: String) throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let number = { (name: String) in Int(name.dropLast(suffix.count + 1)) ?? 0 }
        return try names.filter { $0.hasSuffix("." + suffix) }.sorted { number($0) < number($1) }
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    enum SinkError: Error { case notReady(String) }
}

/// The SMTP sink: a real SMTP server (aiosmtpd) on loopback.
final class SMTPSink {
    static let runs = LoopbackServer.runs
    let server: LoopbackServer
    var port: Int { server.port }

    init(arguments: [String] = []) throws {
        server = try LoopbackServer(script: "smtp-sink.py", arguments: arguments)
    }

    /// The messages received so far, oldest first.
    func messages() throws -> [String] { try server.received("eml") }
}

extension FileHandle {
    /// Reads up to the first newline (or the end).
    func availableLine() -> Data {
        var line = Data()
        while let byte = try? read(upToCount: 1), let first = byte.first, first != UInt8(ascii: "\n") {
            line.append(first)
        }
        return line
    }
}

/// A self-signed certificate for 127.0.0.1 made with the openssl command, for STARTTLS.
func loopbackCertificate() throws -> (cert: String, key: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-cert-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let cert = folder.appendingPathComponent("cert.pem").path
    let key = folder.appendingPathComponent("key.pem").path
    let openssl = Process()
    openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    openssl.arguments = [
        "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert,
    ]
    openssl.standardError = FileHandle.nullDevice
    try openssl.run()
    openssl.waitUntilExit()
    return (cert, key)
}
