import ArgumentParser
import CorridorCrypto
import Foundation
import Platform

/// The server's webhook key (issue 17): organisations' signing keys are derived from it, so it
/// is kept outside the database — in `webhooks.keyFile`, or a development key made in the data
/// folder (0600) on first start. Never logged.
enum WebhookKeyFile {
    static func developmentPath(_ configuration: ServerConfiguration) -> String {
        URL(fileURLWithPath: configuration.database.dataDir).appendingPathComponent("webhook-key").path
    }

    /// The configured file, or the development one.
    static func path(_ configuration: ServerConfiguration) -> String {
        configuration.webhooks.keyFile.isEmpty ? developmentPath(configuration) : configuration.webhooks.keyFile
    }

    static func load(_ configuration: ServerConfiguration, createDevelopmentKey: Bool) throws -> [UInt8] {
        let path = path(configuration)
        if configuration.webhooks.keyFile.isEmpty, !FileManager.default.fileExists(atPath: path) {
            guard createDevelopmentKey else {
                throw ValidationError("no webhook key: set webhooks.keyFile or start the server once")
            }
            try AuditKeys.write(SecureRandom.bytes(32).hexString + "\n", to: path, mode: 0o600)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("cannot read the webhook key file \(path)")
        }
        guard let key = [UInt8](hexString: text.trimmingCharacters(in: .whitespacesAndNewlines)), key.count >= 32
        else {
            throw ValidationError(
                "the webhook key file \(path) must hold at least 32 bytes as hex (make one with: openssl rand -hex 32)")
        }
        return key
    }
}
