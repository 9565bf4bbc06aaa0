import Deals
import Foundation
import GRDB
import Identity
import Kernel
import Listings
import Vouchers
@_spi(Testing) import Store
import Testing

/// The seeded corridor in memory with the Listings and Deals services, an attachments folder of
/// its own, and people to act as. The clock stands still until a test moves it.
struct DealsWorld {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let modules = [IdentityMigrations.all, ListingsMigrations.all, VouchersMigrations.all, DealsMigrations.all]
    /// 2026-11-10 10:00 China time.
    static let start = Date(timeIntervalSince1970: 1_794_276_000)
    static let day: TimeInterval = 86_400

    static let seeded: Result<AppDatabase, any Error> = Result {
        let database = try AppDatabase.inMemory(clock: ManualClock(start), modules: modules)
        _ = try IdentitySeeder.load(directory: root.appendingPathComponent("Seeds"), into: database)
        return database
    }

    let clock: ManualClock
    let database: AppDatabase
    let folder: URL
    let connections: ConnectionService
    let threads: ThreadService
    let contracts: ContractService
    let statistics: ContractStatistics
    let patents: PatentService
    let needs: NeedService

    init(
        onDisk: Bool = false, limits: ConnectionLimits = ConnectionLimits(), attachmentLimit: Int = 5 * 1_024 * 1_024
    )
        throws
    {
        clock = ManualClock(Self.start)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("deals-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if onDisk {
            database = try AppDatabase.open(
                path: folder.appendingPathComponent("corridor.sqlite").path, clock: clock, modules: Self.modules)
        } else {
            database = try AppDatabase.inMemory(clock: clock, modules: Self.modules)
        }
        try Self.seeded.get().testWriter.backup(to: database.testWriter)
        connections = ConnectionService(database: database, limits: limits)
        threads = ThreadService(
            database: database, attachments: AttachmentStore(folder: folder, maxBytes: attachmentLimit))
        contracts = ContractService(database: database)
        statistics = ContractStatistics(database: database)
        patents = PatentService(database: database)
        needs = NeedService(database: database)
    }

    func removeFiles() {
        try? database.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The `index`th seeded organisation (by id) of this kind in this city.
    func organization(_ kind: OrganizationKind, _ city: CityCode, _ index: Int = 0) async throws -> Int64 {
        let id = try await database.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM organizations WHERE kind = ? AND city = ? ORDER BY id LIMIT 1 OFFSET ?",
                arguments: [kind.rawValue, city.rawValue, index])
        }
        return try #require(id)
    }

    /// A person of the organisation in that role: one user per (organisation, role) unless `user` says.
    func actor(
        _ role: Role, _ organization: Int64, _ city: CityCode, user: Int64? = nil, key: String? = nil
    ) -> Actor {
        let index = Int64(Role.allCases.firstIndex(of: role) ?? 0)
        return Actor(
            userID: user ?? organization * 100 + index, organizationID: organization, city: city, role: role,
            requestID: "test", idempotency: key.map { IdempotencyClaim(key: $0, requestHash: "hash-\($0)") })
    }

    func cityAdmin(_ city: CityCode) async throws -> Actor {
        actor(.cityAdmin, try await organization(.government, city), city)
    }

    /// A Wuhan university, a Huanggang enterprise and their people.
    struct Cast {
        var university: Int64
        var enterprise: Int64
        var seller: Actor
        var buyer: Actor
    }

    func cast() async throws -> Cast {
        let university = try await organization(.university, .wuhan)
        let enterprise = try await organization(.enterprise, .huanggang)
        return Cast(
            university: university, enterprise: enterprise, seller: actor(.orgAdmin, university, .wuhan),
            buyer: actor(.orgAdmin, enterprise, .huanggang))
    }

    func patent(by actor: Actor, number: String = "ZL201710601862.3") async throws -> Patent {
        try await patents.create(
            NewPatent(
                number: number, title: "一种高能量密度锂电池正极材料", abstract: "本发明公开了一种用于动力电池的正极材料及其制备方法。",
                ipcCodes: ["H01M 10/0525"], applicants: ["武汉理工大学"], inventors: ["张三"], legalStatus: .granted,
                fields: [.newEnergyVehicles], keywords: ["正极材料"], trl: 5,
                transferModes: [.assignment, .licenceExclusive],
                askingPrice: PriceRange(minFen: 10_000_000, maxFen: 50_000_000),
                status: .listed),
            by: actor)
    }

    func need(by actor: Actor) async throws -> Need {
        try await needs.create(
            NewNeed(
                title: "寻求动力电池正极材料技术", description: "我公司需要高能量密度正极材料。", fields: [.newEnergyVehicles],
                budget: PriceRange(minFen: 5_000_000, maxFen: 20_000_000),
                deadline: clock.now().addingTimeInterval(90 * Self.day),
                cooperationMode: .licence),
            by: actor)
    }

    /// Reads every statistic (the public view withholds small cells).
    static let auditor = Actor(userID: 9_999, organizationID: 1, city: .wuhan, role: .auditor, requestID: "t")

    static let fileHash = String(repeating: "ab", count: 32)

    /// Terms of a patent licence of ¥300,000 in two instalments.
    func terms(
        listing: Int64? = nil, need: Int64? = nil, connection: Int64? = nil, type: ContractType = .patentLicence,
        exclusive: Bool = true, value: Int64 = 30_000_000, title: String = "专利实施许可合同", file: String? = fileHash
    ) -> ContractTerms {
        let now = clock.now()
        return ContractTerms(
            type: type, exclusive: exclusive, title: title, valueFen: value,
            instalments: [
                .init(dueOn: now.addingTimeInterval(30 * Self.day), amountFen: value / 3),
                .init(dueOn: now.addingTimeInterval(90 * Self.day), amountFen: value - value / 3),
            ],
            termStart: now, termEnd: now.addingTimeInterval(365 * Self.day), fileSha256: file,
            listingIds: listing.map { [$0] } ?? [], needId: need, connectionId: connection)
    }

    /// A draft between the cast, made by the buyer.
    func draft(_ cast: Cast, _ terms: ContractTerms? = nil) async throws -> Contract {
        try await contracts.create(
            NewContract(
                buyerOrganizationId: cast.enterprise, sellerOrganizationId: cast.university,
                terms: terms ?? self.terms()),
            by: cast.buyer)
    }

    /// A signed contract between the cast.
    func signed(_ cast: Cast, _ terms: ContractTerms? = nil) async throws -> Contract {
        let draft = try await draft(cast, terms)
        _ = try await contracts.confirm(draft.id, termsHash: draft.termsHash, by: cast.buyer)
        return try await contracts.confirm(draft.id, termsHash: draft.termsHash, by: cast.seller)
    }

    func count(_ sql: String, _ arguments: StatementArguments = StatementArguments()) async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    func audits(_ action: String) async throws -> Int {
        try await count("SELECT count(*) FROM audit_log WHERE action = ?", [action])
    }
}

/// Runs `body`, which must be refused with a `DomainError` of this code (and kind, when given).
@discardableResult
func expectRefusal<T>(
    _ code: String, _ kind: DomainError.Kind? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async -> DomainError? {
    do {
        let value = try await body()
        Issue.record("expected the refusal \(code), got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as DomainError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let kind {
            #expect(error.kind == kind, "\(error.code): kind \(error.kind) ≠ \(kind)", sourceLocation: sourceLocation)
        }
        return error
    } catch {
        Issue.record("expected the refusal \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
