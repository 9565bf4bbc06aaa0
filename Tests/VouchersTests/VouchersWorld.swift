import Foundation
import GRDB
import Identity
import Kernel
@_spi(Testing) import Store
import Testing
@testable import Vouchers

/// The seeded corridor in memory with the voucher services and people to act as.
struct VouchersWorld {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let modules = [IdentityMigrations.all, VouchersMigrations.all]
    /// 2026-11-10 10:00 China time: inside the 2026 budget year.
    static let start = Date(timeIntervalSince1970: 1_794_276_000)
    static let day: TimeInterval = 86_400
    static let unit: Int64 = 100_000  // ¥1,000

    static let seeded: Result<AppDatabase, any Error> = Result {
        let database = try AppDatabase.inMemory(clock: ManualClock(start), modules: modules)
        _ = try IdentitySeeder.load(directory: root.appendingPathComponent("Seeds"), into: database)
        return database
    }

    let clock: ManualClock
    let database: AppDatabase
    let policies: PolicyService
    let vouchers: VoucherService
    let providers: ProviderService
    let redemptions: RedemptionService
    let settlements: SettlementService

    /// The folder of the database file when the world is on disk.
    let directory: URL?

    /// In memory by default; `onDisk` opens a WAL `DatabasePool` file as production does
    /// (one writer, concurrent readers, `synchronous = FULL`).
    /// `copying` starts from another world's database instead of the bare seeds.
    init(onDisk: Bool = false, copying source: AppDatabase? = nil) throws {
        clock = ManualClock(Self.start)
        if onDisk {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "vouchers-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            directory = folder
            database = try AppDatabase.open(
                path: folder.appendingPathComponent("corridor.sqlite").path, clock: clock, modules: Self.modules)
        } else {
            directory = nil
            database = try AppDatabase.inMemory(clock: clock, modules: Self.modules)
        }
        try (source?.testWriter ?? Self.seeded.get().testWriter).backup(to: database.testWriter)
        policies = PolicyService(database: database)
        vouchers = VoucherService(database: database)
        providers = ProviderService(database: database)
        redemptions = RedemptionService(database: database)
        settlements = SettlementService(database: database)
    }

    var system: Actor { .system("test", requestID: "test") }

    func organizations(_ kind: OrganizationKind, _ city: CityCode) async throws -> [Int64] {
        try await database.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM organizations WHERE kind = ? AND city = ? ORDER BY id",
                arguments: [kind.rawValue, city.rawValue])
        }
    }

    /// A person of the organisation in that role: one user per (organisation, role) unless
    /// `user` names another (separation of duties tells people apart by user).
    func actor(
        _ role: Role, _ organization: Int64, _ city: CityCode, request: String = "test", user: Int64? = nil
    ) -> Actor {
        let index = Int64(Role.allCases.firstIndex(of: role) ?? 0)
        return Actor(
            userID: user ?? organization * 100 + index, organizationID: organization, city: city, role: role,
            requestID: request)
    }

    /// Closes an on-disk world and removes its files.
    func removeFiles() {
        guard let directory else { return }
        try? database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    func cityAdmin(_ city: CityCode) async throws -> Actor {
        actor(.cityAdmin, try await organizations(.government, city)[0], city)
    }

    /// Another administrator of the same bureau (who records a payment the first approved).
    func secondCityAdmin(_ city: CityCode) async throws -> Actor {
        let first = try await cityAdmin(city)
        return actor(.cityAdmin, first.organizationID!, city, user: first.userID! + 50)
    }

    func enterprise(_ city: CityCode, _ index: Int = 0) async throws -> Actor {
        actor(.orgAdmin, try await organizations(.enterprise, city)[index], city)
    }

    func providerActor(_ city: CityCode, _ index: Int = 0) async throws -> Actor {
        actor(.orgAdmin, try await organizations(.provider, city)[index], city)
    }

    /// A 2026 policy for the city: 50 % for R&D and testing, 60 % for technology transfer.
    @discardableResult
    func policy(
        _ city: CityCode, budget: Int64 = 1_000_000_000, cap: Int64 = 20_000_000, holdHours: Int? = nil
    ) async throws -> VoucherPolicy {
        try await policies.create(
            NewVoucherPolicy(
                year: 2026, budgetFen: budget, unitFen: Self.unit, yearlyCapFen: cap,
                categories: [
                    .init(category: .rd, ratioPermille: 500), .init(category: .testing, ratioPermille: 500),
                    .init(category: .technologyTransfer, ratioPermille: 600),
                ],
                validUntil: Date(timeIntervalSince1970: 1_806_422_400), holdHours: holdHours  // 2027-03-31
            ),
            by: try await cityAdmin(city)
        )
    }

    /// A provider listed through the real registry: apply, approve, 7 days of notice.
    func listedProvider(
        _ city: CityCode, _ index: Int = 0, categories: [ServiceCategory] = ServiceCategory.allCases
    ) async throws -> Int64 {
        let actor = try await providerActor(city, index)
        let applied = try await providers.apply(NewProvider(categories: categories), by: actor)
        _ = try await providers.act(applied.id, ProviderAction(action: .approve), by: try await cityAdmin(city))
        clock.advance(by: 7 * Self.day + 1)
        let provider = try await providers.get(applied.id, viewer: nil)
        #expect(provider.status == .listed)
        return actor.organizationID!
    }

    /// A voucher issued to the enterprise through application and approval.
    func voucher(_ enterprise: Actor, amount: Int64) async throws -> Voucher {
        let application = try await vouchers.apply(NewVoucherApplication(amountFen: amount), by: enterprise)
        let approved = try await vouchers.decide(
            application.id, VoucherDecision(approve: true), by: try await cityAdmin(enterprise.city!))
        return try await vouchers.voucher(try #require(approved.voucherId), viewer: enterprise)
    }

    func ledger() async throws -> LedgerReport {
        try await database.checkLedger()
    }

    func expectClean(_ note: String = "", sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let report = try await ledger()
        #expect(report.clean, "\(note): \(report.violations)", sourceLocation: sourceLocation)
    }

    func auditCount() async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0 }
    }

    func balance(_ code: String) async throws -> Int64 {
        try await database.read { db in try Ledger.balance(db, code: code) }
    }
}
