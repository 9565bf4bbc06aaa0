import Foundation
@testable import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Kernel
import Logging
import NIOCore
import Platform
import Synchronization
import Testing

/// Collects every log record, at every level, as the text a log collector would receive:
/// label, level, message and all metadata (what `JSONLogHandler` writes, field for field).
struct CapturingLogHandler: LogHandler {
    final class Lines: Sendable {
        let records = Mutex<[(message: String, metadata: [String: String], line: String)]>([])
        var all: [(message: String, metadata: [String: String], line: String)] { records.withLock { $0 } }
    }

    let label: String
    let lines: Lines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }.mapValues(\.description)
        let line =
            "\(label) \(event.level) \(event.message) "
            + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        lines.records.withLock { $0.append((event.message.description, merged, line)) }
    }
}

/// What the server logs about requests carries their request id and never a password or a
/// bearer token, even at trace level.
struct LoggingTests {
    @Test func logsCarryRequestIDsAndNeverPasswordsOrTokens() async throws {
        let world = try HTTPWorld()
        let password = "correct horse battery staple 42"
        let organization = try await world.organizationID("enterprise", "HS")
        _ = try await world.services.users.create(
            in: organization, .init(username: "log.tester", displayName: "日志", role: .orgAdmin, password: password),
            by: .system("test", requestID: "t")
        )
        let lines = CapturingLogHandler.Lines()
        let logger = Logger(label: "corridor") { CapturingLogHandler(label: $0, lines: lines) }
        let app = try CorridorServer.buildApplication(
            services: world.services, configuration: world.configuration, tls: nil, logger: logger)
        let (token, requestIDs) = try await app.test(.router) { client in
            var token = ""
            var requestIDs: [String] = []
            let login = #"{"username":"log.tester","password":"\#(password)"}"#
            try await client.execute(
                uri: "/v1/auth/login", method: .post, headers: headers(), body: ByteBuffer(string: login)
            ) { response in
                #expect(response.status == .ok)
                token = try json(response.body)["token"] as? String ?? ""
                requestIDs.append(response.headers[.requestID] ?? "")
            }
            try await client.execute(uri: "/v1/me", method: .get, headers: headers(token: token)) { response in
                #expect(response.status == .ok)
                requestIDs.append(response.headers[.requestID] ?? "")
            }
            let wrong = #"{"username":"log.tester","password":"\#(password)!"}"#
            try await client.execute(
                uri: "/v1/auth/login", method: .post, headers: headers(extra: ["X-Request-Id": "failed-login-1"]),
                body: ByteBuffer(string: wrong)
            ) { response in
                #expect(response.status == .unauthorized)
                requestIDs.append(response.headers[.requestID] ?? "")
            }
            try await client.execute(uri: "/v1/me", method: .get, headers: headers(token: token + "x")) { response in
                #expect(response.status == .unauthorized)
                requestIDs.append(response.headers[.requestID] ?? "")
            }
            return (token, requestIDs)
        }
        #expect(token.count > 20)
        #expect(requestIDs.count == 4 && requestIDs[2] == "failed-login-1")
        let records = lines.all
        let text = records.map(\.line).joined(separator: "\n")
        // Booleans only, so a failure does not print the secret it found.
        let leaked = [password, "horse battery", token, String(token.prefix(16)), String(token.suffix(16))].map(
            text.contains)
        #expect(leaked == [false, false, false, false, false], "a password or token was logged")
        #expect(!text.lowercased().contains("authorization"))
        // One access line per request, each with that request's id.
        let requests = records.filter { $0.message == "request" }
        #expect(requests.map { $0.metadata["request_id"] ?? "" } == requestIDs)
        #expect(
            requests.map { $0.metadata["route"] ?? "" } == ["/v1/auth/login", "/v1/me", "/v1/auth/login", "/v1/me"])
        #expect(requests.map { $0.metadata["status"] ?? "" } == ["200", "200", "401", "401"])
    }
}
