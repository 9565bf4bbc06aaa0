import Foundation
import GRDB
import Identity
import Kernel
@_spi(Testing) import Store

/// An in-memory corridor with the real seeds loaded, and helpers to act as different people.
struct World {
    static let seedsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Seeds")

    let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
    let database: AppDatabase
    let passwords = Passwords(cost: 4)
    let verifier: TokenVerifier
    let organizations: OrganizationService
    let users: UserService
    let auth: AuthService

    init() throws {
        database = try AppDatabase.inMemory(clock: clock, modules: [IdentityMigrations.all])
        _ = try IdentitySeeder.load(directory: Self.seedsDirectory, into: database)
        verifier = TokenVerifier(database: database, cacheLifetime: 30)
        organizations = OrganizationService(database: database)
        users = UserService(database: database, passwords: passwords)
        auth = AuthService(database: database, passwords: passwords, verifier: verifier, sessionLifetime: 3_600)
    }

    /// The first seeded organisation of this kind in this city.
    func organization(_ kind: OrganizationKind, _ city: CityCode) async throws -> Organization {
        let id = try await database.testWriter.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM organizations WHERE kind = ? AND city = ? ORDER BY id LIMIT 1",
                arguments: [kind.rawValue, city.rawValue]
            )
        }
        guard let id else { throw WorldError.noSuchOrganization("\(kind) \(city)") }
        return try await organizations.get(id, by: system)
    }

    /// An actor with this role in that organisation (no user row needed for rule checks).
    func actor(_ role: Role, in organization: Organization, user: Int64 = 1_000) -> Actor {
        Actor(userID: user, organizationID: organization.id, city: organization.city, role: role, requestID: "test")
    }

    var system: Actor { .system("test", requestID: "test") }

    func count(_ table: String) throws -> Int {
        try database.testWriter.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    /// Creates a real user and signs them in; returns the token.
    func signIn(_ role: Role, in organization: Organization, username: String) async throws -> (User, String) {
        let created = try await users.create(
            in: organization.id,
            NewUser(username: username, displayName: username, role: role, password: "correct horse battery"),
            by: system
        )
        let issued = try await auth.login(username: username, password: "correct horse battery", requestID: "test")
        return (created.user, issued.token)
    }
}

enum WorldError: Error {
    case noSuchOrganization(String)
}

/// A code with a correct check character, for tests: 17 characters plus the computed one.
func validCreditCode(_ body: String) -> String {
    body + String(CreditCode.checkCharacter(for: body)!)
}
