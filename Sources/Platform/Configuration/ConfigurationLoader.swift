import Foundation
import Kernel

/// A start-up configuration problem, naming the key.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public var key: String
    public var source: String
    public var reason: String
    public var description: String { "configuration \(source): '\(key)': \(reason)" }

    public init(key: String, source: String, reason: String) {
        self.key = key
        self.source = source
        self.reason = reason
    }
}

/// Layers configuration: command-line flags > `CORRIDOR_*` environment > `--config` file >
/// built-in defaults. Unknown keys and invalid values fail with the key named.
public enum ConfigurationLoader {
    /// The environment variable for a dotted key: `http.bodyLimitBytes` → `CORRIDOR_HTTP_BODY_LIMIT_BYTES`.
    public static func environmentName(for key: String) -> String {
        var name = "CORRIDOR"
        for part in key.split(separator: ".") {
            name += "_"
            var previous: Character?
            for character in part {
                // A capital after a lower-case letter or digit starts a word: clientCA → CLIENT_CA.
                if character.isUppercase, let previous, previous.isLowercase || previous.isNumber { name += "_" }
                name += character.uppercased()
                previous = character
            }
        }
        return name
    }

    /// Environment variables with this prefix that are not settings (the loader itself reads none).
    static let environmentExempt: Set<String> = []

    public static func load(
        file: String?,
        environment: [String: String],
        flags: [String: String]
    ) throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        if let file {
            try apply(fileAt: file, to: &configuration)
        }
        let byEnvironmentName = Dictionary(
            uniqueKeysWithValues: Settings.all.map { (environmentName(for: $0.key), $0) })
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix("CORRIDOR_") {
            if environmentExempt.contains(name) { continue }
            guard let setting = byEnvironmentName[name] else {
                throw ConfigurationError(key: name, source: "environment", reason: "unknown setting")
            }
            try setting.apply(&configuration, .text(value), "environment \(name)")
        }
        let byKey = Dictionary(uniqueKeysWithValues: Settings.all.map { ($0.key, $0) })
        for (key, value) in flags.sorted(by: { $0.key < $1.key }) {
            guard let setting = byKey[key] else {
                throw ConfigurationError(key: key, source: "command line", reason: "unknown setting")
            }
            try setting.apply(&configuration, .text(value), "command line")
        }
        try validate(configuration)
        return configuration
    }

    static func apply(fileAt path: String, to configuration: inout ServerConfiguration) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError(key: "--config", source: path, reason: "cannot read the file")
        }
        guard let object = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw ConfigurationError(
                key: "--config", source: path, reason: "not valid JSON (numbers must be whole numbers)"
            )
        }
        let byKey = Dictionary(uniqueKeysWithValues: Settings.all.map { ($0.key, $0) })
        for (key, value) in flatten(object, prefix: "") {
            guard let setting = byKey[key] else {
                throw ConfigurationError(key: key, source: path, reason: "unknown setting")
            }
            try setting.apply(&configuration, .json(value), path)
        }
    }

    /// `{"http": {"port": 1}}` → `["http.port": 1]`; a key whose value is an object descends.
    static func flatten(_ object: JSONValue, prefix: String) -> [(String, JSONValue)] {
        guard case .object(let dictionary) = object else { return [(prefix, object)] }
        return dictionary.sorted(by: { $0.key < $1.key }).flatMap { key, value in
            flatten(value, prefix: prefix.isEmpty ? key : "\(prefix).\(key)")
        }
    }

    static func validate(_ configuration: ServerConfiguration) throws {
        let tls = configuration.tls
        if tls.certificateChain.isEmpty != tls.privateKey.isEmpty {
            throw ConfigurationError(
                key: "tls.privateKey", source: "configuration",
                reason: "tls.certificateChain and tls.privateKey go together: set both or neither"
            )
        }
        if tls.requireClientCertificate && tls.clientCA.isEmpty {
            throw ConfigurationError(
                key: "tls.clientCA", source: "configuration",
                reason: "tls.requireClientCertificate needs tls.clientCA (the CA bundle clients are checked against)"
            )
        }
        if let refusal = tls.optionalClientCertificates { throw refusal }
    }
}

extension ServerConfiguration.TLS {
    /// A client CA with certificates optional is refused (issue 14): nothing after the handshake
    /// looks at a certificate a client offers, so the setting would only look like protection.
    public var optionalClientCertificates: ConfigurationError? {
        guard !clientCA.isEmpty, !requireClientCertificate else { return nil }
        return ConfigurationError(
            key: "tls.requireClientCertificate", source: "configuration",
            reason:
                "tls.clientCA is set but client certificates are optional, and an optional certificate is not used for anything: "
                + "set tls.requireClientCertificate to true (every client needs a certificate from the CA) or leave tls.clientCA empty"
        )
    }
}
