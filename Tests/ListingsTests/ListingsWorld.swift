import Foundation
import GRDB
import Identity
import Kernel
@testable import Listings
@_spi(Testing) import Store
import Testing

/// An in-memory corridor with the real seeds loaded, the Listings services, and helpers to act
/// as different people. The clock stands still until a test moves it.
struct ListingsWorld {
    static let seedsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Seeds")

    /// 2027-01-15 08:00 UTC (16:00 in China).
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    let clock = ManualClock(ListingsWorld.start)
    let database: AppDatabase
    let organizations: OrganizationService
    let users: UserService
    let patents: PatentService
    let achievements: AchievementService
    let needs: NeedService
    let challenges: ChallengeService
    let search: SearchService
    let imports: PatentImport

    static let modules = [IdentityMigrations.all, ListingsMigrations.all]

    /// The real seeds, loaded once by IdentitySeeder into a template that every world copies
    /// (loading them takes most of the time a world takes to make; the copy is exact, audit log
    /// included).
    static let seeded: Result<AppDatabase, any Error> = Result {
        let database = try AppDatabase.inMemory(clock: ManualClock(start), modules: modules)
        let report = try IdentitySeeder.load(directory: seedsDirectory, into: database)
        guard report.organizationsAdded >= 70 else { throw ListingsWorldError.seedsMissing(report.organizationsAdded) }
        return database
    }

    init() throws {
        database = try AppDatabase.inMemory(clock: clock, modules: Self.modules)
        try Self.seeded.get().testWriter.backup(to: database.testWriter)
        organizations = OrganizationService(database: database)
        users = UserService(database: database, passwords: Passwords(cost: 4))
        patents = PatentService(database: database)
        achievements = AchievementService(database: database)
        needs = NeedService(database: database)
        challenges = ChallengeService(database: database)
        search = SearchService(database: database)
        imports = PatentImport(database: database)
    }

    var now: Date { clock.now() }
    var system: Actor { .system("test", requestID: "test") }

    /// The `index`th seeded organisation (by id) of this kind in this city.
    func organization(_ kind: OrganizationKind, _ city: CityCode, _ index: Int = 0) async throws -> Organization {
        let id = try await database.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM organizations WHERE kind = ? AND city = ? ORDER BY id LIMIT 1 OFFSET ?",
                arguments: [kind.rawValue, city.rawValue, index]
            )
        }
        guard let id else { throw ListingsWorldError.noSuchOrganization("\(kind) \(city) #\(index)") }
        return try await organizations.get(id, by: system)
    }

    /// An actor with this role in that organisation (no user row: enough for rule checks).
    func actor(_ role: Role, in organization: Organization, user: Int64 = 1_000) -> Actor {
        Actor(userID: user, organizationID: organization.id, city: organization.city, role: role, requestID: "test")
    }

    /// Creates a real user with this role in that organisation and returns an actor for them.
    func user(_ role: Role, in organization: Organization, username: String) async throws -> Actor {
        let created = try await users.create(
            in: organization.id,
            NewUser(username: username, displayName: username, role: role, password: "correct horse battery"),
            by: system
        )
        return Actor(
            userID: created.user.id, organizationID: organization.id, city: organization.city, role: role,
            requestID: "test")
    }

    func count(_ table: String) throws -> Int {
        try database.testWriter.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    /// Rows of listings, audit entries and full-text index rows: what a refused write must not change.
    func footprint() throws -> [Int] {
        [try count("listings"), try count("audit_log"), try count("listings_fts")]
    }

    /// The actions of the audit entries after `seq`, in order.
    func auditActions(after seq: Int) throws -> [String] {
        try database.testWriter.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE seq > ? ORDER BY seq", arguments: [seq])
        }
    }

    func lastAuditSeq() throws -> Int {
        try database.testWriter.read { db in
            try Int.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM audit_log") ?? 0
        }
    }

    // MARK: Listings made quickly

    /// A patent through the service, with sensible defaults.
    @discardableResult
    func listPatent(
        _ number: String, title: String = "一种高能量密度锂电池正极材料", by actor: Actor,
        configure: (inout NewPatent) -> Void = { _ in }
    ) async throws -> Patent {
        var input = Fixtures.patent(number, title: title)
        configure(&input)
        return try await patents.create(input, by: actor)
    }

    func postNeed(
        title: String = "寻求动力电池热管理技术", by actor: Actor, deadlineIn days: Double = 30,
        configure: (inout NewNeed) -> Void = { _ in }
    ) async throws -> Need {
        var input = Fixtures.need(title: title, deadline: now.addingTimeInterval(days * Self.day))
        configure(&input)
        return try await needs.create(input, by: actor)
    }

    func query(_ text: String? = nil, configure: (inout SearchQuery) -> Void = { _ in }) -> SearchQuery {
        var query = SearchQuery()
        query.text = text
        configure(&query)
        return query
    }
}

enum ListingsWorldError: Error {
    case noSuchOrganization(String)
    case seedsMissing(Int)
}

/// Inputs with sensible defaults; tests change what they are about.
enum Fixtures {
    static func patent(_ number: String, title: String = "一种高能量密度锂电池正极材料") -> NewPatent {
        NewPatent(
            number: number, title: title, abstract: "本发明公开了一种用于动力电池的正极材料及其制备方法。",
            claimsSummary: nil, ipcCodes: ["H01M 10/0525"], applicants: ["武汉理工大学"], inventors: ["张三", "李四"],
            legalStatus: .granted, fields: [.newEnergyVehicles], keywords: ["正极材料"], trl: 5,
            transferModes: [.assignment, .licenceNonExclusive],
            askingPrice: PriceRange(minFen: 10_000_000, maxFen: 50_000_000), status: nil, ownerOrganizationId: nil
        )
    }

    static func need(title: String = "寻求动力电池热管理技术", deadline: Date) -> NewNeed {
        NewNeed(
            title: title, description: "我公司需要一种适用于储能电站的电池热管理方案，要求低成本、易维护。",
            fields: [.newEnergyVehicles], keywords: ["热管理"], budget: PriceRange(minFen: 5_000_000, maxFen: 20_000_000),
            deadline: deadline, cooperationMode: .jointDevelopment, visibility: nil, externalRef: nil,
            ownerOrganizationId: nil
        )
    }

    static func achievement(title: String, trl: Int = 6, fields: [Field] = [.optoelectronics]) -> NewAchievement {
        NewAchievement(
            title: title, summary: "一种可量产的工艺，已在中试线上验证。", trl: trl, fields: fields, keywords: nil,
            cooperationModes: [.transfer], price: PriceRange(negotiable: true), patentIds: nil, teamMembers: nil,
            externalRef: nil, status: nil, ownerOrganizationId: nil
        )
    }
}

/// A valid patent number, with its check character computed here from the rule in DOMAIN.md
/// (digits × 2,3,4,5,6,7,8,9,2,3,4,5 summed, mod 11, 10 written X), not by the code under test.
func patentNumber(year: Int = 2019, type: Int = 1, serial: Int) -> String {
    let body = padded(year, 4) + String(type) + padded(serial, 7)
    return body + "." + String(checkCharacter(of: body))
}

/// `value` in `width` digits, zero-filled on the left.
func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// The check character of a 12- or 8-digit body, by the published weights.
func checkCharacter(of body: String) -> Character {
    let weights = body.count == 12 ? [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] : [2, 3, 4, 5, 6, 7, 8, 9]
    let digits = body.compactMap(\.wholeNumberValue)
    precondition(digits.count == weights.count, "a body has 12 or 8 digits")
    let remainder = zip(digits, weights).map { $0 * $1 }.reduce(0, +) % 11
    return remainder == 10 ? "X" : Character(String(remainder))
}

/// Runs `body` and returns the DomainError it throws; records an issue if it throws nothing or
/// something else.
@discardableResult
func domainError<T>(
    _ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation
) async -> DomainError? {
    do {
        _ = try await body()
        Issue.record("expected a DomainError, but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as DomainError {
        return error
    } catch {
        Issue.record("expected a DomainError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Same for synchronous code.
@discardableResult
func domainErrorSync<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> DomainError? {
    do {
        _ = try body()
        Issue.record("expected a DomainError, but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as DomainError {
        return error
    } catch {
        Issue.record("expected a DomainError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

struct ListingsWorldTests {
    @Test func everyWorldStartsFromTheSameSeedsAndKeepsToItself() async throws {
        let first = try ListingsWorld()
        let second = try ListingsWorld()
        let organizations = try first.count("organizations")
        let secondOrganizations = try second.count("organizations")
        #expect(organizations >= 70 && organizations == secondOrganizations)
        let audit = (try first.count("audit_log"), try second.count("audit_log"))
        #expect(audit.0 > 0 && audit.0 == audit.1)
        #expect(try first.count("listings") == 0)
        for city in CityCode.allCases {
            _ = try await first.organization(.government, city)
        }
        let university = try await first.organization(.university, .wuhan)
        _ = try await first.listPatent(patentNumber(serial: 1), by: first.actor(.orgMember, in: university))
        #expect(try first.count("listings") == 1)
        #expect(try second.count("listings") == 0)
        let entries = (try first.count("audit_log"), try second.count("audit_log"))
        #expect(entries.0 == entries.1 + 1)
    }
}
