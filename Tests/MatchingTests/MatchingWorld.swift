import Foundation
import GRDB
import Identity
import Kernel
import Listings
@testable import Matching
@_spi(Testing) import Store
import Testing

/// The real seeds (organisations and demo listings) in memory, loaded once and copied for
/// each test, with the matching services and helpers to act as different people.
struct MatchingWorld {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seedsDirectory = root.appendingPathComponent("Seeds")
    /// Now: the seeded challenges are for this year.
    static let start = Date()
    static let modules = [IdentityMigrations.all, ListingsMigrations.all, MatchingMigrations.all]

    let clock: ManualClock
    let database: AppDatabase
    let matches: MatchService
    let feedback: FeedbackService

    /// Seeding drives challenges through real deadlines; the clock is stepped instead of slept.
    static let seeded: Task<AppDatabase, any Error> = Task {
        let clock = ManualClock(start)
        let database = try AppDatabase.inMemory(clock: clock, modules: modules)
        _ = try IdentitySeeder.load(directory: seedsDirectory, into: database)
        _ = try await ListingSeeder(database: database, wait: { seconds in clock.advance(by: seconds) })
            .load(directory: seedsDirectory.appendingPathComponent("listings"))
        return database
    }

    static func make(
        weights: MatchWeights = MatchWeights(), deals: (any DealRecord)? = nil
    ) async throws -> MatchingWorld {
        let template = try await seeded.value
        let clock = ManualClock(template.clock.now())
        let database = try AppDatabase.inMemory(clock: clock, modules: modules)
        try template.testWriter.backup(to: database.testWriter)
        return MatchingWorld(
            clock: clock, database: database, matches: MatchService(database: database, weights: weights, deals: deals),
            feedback: FeedbackService(database: database)
        )
    }

    var system: Actor { .system("test", requestID: "test") }

    /// A listing's id by its seed reference (needs, achievements) or number (patents).
    func listing(_ key: String) async throws -> Int64 {
        let id = try await database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM listings WHERE external_key = ?", arguments: [key])
        }
        return try #require(id, "no listing \(key)")
    }

    func owner(of listing: Int64) async throws -> (id: Int64, city: CityCode) {
        let row = try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT owner_org_id, city FROM listings WHERE id = ?", arguments: [listing])
                .map { ($0["owner_org_id"] as Int64, $0["city"] as String) }
        }
        let found = try #require(row)
        return (found.0, CityCode(rawValue: found.1)!)
    }

    /// Some organisation of this kind, not `excluding`, optionally in (or not in) a city.
    func organization(
        _ kind: OrganizationKind, city: CityCode? = nil, notCity: CityCode? = nil, excluding: Int64? = nil
    ) async throws -> (id: Int64, city: CityCode) {
        let row = try await database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT id, city FROM organizations WHERE kind = ? AND (? IS NULL OR city = ?) AND (? IS NULL OR city <> ?)
                      AND id <> coalesce(?, -1) ORDER BY id LIMIT 1
                    """,
                arguments: [
                    kind.rawValue, city?.rawValue, city?.rawValue, notCity?.rawValue, notCity?.rawValue, excluding,
                ]
            ).map { ($0["id"] as Int64, $0["city"] as String) }
        }
        let found = try #require(row)
        return (found.0, CityCode(rawValue: found.1)!)
    }

    func actor(_ role: Role, organization: Int64, city: CityCode) -> Actor {
        Actor(userID: 1_000, organizationID: organization, city: city, role: role, requestID: "test")
    }

    func auditCount() async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0 }
    }
}
