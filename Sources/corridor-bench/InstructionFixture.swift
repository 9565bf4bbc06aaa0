import CorridorCLI
import Foundation
import HTTPTypes
import Identity
import Kernel
import Listings
import Platform
import Store

/// The small fixed database the instruction counts run on (issue 19): the committed seeds
/// (80 organisations, about 300 listings), a platform administrator, and for the voucher write a
/// Huangshi policy, every seeded provider listed, one voucher for each Huangshi enterprise, and
/// an org admin in each. Built once natively by `instructions --prepare`; each measured run
/// works on a copy. Every step goes through the API's router, like `Scripts/bench-vouchers/setup.py`.
struct InstructionFixture: Codable {
    /// Where the clock stood when the fixture was finished: runs start from it.
    var now: Date
    var adminUsername: String
    /// An organisation the administrator reads (the first university, as `bench-http.sh`).
    var universityID: Int64
    /// The need whose matches are asked for (the first need a search without words lists).
    var needID: Int64
    var enterprises: [Party]
    var providers: [Party]

    struct Party: Codable {
        var organization: Int64
        var username: String
        var voucher: Int64?
    }

    static let password = "bench password 123"
    /// 2026-09-21 in China time; the listing seeds move it on through their challenges' deadlines.
    static let start = Date(timeIntervalSince1970: 1_790_000_000)
    static let databaseFile = "instructions.sqlite"
    static let fixtureFile = "instructions-fixture.json"

    /// What the server's defaults would be, with fast password hashes, no staff TOTP, providers
    /// listed without the notice period and rate-limit buckets no bench run can empty (the
    /// middleware still does its work on every request).
    static func configuration(dataDir: String) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.database.dataDir = dataDir
        configuration.auth.bcryptCost = 4
        configuration.security.requireTOTPForStaff = false
        configuration.vouchers.noticeDays = 0
        configuration.limits.burst = 100_000
        return configuration
    }

    static func open(path: String, clock: any Kernel.Clock, configuration: ServerConfiguration) throws -> AppDatabase {
        try AppDatabase.open(
            path: path, clock: clock, modules: CorridorModules.migrations(),
            busyTimeout: Double(configuration.database.busyTimeoutMs) / 1000,
            idempotencyLifetime: Double(configuration.idempotency.keyLifetimeSeconds),
            recordsEvents: configuration.notifications.enabled)
    }

    /// Builds the database and the fixture file in `folder` (replacing any there).
    static func prepare(folder: String, repo: String) async throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + databaseFile
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let clock = ManualClock(start)
        let configuration = configuration(dataDir: folder)
        let database = try open(path: path, clock: clock, configuration: configuration)
        let seeds = URL(fileURLWithPath: repo).appendingPathComponent("Seeds")
        _ = try IdentitySeeder.load(directory: seeds, into: database)
        let listings = try await ListingSeeder(database: database, wait: { seconds in clock.advance(by: seconds) })
            .load(directory: seeds.appendingPathComponent("listings"))
        let admin = try PlatformBootstrap.createAdministrator(
            database: database, username: "icount.admin", displayName: "icount", password: password,
            passwords: Passwords(cost: 4), tokenLifetime: Double(configuration.auth.tokenLifetimeSeconds)
        ).token.token
        let services = try AppServices(database: database, configuration: configuration)
        let api = InProcessAPI(services: services, configuration: configuration)

        func organizations(_ kind: String, city: String? = nil) async throws -> [Int64] {
            let query = "kind=\(kind)&limit=100" + (city.map { "&city=\($0)" } ?? "")
            let page = try await api.expect(.ok, .get, "/v1/organizations?\(query)", token: admin)
            return (page["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int64 }
        }
        func user(_ organization: Int64, _ username: String, _ role: String) async throws -> String {
            try await api.expect(
                .created, .post, "/v1/organizations/\(organization)/users", token: admin,
                json:
                    #"{"username":"\#(username)","displayName":"\#(username)","role":"\#(role)","password":"\#(password)"}"#
            )
            return try await login(api, username)
        }
        guard let government = try await organizations("government", city: "HS").first,
            let university = try await organizations("university").first
        else { throw BenchError("prepare: the seeds have no Huangshi government or no university") }
        let cityAdmin = try await user(government, "icount.kjj.hs", "city_admin")
        var enterprises: [Party] = []
        var enterpriseTokens: [String] = []
        for organization in try await organizations("enterprise", city: "HS") {
            let username = "icount.qiye.\(organization)"
            enterpriseTokens.append(try await user(organization, username, "org_admin"))
            enterprises.append(Party(organization: organization, username: username))
        }
        var providers: [Party] = []
        for organization in try await organizations("provider") {
            let username = "icount.jigou.\(organization)"
            let token = try await user(organization, username, "org_admin")
            let entry = try await api.expect(
                .created, .post, "/v1/providers", token: token, json: #"{"categories":["testing","rd"]}"#)
            let id = entry["id"] as? Int64 ?? 0
            try await api.expect(
                .ok, .post, "/v1/providers/\(id)/actions", token: admin, json: #"{"action":"approve"}"#)
            providers.append(Party(organization: organization, username: username))
        }
        guard enterprises.count >= 2, providers.count >= 4 else {
            throw BenchError("prepare: \(enterprises.count) Huangshi enterprises and \(providers.count) providers")
        }
        var china = Calendar(identifier: .gregorian)
        china.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let year = china.component(.year, from: clock.now())
        try await api.expect(
            .created, .post, "/v1/voucher-policies", token: cityAdmin,
            json: """
                {"year":\(year),"budgetFen":100000000000,"unitFen":100000,"yearlyCapFen":10000000000,\
                "categories":[{"category":"testing","ratioPermille":500},{"category":"rd","ratioPermille":500}],\
                "validUntil":"\(year + 1)-12-31T00:00:00Z"}
                """)
        for index in enterprises.indices {
            let application = try await api.expect(
                .created, .post, "/v1/vouchers", token: enterpriseTokens[index], json: #"{"amountFen":10000000000}"#)
            let decision = try await api.expect(
                .ok, .post, "/v1/voucher-applications/\(application["id"] as? Int64 ?? 0)/decision", token: cityAdmin,
                json: #"{"approve":true}"#)
            enterprises[index].voucher = decision["voucherId"] as? Int64
        }
        let needs = try await api.expect(.ok, .get, "/v1/search?kind=need&limit=1", token: admin)
        guard let need = (needs["items"] as? [[String: Any]])?.first?["id"] as? Int64 else {
            throw BenchError("prepare: no need listed")
        }
        let fixture = InstructionFixture(
            now: clock.now(), adminUsername: "icount.admin", universityID: university, needID: need,
            enterprises: enterprises, providers: providers)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        try encoder.encode(fixture).write(to: URL(fileURLWithPath: folder + "/" + fixtureFile))
        try await database.truncateWriteAheadLog()
        try database.close()
        say(
            "prepared \(path): \(listings.added) seeded listings, \(enterprises.count) Huangshi enterprises with a voucher, \(providers.count) providers listed"
        )
    }

    static func load(folder: String) throws -> InstructionFixture {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(Self.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/" + fixtureFile)))
    }

    static func login(_ api: InProcessAPI, _ username: String) async throws -> String {
        let answer = try await api.expect(
            .ok, .post, "/v1/auth/login", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        guard let token = answer["token"] as? String else { throw BenchError("login \(username): no token") }
        return token
    }
}
