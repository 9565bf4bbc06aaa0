import Matching
import Kernel

/// A raw value from a file (JSON) or from the environment or command line (text).
enum RawSetting {
    case json(JSONValue)
    case text(String)
}

/// One settable key and how to parse it into the configuration.
struct Setting: Sendable {
    let key: String
    let apply: @Sendable (inout ServerConfiguration, RawSetting, String) throws -> Void
}

enum Settings {
    static let all: [Setting] = [
        string("http.host", \.http.host),
        int("http.port", \.http.port, 0...65_535),
        bool("http.plaintext", \.http.plaintext),
        int("http.bodyLimitBytes", \.http.bodyLimitBytes, 1_024...1_073_741_824),
        int("http.idleTimeoutSeconds", \.http.idleTimeoutSeconds, 1...3_600),
        int("http.importLimitBytes", \.http.importLimitBytes, 1_024...4_294_967_296),
        bool("http.checkProblemCodes", \.http.checkProblemCodes),
        string("tls.certificateChain", \.tls.certificateChain),
        string("tls.privateKey", \.tls.privateKey),
        string("tls.clientCA", \.tls.clientCA),
        bool("tls.requireClientCertificate", \.tls.requireClientCertificate),
        choice("tls.minimumVersion", \.tls.minimumVersion, ["1.2", "1.3"]),
        string("database.dataDir", \.database.dataDir, allowEmpty: false),
        int("database.busyTimeoutMs", \.database.busyTimeoutMs, 0...600_000),
        int("database.readCacheSeconds", \.database.readCacheSeconds, 0...3_600),
        int("auth.tokenLifetimeSeconds", \.auth.tokenLifetimeSeconds, 60...31_536_000),
        int("auth.bcryptCost", \.auth.bcryptCost, 4...16),
        int("auth.tokenCacheSeconds", \.auth.tokenCacheSeconds, 0...3_600),
        int("idempotency.keyLifetimeSeconds", \.idempotency.keyLifetimeSeconds, 60...2_592_000),
        choice("log.format", \.log.format, ["text", "json"]),
        choice("log.level", \.log.level, ["trace", "debug", "info", "notice", "warning", "error", "critical"]),
        string("seeds.directory", \.seeds.directory),
        bool("seeds.loadOnCreate", \.seeds.loadOnCreate),
        bool("seeds.listings", \.seeds.listings),
        int("matching.text", \.matching.text, 0...1_000),
        int("matching.field", \.matching.field, 0...1_000),
        int("matching.ipc", \.matching.ipc, 0...1_000),
        int("matching.trl", \.matching.trl, 0...1_000),
        int("matching.price", \.matching.price, 0...1_000),
        int("matching.city", \.matching.city, 0...1_000),
        int("matching.trackRecord", \.matching.trackRecord, 0...1_000),
        int("matching.feedback", \.matching.feedback, 0...1_000),
        int("matching.dismissedPenalty", \.matching.dismissedPenalty, 0...10_000),
        int("matching.candidates", \.matching.candidates, 10...2_000),
        int("matching.queryTerms", \.matching.queryTerms, 4...64),
        int("matching.columnTitle", \.matching.columnTitle, 0...100),
        int("matching.columnKeywords", \.matching.columnKeywords, 0...100),
        int("matching.columnBody", \.matching.columnBody, 0...100),
        int("matching.commonShare", \.matching.commonShare, 1...1_000),
        int("vouchers.noticeDays", \.vouchers.noticeDays, 0...90),
        int("vouchers.sweepSeconds", \.vouchers.sweepSeconds, 1...86_400),
        choice("audit.hash", \.audit.hash, ["sha256", "sm3"]),
        string("audit.origin", \.audit.origin, allowEmpty: false),
        string("audit.keyName", \.audit.keyName),
        string("audit.signingKeys", \.audit.signingKeys),
        int("audit.checkpointSeconds", \.audit.checkpointSeconds, 1...86_400),
        string("audit.witnesses", \.audit.witnesses),
        int("limits.requestsPerMinutePerToken", \.limits.requestsPerMinutePerToken, 0...1_000_000),
        int("limits.requestsPerMinutePerAddress", \.limits.requestsPerMinutePerAddress, 0...1_000_000),
        int("limits.burst", \.limits.burst, 1...100_000),
        int("limits.loginFailures", \.limits.loginFailures, 0...1_000),
        int("limits.loginFailuresPerAddress", \.limits.loginFailuresPerAddress, 0...100_000),
        int("limits.loginWindowSeconds", \.limits.loginWindowSeconds, 1...86_400),
        int("limits.lockoutSeconds", \.limits.lockoutSeconds, 1...86_400),
        int("limits.maxHeaderBytes", \.limits.maxHeaderBytes, 1_024...1_048_576),
        int("limits.maxConnections", \.limits.maxConnections, 1...1_000_000),
        int("limits.maxConnectionsPerAddress", \.limits.maxConnectionsPerAddress, 1...1_000_000),
        int("limits.requestHeadTimeoutSeconds", \.limits.requestHeadTimeoutSeconds, 1...3_600),
        int("limits.minBodyBytesPerSecond", \.limits.minBodyBytesPerSecond, 0...1_000_000_000),
        int("limits.bodyGraceSeconds", \.limits.bodyGraceSeconds, 1...3_600),
        string("metrics.token", \.metrics.token),
        string("webhooks.keyFile", \.webhooks.keyFile),
        string("mail.host", \.mail.host),
        int("mail.port", \.mail.port, 1...65_535),
        string("mail.from", \.mail.from, allowEmpty: false),
        choice("mail.security", \.mail.security, ["starttls", "none"]),
        string("mail.trustRootsFile", \.mail.trustRootsFile),
        string("mail.linkBase", \.mail.linkBase, allowEmpty: false),
        int("mail.deliverySeconds", \.mail.deliverySeconds, 1...3_600),
        bool("security.requireTOTPForStaff", \.security.requireTOTPForStaff),
        bool("notifications.enabled", \.notifications.enabled),
        bool("webhooks.allowPrivateTargets", \.webhooks.allowPrivateTargets),
        int("webhooks.deliverySeconds", \.webhooks.deliverySeconds, 1...3_600),
        int("webhooks.giveUpSeconds", \.webhooks.giveUpSeconds, 60...2_592_000),
        int("webhooks.timeoutSeconds", \.webhooks.timeoutSeconds, 1...120),
    ]

    static func string(
        _ key: String, _ path: any WritableKeyPath<ServerConfiguration, String> & Sendable, allowEmpty: Bool = true
    ) -> Setting {
        Setting(key: key) { configuration, raw, source in
            let value: String
            switch raw {
            case .text(let text): value = text
            case .json(let json):
                guard case .string(let text) = json else {
                    throw ConfigurationError(key: key, source: source, reason: "expected a string")
                }
                value = text
            }
            if !allowEmpty && value.isEmpty {
                throw ConfigurationError(key: key, source: source, reason: "must not be empty")
            }
            configuration[keyPath: path] = value
        }
    }

    static func choice(
        _ key: String, _ path: any WritableKeyPath<ServerConfiguration, String> & Sendable, _ choices: [String]
    ) -> Setting {
        let inner = string(key, path)
        return Setting(key: key) { configuration, raw, source in
            var copy = configuration
            try inner.apply(&copy, raw, source)
            guard choices.contains(copy[keyPath: path]) else {
                throw ConfigurationError(
                    key: key, source: source, reason: "must be one of \(choices.joined(separator: ", "))"
                )
            }
            configuration = copy
        }
    }

    static func int(
        _ key: String, _ path: any WritableKeyPath<ServerConfiguration, Int> & Sendable, _ range: ClosedRange<Int>
    ) -> Setting {
        Setting(key: key) { configuration, raw, source in
            let value: Int?
            switch raw {
            case .text(let text): value = Int(text)
            case .json(let json):
                if case .int(let number) = json, let exact = Int(exactly: number) { value = exact } else { value = nil }
            }
            guard let value else {
                throw ConfigurationError(key: key, source: source, reason: "expected a whole number")
            }
            guard range.contains(value) else {
                throw ConfigurationError(
                    key: key, source: source, reason: "must be between \(range.lowerBound) and \(range.upperBound)"
                )
            }
            configuration[keyPath: path] = value
        }
    }

    static func bool(_ key: String, _ path: any WritableKeyPath<ServerConfiguration, Bool> & Sendable) -> Setting {
        Setting(key: key) { configuration, raw, source in
            let value: Bool?
            switch raw {
            case .text(let text): value = ["true": true, "1": true, "false": false, "0": false][text.lowercased()]
            case .json(let json):
                if case .bool(let flag) = json { value = flag } else { value = nil }
            }
            guard let value else {
                throw ConfigurationError(key: key, source: source, reason: "expected true or false")
            }
            configuration[keyPath: path] = value
        }
    }
}
