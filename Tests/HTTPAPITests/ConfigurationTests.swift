import Foundation
import HTTPAPI
import Platform
import Testing

struct ConfigurationTests {
    func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "corridor-config-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func theShippedDefaultsFileEqualsTheBuiltInDefaults() throws {
        let path = HTTPWorld.root.appendingPathComponent("Config/corridor.json").path
        #expect(try ConfigurationLoader.load(file: path, environment: [:], flags: [:]) == ServerConfiguration())
    }

    @Test func theProductionExampleLoads() throws {
        let path = HTTPWorld.root.appendingPathComponent("Config/production.example.json").path
        let configuration = try ConfigurationLoader.load(file: path, environment: [:], flags: [:])
        #expect(configuration.log.format == "json")
        #expect(configuration.tls.certificateChain == "/etc/corridor/tls/fullchain.pem")
    }

    @Test func flagsBeatEnvironmentBeatsFileBeatsDefaults() throws {
        let path = try file(
            #"{"http": {"port": 9000, "host": "0.0.0.0"}, "auth": {"bcryptCost": 11}, "log": {"level": "debug"}}"#)
        let environment = ["CORRIDOR_HTTP_PORT": "9100", "CORRIDOR_AUTH_BCRYPT_COST": "12", "PATH": "/bin"]
        let configuration = try ConfigurationLoader.load(
            file: path, environment: environment, flags: ["http.port": "9200"])
        #expect(configuration.http.port == 9200)
        #expect(configuration.auth.bcryptCost == 12)
        #expect(configuration.http.host == "0.0.0.0")
        #expect(configuration.log.level == "debug")
        #expect(configuration.idempotency.keyLifetimeSeconds == 86_400)
    }

    @Test(arguments: [
        (#"{"http": {"prot": 1}}"#, "http.prot"),
        (#"{"http": {"port": "eighty"}}"#, "http.port"),
        (#"{"http": {"port": 70000}}"#, "http.port"),
        (#"{"http": {"port": 80.5}}"#, "--config"),
        (#"{"log": {"format": "xml"}}"#, "log.format"),
        (#"{"tls": {"requireClientCertificate": "yes"}}"#, "tls.requireClientCertificate"),
        (#"{"tls": {"requireClientCertificate": true}}"#, "tls.clientCA"),
        // Issue 14: a client CA with optional certificates would check nothing that is used.
        (#"{"tls": {"clientCA": "/etc/corridor/ca.pem"}}"#, "tls.requireClientCertificate"),
        (#"{"limits": {"maxConnectionsPerAddress": 0}}"#, "limits.maxConnectionsPerAddress"),
        (#"{"limits": {"minBodyBytesPerSecond": -1}}"#, "limits.minBodyBytesPerSecond"),
        (#"{"tls": {"certificateChain": "/a.pem"}}"#, "tls.privateKey"),
        (#"{"database": {"dataDir": ""}}"#, "database.dataDir"),
        ("not json", "--config"),
    ])
    func badFilesFailNamingTheKey(_ text: String, _ key: String) throws {
        let path = try file(text)
        do {
            _ = try ConfigurationLoader.load(file: path, environment: [:], flags: [:])
            Issue.record("accepted \(text)")
        } catch let error as ConfigurationError {
            #expect(error.key == key)
            #expect(error.description.contains(key))
        }
    }

    @Test func unknownOrBadEnvironmentVariablesFail() {
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(file: nil, environment: ["CORRIDOR_HTTP_PROT": "1"], flags: [:])
        }
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(file: nil, environment: ["CORRIDOR_HTTP_PLAINTEXT": "maybe"], flags: [:])
        }
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(file: nil, environment: [:], flags: ["nope": "1"])
        }
    }

    @Test func environmentNamesFollowTheKeys() {
        #expect(ConfigurationLoader.environmentName(for: "http.bodyLimitBytes") == "CORRIDOR_HTTP_BODY_LIMIT_BYTES")
        #expect(ConfigurationLoader.environmentName(for: "tls.clientCA") == "CORRIDOR_TLS_CLIENT_CA")
    }
}
