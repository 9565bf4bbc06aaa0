import ArgumentParser
import AuditLog
import CorridorCrypto
import Foundation
import HTTPAPI
import Platform

/// The checkpoint signers and witnesses a configuration names.
enum AuditKeys {
    /// The development key made in the data folder when no signing key is configured.
    static func developmentKeyPath(_ configuration: ServerConfiguration) -> String {
        URL(fileURLWithPath: configuration.database.dataDir).appendingPathComponent("audit-ed25519.pem").path
    }

    static func signing(_ configuration: ServerConfiguration, createDevelopmentKey: Bool) throws -> AuditSigning {
        let settings = configuration.audit
        let name = settings.keyName.isEmpty ? settings.origin : settings.keyName
        var paths = list(settings.signingKeys)
        if paths.isEmpty {
            let path = developmentKeyPath(configuration)
            if !FileManager.default.fileExists(atPath: path) {
                guard createDevelopmentKey else {
                    throw ValidationError("no audit signing key: set audit.signingKeys or start the server once")
                }
                try write(try SigningKey.generate(.ed25519).privateKeyPEM(), to: path, mode: 0o600)
            }
            paths = [path]
        }
        do {
            let signers = try paths.map { path in
                try NoteSigner(name: name, key: try SigningKey(pem: try String(contentsOfFile: path, encoding: .utf8)))
            }
            let witnesses = try list(settings.witnesses).map { try NoteVerifier(verifierKey: $0) }
            return AuditSigning(origin: settings.origin, signers: signers, witnesses: witnesses)
        } catch let error as NoteError {
            throw ValidationError("audit keys: \(error)")
        } catch let error as SigningError {
            throw ValidationError("audit keys: \(error)")
        }
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func write(_ text: String, to path: String, mode: Int) throws {
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        else {
            throw ValidationError("cannot write \(path)")
        }
    }

    /// A verifier from a C2SP verifier key string, or a file holding one.
    static func verifier(_ argument: String) throws -> NoteVerifier {
        var text = argument
        if FileManager.default.fileExists(atPath: argument) {
            text = try String(contentsOfFile: argument, encoding: .utf8)
        }
        do {
            return try NoteVerifier(verifierKey: text)
        } catch {
            throw ValidationError("not a verifier key (name+keyid+base64) or a file holding one: \(error)")
        }
    }
}

/// `corridor keys generate`: a checkpoint signing key (or a witness's cosigning key).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Make audit signing keys.", subcommands: [Generate.self]
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write a new private key (PKCS#8 PEM, mode 0600), its public key (.pub.pem) and print its C2SP verifier key."
        )
        @Option(help: "ed25519 (default) or sm2 (SM2 with SM3, for 国密 deployments).") var type: String = "ed25519"
        @Option(help: "The private key file to write (its public key goes beside it as FILE.pub.pem).") var out: String
        @Option(
            help:
                "The key name signatures carry (default corridor.local/audit; a witness uses its own, e.g. witness.huangshi.gov.cn)."
        ) var name: String = "corridor.local/audit"
        @Flag(help: "A witness cosigning key (Ed25519, tlog-cosignature type 0x04).") var witness = false

        func run() throws {
            guard let algorithm = SignatureAlgorithm(rawValue: type) else {
                throw ValidationError("--type is ed25519 or sm2")
            }
            if witness && algorithm != .ed25519 { throw ValidationError("witness cosignatures are Ed25519") }
            guard !FileManager.default.fileExists(atPath: out) else {
                throw ValidationError("\(out) exists; keys are never overwritten")
            }
            let key = try SigningKey.generate(algorithm)
            let signer = try NoteSigner(name: name, key: key, type: witness ? .cosignature : nil)
            try AuditKeys.write(try key.privateKeyPEM(), to: out, mode: 0o600)
            try AuditKeys.write(try key.verifyingKey.publicKeyPEM(), to: out + ".pub.pem", mode: 0o644)
            print("private key: \(out)")
            print("public key:  \(out).pub.pem")
            print("verifier key: \(try signer.verifier.verifierKey)")
        }
    }
}
