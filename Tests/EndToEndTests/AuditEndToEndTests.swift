import ArgumentParser
import AuditLog
import CorridorCrypto
@testable import CorridorCLI
import Foundation
import HTTPAPI
import Kernel
import Store
import Testing

/// The audit tools against a live server: a witness follows the log and cosigns, `prove` and
/// `check-checkpoint` verify from outside, and a rewritten or rolled-back history is caught.
@Suite(.serialized)
struct AuditEndToEndTests {
    struct Entry: Codable, Sendable { var n: Int }

    static func append(_ database: AppDatabase, _ count: Int) async throws {
        for n in 0..<count {
            _ = try await database.write(as: .system("e2e", requestID: "e2e-\(n)"), action: "e2e.write") { _, _ in
                Audited(Entry(n: n), target: "e2e", id: String(n), change: ["n": .int(Int64(n))])
            }
        }
    }

    /// Runs an audit subcommand in this process; nil when it succeeds, else what it threw.
    static func audit(_ arguments: [String]) async -> String? {
        do {
            var command = try AuditCommand.parseAsRoot(arguments)
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aWitnessFollowsTheLogAndCatchesARewrittenHistory() async throws {
        let first = try LiveServer.temporaryDirectory(), second = try LiveServer.temporaryDirectory()
        defer { for folder in [first, second] { try? FileManager.default.removeItem(at: folder) } }
        let state = first.appendingPathComponent("witness.state").path
        let witnessKey = first.appendingPathComponent("witness.pem").path
        let witness = try NoteSigner(
            name: "witness.huangshi.example", key: try SigningKey.generate(.ed25519), type: .cosignature)
        try AuditKeys.write(try witness.key.privateKeyPEM(), to: witnessKey, mode: 0o600)
        var configuration = LiveServer.configuration(dataDir: first)
        configuration.http.plaintext = true
        configuration.audit.witnesses = try witness.verifier.verifierKey
        let settings = configuration
        let logKey = try await LiveServer.with(settings) { port, database in
            let signing = try AuditKeys.signing(settings, createDevelopmentKey: false)
            let logKey = try signing.verifiers[0].verifierKey
            let url = "http://127.0.0.1:\(port)"
            let watch = [
                "witness", "--url", url, "--state", state, "--key", logKey, "--sign-key", witnessKey, "--name",
                "witness.huangshi.example",
            ]
            #expect(await Self.audit(watch) == nil)
            let cosigned = try #require(try await CheckpointService(database: database, signing: signing).latest())
            #expect(cosigned.witnesses == ["witness.huangshi.example"])
            try await Self.append(database, 3)
            try await CheckpointService(database: database, signing: signing).checkpoint()
            #expect(await Self.audit(watch) == nil)
            #expect(
                try String(contentsOfFile: state, encoding: .utf8)
                    == Checkpoint(
                        body: try SignedNote(
                            parsing: try #require(
                                try await CheckpointService(database: database, signing: signing).latest()
                            ).note
                        ).text
                    ).body)
            #expect(await Self.audit(["prove", "--url", url, "--index", "5", "--key", logKey]) == nil)
            #expect(await Self.audit(["prove", "--url", url, "--index", "999999", "--key", logKey]) != nil)
            // check-checkpoint, offline, on the note as served.
            let note = try #require(try await CheckpointService(database: database, signing: signing).latest()).note
            let file = first.appendingPathComponent("checkpoint.txt").path
            try note.write(toFile: file, atomically: true, encoding: .utf8)
            #expect(await Self.audit(["check-checkpoint", file, "--key", logKey]) == nil)
            let stranger = try NoteSigner(name: "corridor.local/audit", key: try SigningKey.generate(.ed25519))
            #expect(
                await Self.audit(["check-checkpoint", file, "--key", try stranger.verifier.verifierKey])?.contains(
                    "NOT signed") == true)
            return logKey
        }
        // The operator replaces the database (same signing key): first fewer entries than the
        // witness has seen, then more, but with a different history.
        try FileManager.default.copyItem(
            at: first.appendingPathComponent("audit-ed25519.pem"),
            to: second.appendingPathComponent("audit-ed25519.pem"))
        var replaced = LiveServer.configuration(dataDir: second)
        replaced.http.plaintext = true
        let seen = try String(contentsOfFile: state, encoding: .utf8)
        let replacedSettings = replaced
        try await LiveServer.with(replacedSettings) { port, database in
            let signing = try AuditKeys.signing(replacedSettings, createDevelopmentKey: false)
            let watch = ["witness", "--url", "http://127.0.0.1:\(port)", "--state", state, "--key", logKey]
            #expect(await Self.audit(watch)?.contains("ROLLBACK") == true)
            try await Self.append(database, 10)
            try await CheckpointService(database: database, signing: signing).checkpoint()
            #expect(await Self.audit(watch)?.contains("FORK") == true)
            // A bad signature: the same origin signed by another key.
            let forger = AuditSigning(
                origin: replacedSettings.audit.origin,
                signers: [try NoteSigner(name: "corridor.local/audit", key: try SigningKey.generate(.ed25519))])
            try await Self.append(database, 1)
            try await CheckpointService(database: database, signing: forger).checkpoint()
            #expect(await Self.audit(watch)?.contains("BAD SIGNATURE") == true)
        }
        // A failed check never moves the witness's state.
        #expect(try String(contentsOfFile: state, encoding: .utf8) == seen)
    }
}
