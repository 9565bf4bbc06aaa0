import AsyncHTTPClient
import CorridorCrypto
import Foundation
import GRDB
import Kernel
import NIOSSL
import Notifications
@_spi(Testing) import Store
import Testing

/// Webhook endpoints: who may register them, which targets are refused, that no secret is
/// stored; and deliveries to a real HTTPS receiver on loopback: signed, retried after 500,
/// given up, redelivered, and once per event after de-duplication.
struct WebhookEndpointTests {
    let database: AppDatabase
    let service: WebhookService

    init() throws {
        database = try AppDatabase.inMemory(clock: ManualClock(), modules: [NotificationsMigrations.all])
        service = WebhookService(
            database: database, settings: WebhookSettings(masterKey: Array("test master key".utf8)))
    }

    func person(_ role: Role, organization: Int64 = 10, requestID: String = "r", key: String? = nil) -> Actor {
        Actor(
            userID: 1, organizationID: organization, city: .wuhan, role: role, requestID: requestID,
            idempotency: key.map { IdempotencyClaim(key: $0, requestHash: "h") })
    }

    @Test func onlyTheOrganisationsAdministratorsRegisterEndpoints() async throws {
        let created = try await service.create(
            organization: 10, url: "https://erp.example.cn/hooks", by: person(.orgAdmin))
        #expect(created.secret?.count == 64 && created.secretShown == false)
        _ = try await service.create(
            organization: 10, url: "https://b.example.cn/h", by: person(.platformAdmin, organization: 1))
        for actor in [person(.orgMember), person(.orgAdmin, organization: 11), person(.auditor), person(.expert)] {
            await #expect(throws: DomainError.forbidden, "\(actor.role!)") {
                _ = try await service.create(organization: 10, url: "https://c.example.cn/h", by: actor)
            }
            await #expect(throws: NotificationsError.webhookNotFound) {
                _ = try await service.rotate(created.endpoint.id, by: actor)
            }
        }
    }

    @Test func targetsInsideTheNetworkOrWithoutTLSAreRefused() async throws {
        let refused: [(String, DomainError)] = [
            ("http://erp.example.cn/h", NotificationsError.webhookURLNotHTTPS),
            ("https://127.0.0.1/h", NotificationsError.webhookHostNotPublic),
            ("https://10.1.2.3/h", NotificationsError.webhookHostNotPublic),
            ("https://169.254.169.254/latest", NotificationsError.webhookHostNotPublic),
            ("https://192.168.1.1/h", NotificationsError.webhookHostNotPublic),
            ("https://[::1]/h", NotificationsError.webhookHostNotPublic),
            ("https://localhost/h", NotificationsError.webhookHostNotPublic),
            ("https://2130706433/h", NotificationsError.webhookHostNotPublic),
            ("https://user:pw@erp.example.cn/h", NotificationsError.webhookURLInvalid),
            ("https://erp.example.cn/h\r\nX: y", NotificationsError.webhookURLInvalid),
            ("https://erp.example.cn/" + String(repeating: "a", count: 3_000), NotificationsError.webhookURLInvalid),
            ("=HYPERLINK(\"x\")", NotificationsError.webhookURLInvalid),
        ]
        for (url, error) in refused {
            await #expect(throws: error, "\(url.prefix(60).debugDescription)") {
                _ = try await service.create(organization: 10, url: url, by: person(.orgAdmin))
            }
        }
        let count = try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM webhook_endpoints")
        }
        #expect(count == 0, "nothing half-written")
    }

    @Test func theSecretIsShownOnceAndStoredNowhere() async throws {
        let first = try await service.create(
            organization: 10, url: "https://erp.example.cn/hooks", by: person(.orgAdmin, key: "k1"))
        let replay = try await service.create(
            organization: 10, url: "https://erp.example.cn/hooks", by: person(.orgAdmin, key: "k1"))
        let secret = try #require(first.secret)
        #expect(replay.secret == nil && replay.secretShown && replay.endpoint == first.endpoint)
        let rotated = try await service.rotate(first.endpoint.id, by: person(.orgAdmin, requestID: "r2"))
        #expect(rotated.secret != nil && rotated.secret != secret, "a new secret replaces the old")
        let dump = try await database.read { db in
            try String.fetchAll(db, sql: "SELECT quote(response) FROM idempotency_keys")
                + String.fetchAll(db, sql: "SELECT change FROM audit_log")
                + String.fetchAll(db, sql: "SELECT quote(salt) || url FROM webhook_endpoints")
        }
        for text in dump {
            #expect(!text.lowercased().contains(secret) && !text.lowercased().contains(rotated.secret!))
            #expect(!text.contains(Data(secret.utf8).base64EncodedString()))
        }
    }

    @Test func anOrganisationHasAtMostItsLimitOfActiveEndpoints() async throws {
        var ids: [Int64] = []
        for index in 0..<5 {
            ids.append(
                try await service.create(organization: 10, url: "https://e\(index).example.cn/h", by: person(.orgAdmin))
                    .endpoint.id)
        }
        await #expect(throws: NotificationsError.webhookLimit(5)) {
            _ = try await service.create(organization: 10, url: "https://six.example.cn/h", by: person(.orgAdmin))
        }
        _ = try await service.disable(ids[0], by: person(.orgAdmin))
        _ = try await service.create(organization: 10, url: "https://six.example.cn/h", by: person(.orgAdmin))
        await #expect(throws: NotificationsError.webhookDisabled) {
            _ = try await service.rotate(ids[0], by: person(.orgAdmin))
        }
    }

    @Test func aSignatureVerifiesOnlyForItsBodyKeyAndTime() throws {
        let key = Array("k".utf8)
        let body = Array(#"{"id":"1.0"}"#.utf8)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let header = WebhookSignature.sign(body: body, key: key, at: now)
        try WebhookSignature.verify(header: header, body: body, key: key, now: now.addingTimeInterval(60))
        #expect(throws: WebhookSignature.Failure.mismatch) {
            try WebhookSignature.verify(header: header, body: body + [0x20], key: key, now: now)
        }
        #expect(throws: WebhookSignature.Failure.mismatch) {
            try WebhookSignature.verify(header: header, body: body, key: Array("other".utf8), now: now)
        }
        #expect(throws: WebhookSignature.Failure.stale) {
            try WebhookSignature.verify(header: header, body: body, key: key, now: now.addingTimeInterval(301))
        }
        #expect(throws: WebhookSignature.Failure.malformed) {
            try WebhookSignature.verify(header: "v1=00", body: body, key: key, now: now)
        }
    }
}

@Suite(.enabled(if: LoopbackServer.runs, "python3 is needed for the loopback receiver"))
struct WebhookDeliveryTests {
    let clock = ManualClock(Date())
    let database: AppDatabase
    let settings = WebhookSettings(
        masterKey: SecureRandom.bytes(32), allowPrivateTargets: true, firstDelay: 2, maxDelay: 8, giveUpAfter: 60,
        timeout: 5)

    init() throws {
        database = try AppDatabase.inMemory(clock: clock, modules: [NotificationsMigrations.all])
    }

    func admin(_ organization: Int64) -> Actor {
        Actor(userID: 1, organizationID: organization, city: .wuhan, role: .orgAdmin, requestID: "r")
    }

    /// A write that tells organisation `organization`'s webhooks.
    func event(for organization: Int64, _ title: String) async throws {
        _ = try await database.write(as: .system("test", requestID: "t"), action: "test.event") { _, _ in
            Audited(0, target: "need", id: "7", change: .null).notifying([
                OutboxEvent(
                    kind: .redemptionAwaitingConfirmation, target: "need", id: "7", users: [],
                    organizations: [organization],
                    payload: ["title": .string(title)])
            ])
        }
    }

    func client(trusting cert: String) -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(cert)
        return HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
    }

    func statuses() async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT status FROM webhook_deliveries ORDER BY id")
        }
    }

    @Test func aSignedEventArrivesOnceAfterTwoFailures() async throws {
        let (cert, key) = try loopbackCertificate()
        let secretFile = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-secret-\(UUID())")
        let service = WebhookService(database: database, settings: settings)
        // The receiver reads the secret on each request; it is written once the endpoint exists.
        try "00".write(to: secretFile, atomically: true, encoding: .utf8)
        let receiver = try LoopbackServer(
            script: "webhook-receiver.py",
            arguments: ["--cert", cert, "--key", key, "--fail-first", "2", "--secret-file", secretFile.path])
        let endpoint = try await service.create(
            organization: 10, url: "https://127.0.0.1:\(receiver.port)/hooks", by: admin(10))
        try #require(endpoint.secret).write(to: secretFile, atomically: true, encoding: .utf8)
        _ = try await service.create(organization: 11, url: "https://127.0.0.1:\(receiver.port)/other", by: admin(11))
        let client = client(trusting: cert)
        defer { client.shutdown { _ in } }
        let deliveries = WebhookDeliveries(database: database, settings: settings, client: client)
        try await event(for: 10, "锂电池隔膜")
        #expect(try await deliveries.fanOut() == 1)
        #expect(try await deliveries.fanOut() == 0, "an event fans out once")
        #expect(try await statuses() == ["pending"], "only organisation 10's endpoint")
        #expect(try await deliveries.deliverDue() == 1)
        #expect(try await statuses() == ["pending"], "a 500 is retried")
        #expect(try await deliveries.deliverDue() == 0, "not before its back-off")
        clock.advance(by: 3)
        try await deliveries.deliverDue()
        clock.advance(by: 5)
        try await deliveries.deliverDue()
        #expect(try await statuses() == ["delivered"])
        clock.advance(by: 10)
        #expect(try await deliveries.deliverDue() == 0, "a delivered event is not sent again")
        let received = try receiver.received("json")
        #expect(received.count == 1)
        struct Stored: Decodable {
            var headers: [String: String]
            var body: String
        }
        let stored = try JSONDecoder().decode(Stored.self, from: Data(try #require(received.first).utf8))
        let eventID = try await database.read { db in
            try AppDatabase.outboxEvents(db, after: 0, limit: 1).first?.eventID
        }
        let id = try #require(eventID)
        #expect(stored.body.contains(#""id":"\#(id)""#))
        #expect(stored.body.contains("锂电池隔膜"))
        #expect(stored.headers["Corridor-Event-Id"] == eventID)
        let header = try #require(stored.headers["Corridor-Signature"])
        let secret = try #require(endpoint.secret)
        let signingKey = try #require([UInt8](hexString: secret))
        try WebhookSignature.verify(header: header, body: Array(stored.body.utf8), key: signingKey, now: clock.now())
        let page = try await service.deliveries(endpoint.endpoint.id, by: admin(10), page: PageRequest())
        #expect(page.items.first?.attempts == 3 && page.items.first?.lastStatus == 200)
    }

    @Test func aBacklogDrainsInOneRunBatchAfterBatchWithinItsBound() async throws {
        let receiver = try LoopbackServer(script: "webhook-receiver.py", arguments: [])
        let service = WebhookService(database: database, settings: settings)
        _ = try await service.create(organization: 10, url: "http://127.0.0.1:\(receiver.port)/hooks", by: admin(10))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { client.shutdown { _ in } }
        let deliveries = WebhookDeliveries(database: database, settings: settings, client: client)
        for index in 0..<7 { try await event(for: 10, "事件 \(index)") }
        #expect(try await deliveries.fanOutAll() == 7)
        #expect(
            try await deliveries.deliverAllDue(limit: 2, parallel: 2, batches: 3) == 6,
            "three full batches, then the bound")
        #expect(try await deliveries.deliverAllDue(limit: 2, parallel: 2) == 1, "the rest; a short batch ends the run")
        #expect(try await statuses() == Array(repeating: "delivered", count: 7))
        #expect(try receiver.received("json").count == 7)
    }

    @Test func aDeliveryIsGivenUpThenRedeliveredByAnAdministrator() async throws {
        let (cert, key) = try loopbackCertificate()
        let service = WebhookService(database: database, settings: settings)
        let receiver = try LoopbackServer(
            script: "webhook-receiver.py", arguments: ["--cert", cert, "--key", key, "--fail-first", "4"])
        let endpoint = try await service.create(
            organization: 10, url: "https://127.0.0.1:\(receiver.port)/hooks", by: admin(10))
        let client = client(trusting: cert)
        defer { client.shutdown { _ in } }
        let deliveries = WebhookDeliveries(database: database, settings: settings, client: client)
        try await event(for: 10, "x")
        try await deliveries.fanOut()
        for _ in 0..<4 {
            try await deliveries.deliverDue()
            clock.advance(by: 20)
        }
        #expect(try await statuses() == ["failed"], "still failing after giveUpAfter")
        await #expect(throws: NotificationsError.webhookNotFound) {
            _ = try await service.redeliverFailed(endpoint.endpoint.id, by: admin(11))
        }
        #expect(try await service.redeliverFailed(endpoint.endpoint.id, by: admin(10)) == 1)
        try await deliveries.deliverDue()
        #expect(try await statuses() == ["delivered"])
        #expect(try receiver.received("json").count == 1)
    }
}
