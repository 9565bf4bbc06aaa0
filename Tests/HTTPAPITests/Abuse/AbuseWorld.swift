import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Identity
import Kernel
import NIOCore
import Testing

/// The stage for the catalogue of attacks: Huangshi's policy, a Wuhan provider listed after its
/// notice, a Huangshi enterprise holding a ¥100,000 voucher; the people of each party signed in
/// through the real login. Every attack is a sequence of HTTP requests against the router.
struct AbuseWorld {
    static let start = Date(timeIntervalSince1970: 1_794_276_000)  // 2026-11-10 10:00 China time
    let clock = ManualClock(AbuseWorld.start)
    let world: HTTPWorld
    var tokens: [String: String] = [:]
    var providerOrg: Int64 = 0
    var enterpriseOrg: Int64 = 0

    init() async throws {
        world = try HTTPWorld(clock: clock) { $0.auth.tokenLifetimeSeconds = 31_536_000 }
        let routes = ListingRoutesTests()
        tokens["hs"] = try await routes.signIn(world, "government", "HS", .cityAdmin, "kjj.hs")
        tokens["hs2"] = try await routes.signIn(world, "government", "HS", .cityAdmin, "kjj2.hs")
        tokens["wh"] = try await routes.signIn(world, "government", "WH", .cityAdmin, "kjj.wh")
        tokens["enterprise"] = try await routes.signIn(world, "enterprise", "HS", .orgAdmin, "qiye.hs")
        tokens["member"] = try await routes.signIn(world, "enterprise", "HS", .orgMember, "yuangong.hs")
        tokens["reviewer"] = try await routes.signIn(world, "enterprise", "HS", .expert, "pingshen.hs")
        tokens["provider"] = try await routes.signIn(world, "provider", "WH", .orgAdmin, "jigou.wh")
        tokens["platform"] = try await routes.signIn(world, "platform", "WH", .platformAdmin, "ops.platform")
        tokens["auditor"] = try await routes.signIn(world, "platform", "WH", .auditor, "shenji.platform")
        providerOrg = try await world.organizationID("provider", "WH")
        enterpriseOrg = try await world.organizationID("enterprise", "HS")
    }

    func token(_ who: String) -> String { tokens[who] ?? "missing-\(who)" }

    /// A second enterprise of the city with its own admin.
    mutating func secondEnterprise() async throws -> Int64 {
        let id = try await world.database.read { db in
            try Int64.fetchOne(
                db,
                sql:
                    "SELECT id FROM organizations WHERE kind = 'enterprise' AND city = 'HS' ORDER BY id LIMIT 1 OFFSET 1"
            ) ?? 0
        }
        _ = try await world.services.users.create(
            in: id, .init(username: "qiye2.hs", displayName: "qiye2", role: .orgAdmin, password: "listing password"),
            by: .system("test", requestID: "t")
        )
        tokens["enterprise2"] = try await world.services.auth.login(
            username: "qiye2.hs", password: "listing password", requestID: "t"
        ).token
        return id
    }
}

/// One client session of the abuse world.
struct AbuseClient {
    let client: any TestClientProtocol
    let stage: AbuseWorld

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ uri: String, _ who: String, _ body: String? = nil, key: String? = nil
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        var result: (HTTPResponse.Status, [String: Any]) = (.ok, [:])
        let extra = key.map { ["Idempotency-Key": $0] } ?? [:]
        try await client.execute(
            uri: uri, method: method, headers: headers(token: stage.token(who), extra: extra),
            body: body.map { ByteBuffer(string: $0) }
        ) { response in
            let object =
                response.body.readableBytes > 0
                ? try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) : nil
            result = (response.status, object as? [String: Any] ?? [:])
        }
        return result
    }

    func post(
        _ uri: String, _ who: String, _ body: String, key: String? = nil
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await call(.post, uri, who, body, key: key)
    }

    static let policy =
        #"{"year":2026,"budgetFen":100000000,"unitFen":100000,"yearlyCapFen":20000000,"categories":[{"category":"testing","ratioPermille":500}],"validUntil":"2027-03-31T00:00:00Z"}"#

    /// Policy (optionally with extra JSON members), provider listed, a voucher of `amount`.
    func setUp(policyExtra: String = "", amount: Int64 = 10_000_000) async throws -> Int64 {
        let body = policyExtra.isEmpty ? Self.policy : String(Self.policy.dropLast()) + "," + policyExtra + "}"
        let (created, policy) = try await post("/v1/voucher-policies", "hs", body)
        #expect(created == .created, "\(policy)")
        let (_, provider) = try await post("/v1/providers", "provider", #"{"categories":["testing"]}"#)
        let (listed, _) = try await post(
            "/v1/providers/\(provider["id"] as? Int64 ?? 0)/actions", "wh", #"{"action":"approve"}"#)
        #expect(listed == .ok)
        stage.clock.advance(by: 7 * 86_400 + 60)
        return try await voucher(amount: amount)
    }

    func voucher(amount: Int64, who: String = "enterprise") async throws -> Int64 {
        let (_, application) = try await post("/v1/vouchers", who, #"{"amountFen":\#(amount)}"#)
        let (_, decision) = try await post(
            "/v1/voucher-applications/\(application["id"] as? Int64 ?? 0)/decision", "hs", #"{"approve":true}"#)
        let id = decision["voucherId"] as? Int64 ?? 0
        #expect(id > 0, "\(application) \(decision)")
        return id
    }

    func open(
        _ voucher: Int64, contract: String, fen: Int64, who: String = "enterprise", extra: String = ""
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await post(
            "/v1/redemptions", who,
            #"{"voucherId":\#(voucher),"providerOrganizationId":\#(stage.providerOrg),"contractNumber":"\#(contract)","category":"testing","contractFen":\#(fen)\#(extra)}"#
        )
    }

    func step(_ redemption: Any?, _ who: String, _ body: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await post("/v1/redemptions/\(redemption as? Int64 ?? 0)/steps", who, body)
    }

    /// `corridor ledger check` through the API: every invariant holds.
    func expectLedgerClean(_ comment: Comment? = nil) async throws {
        let (_, report) = try await call(.get, "/v1/ledger/check", "platform")
        #expect(report["clean"] as? Bool == true, "\(report) \(comment?.rawValue ?? "")")
    }
}

extension AbuseWorld {
    func run(_ body: @escaping @Sendable (AbuseClient) async throws -> Void) async throws {
        let stage = self
        try await world.test { client in try await body(AbuseClient(client: client, stage: stage)) }
    }
}
