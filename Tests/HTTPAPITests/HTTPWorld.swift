import AuditLog
import Foundation
import GRDB
@testable import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Deals
import Identity
import Kernel
import Listings
import Matching
import Notifications
import Logging
import NIOCore
import Platform
import Store
import Testing
import Vouchers

/// The whole app on an in-memory database with the real seeds and a platform admin, driven
/// through the router without sockets.
struct HTTPWorld {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    let database: AppDatabase
    let services: AppServices
    let configuration: ServerConfiguration
    let adminToken: String

    init(clock: any Kernel.Clock = SystemClock(), _ adjust: (inout ServerConfiguration) -> Void = { _ in }) throws {
        var configuration = ServerConfiguration()
        // A problem code the contract does not document for its operation fails the test that met it.
        configuration.http.checkProblemCodes = true
        configuration.auth.bcryptCost = 4
        // Staff sign in without TOTP here; the enforcement has tests of its own with it on.
        configuration.security.requireTOTPForStaff = false
        configuration.http.bodyLimitBytes = 4_096
        // Files the server keeps (attachments, the development webhook key, open data) go to a
        // folder of this world's own, never the working directory.
        configuration.database.dataDir =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("corridor-http-\(UUID().uuidString)").path
        adjust(&configuration)
        self.configuration = configuration
        database = try AppDatabase.inMemory(
            clock: clock,
            modules: [
                AuditLogMigrations.module(), IdentityMigrations.all, ListingsMigrations.all, MatchingMigrations.all,
                VouchersMigrations.all, DealsMigrations.all, NotificationsMigrations.all,
            ])
        _ = try IdentitySeeder.load(directory: Self.root.appendingPathComponent("Seeds"), into: database)
        services = try AppServices(database: database, configuration: configuration)
        adminToken = try PlatformBootstrap.createAdministrator(
            database: database, username: "admin", displayName: "管理员", password: "admin password 1",
            passwords: Passwords(cost: 4), tokenLifetime: 3_600
        ).token.token
    }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try CorridorServer.buildApplication(
            services: services, configuration: configuration, tls: nil, logger: Logger(label: "test")
        )
        try await app.test(.router, body)
    }

    /// Rows in the tables a rejected request must not touch.
    func snapshot() async throws -> [Int] {
        try await database.read { db in
            try ["organizations", "users", "tokens", "audit_log", "idempotency_keys"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1
            }
        }
    }

    func organizationID(_ kind: String, _ city: String) async throws -> Int64 {
        try await database.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM organizations WHERE kind = ? AND city = ? ORDER BY id",
                arguments: [kind, city]) ?? 0
        }
    }
}

func headers(token: String? = nil, json: Bool = true, extra: [String: String] = [:]) -> HTTPFields {
    var fields = HTTPFields()
    if let token { fields[.authorization] = "Bearer \(token)" }
    if json { fields[.contentType] = "application/json" }
    for (name, value) in extra { fields[HTTPField.Name(name)!] = value }
    return fields
}

func json(_ buffer: ByteBuffer) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))
    guard let dictionary = object as? [String: Any] else { throw ResponseShapeError() }
    return dictionary
}

struct ResponseShapeError: Error {}

/// A valid credit code for a body of 17 characters.
func creditCode(_ body: String) -> String {
    body + String(CreditCode.checkCharacter(for: body)!)
}
