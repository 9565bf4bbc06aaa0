import AuditLog
@testable import Console
@testable import CorridorCLI
import Foundation
import GRDB
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Deals
import Identity
import Kernel
import Listings
import Logging
import Matching
import Notifications
import NIOCore
import Platform
import Store
import Vouchers

/// The whole app with the console on an in-memory database holding the real seeds, driven
/// through the router; a browser-like client that keeps cookies and reads CSRF tokens.
struct ConsoleWorld {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    let database: AppDatabase
    let services: AppServices
    let configuration: ServerConfiguration
    let renderer: Renderer
    let clock: ManualClock

    init(listings: Bool = true) async throws {
        var configuration = ServerConfiguration()
        // A problem code the contract does not document for its operation fails the test that met it.
        configuration.http.checkProblemCodes = true
        configuration.auth.bcryptCost = 4
        // Staff sign in without TOTP here; the enforcement has tests of its own with it on.
        configuration.security.requireTOTPForStaff = false
        // Files the server keeps go to a folder of this world's own, never the working directory.
        configuration.database.dataDir =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("corridor-console-\(UUID().uuidString)").path
        self.configuration = configuration
        clock = ManualClock(Date())
        database = try AppDatabase.inMemory(
            clock: clock,
            modules: [
                AuditLogMigrations.module(), IdentityMigrations.all, ListingsMigrations.all, MatchingMigrations.all,
                VouchersMigrations.all, DealsMigrations.all, NotificationsMigrations.all, ConsolePreferences.migrations,
            ])
        _ = try IdentitySeeder.load(directory: Self.root.appendingPathComponent("Seeds"), into: database)
        if listings {
            let clock = self.clock
            _ = try await ListingSeeder(database: database, wait: { seconds in clock.advance(by: seconds) })
                .load(directory: Self.root.appendingPathComponent("Seeds/listings"))
        }
        services = try AppServices(database: database, configuration: configuration)
        renderer = try await Renderer.load()
    }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let console = ConsoleRoutes(services: services, renderer: renderer, secureCookies: true)
        let app = try CorridorServer.buildApplication(
            services: services, configuration: configuration, tls: nil, logger: Logger(label: "test"),
            extraRoutes: { console.register(on: $0) }
        )
        try await app.test(.router, body)
    }

    /// A user with this role in the first seeded organisation of that kind and city.
    func user(
        _ role: Role, kind: OrganizationKind, city: CityCode, username: String
    ) async throws -> (username: String, password: String, organization: Int64) {
        let organization = try await database.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM organizations WHERE kind = ? AND city = ? ORDER BY id",
                arguments: [kind.rawValue, city.rawValue])
        }
        guard let organization else { throw ConsoleWorldError("no \(kind) in \(city)") }
        let password = "console password 2026"
        _ = try await services.users.create(
            in: organization, NewUser(username: username, displayName: username, role: role, password: password),
            by: .system("test", requestID: "test")
        )
        return (username, password, organization)
    }

    func count(_ sql: String) async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }
}

struct ConsoleWorldError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// A browser in a test: keeps cookies, follows nothing by itself, finds CSRF tokens in pages.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private var cookies: [String: String] = [:]
    private(set) var lastPage = ""
    /// Sent with every request (for example a client's own `X-Request-Id`).
    var extraHeaders: HTTPFields = [:]

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    struct Page {
        var status: HTTPResponse.Status
        var html: String
        var location: String?
        var headers: HTTPFields
    }

    func get(_ uri: String) async throws -> Page {
        try await send(uri, method: .get, body: nil)
    }

    /// Posts a form with the CSRF token of the last page (unless `csrf` is given).
    func post(_ uri: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> Page {
        let token = csrf ?? Self.csrf(in: lastPage) ?? ""
        let body = ([("_csrf", token)] + fields).map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: body, contentType: "application/x-www-form-urlencoded")
    }

    func send(
        _ uri: String, method: HTTPRequest.Method, body: String?, contentType: String? = nil, bytes: [UInt8]? = nil
    ) async throws -> Page {
        var headers = extraHeaders
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let contentType { headers[.contentType] = contentType }
        let buffer = bytes.map { ByteBuffer(bytes: $0) } ?? body.map { ByteBuffer(string: $0) }
        let page = try await client.execute(uri: uri, method: method, headers: headers, body: buffer) { response in
            Page(
                status: response.status, html: String(buffer: response.body), location: response.headers[.location],
                headers: response.headers)
        }
        for value in page.headers[values: .setCookie] {
            let pair = value.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[1].isEmpty || value.contains("Max-Age=0") {
                cookies[parts[0]] = nil
            } else {
                cookies[parts[0]] = parts[1]
            }
        }
        if method == .get { lastPage = page.html }
        return page
    }

    func signIn(_ username: String, _ password: String) async throws {
        _ = try await get("/console/login")
        let page = try await post(
            "/console/login", [("username", username), ("password", password), ("next", "/console")])
        guard page.status == .seeOther else {
            throw ConsoleWorldError("sign-in failed: \(page.status) \(page.html.prefix(300))")
        }
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
