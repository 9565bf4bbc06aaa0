import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Identity
import Kernel
import NIOCore
import Store
import Testing

/// The stage of the broker attacks (issue 18): a Huangshi enterprise (the client) with its
/// administrator and a member; a Wuhan provider registered as a technology-transfer agency with
/// its administrator, a registered broker and an unregistered colleague; a second agency (an
/// institute) with its own broker; the Huangshi and Wuhan administrators and the platform.
struct BrokerStage {
    static let start = Date(timeIntervalSince1970: 1_794_276_000)  // 2026-11-10 10:00 China time
    static let password = "Tea-kettle orbit 7 pelican"
    let clock = ManualClock(BrokerStage.start)
    let world: HTTPWorld
    var tokens: [String: String] = [:]
    var client: Int64 = 0
    var otherClient: Int64 = 0
    var agencyOrg: Int64 = 0
    var agency: Int64 = 0
    var otherAgency: Int64 = 0

    init() async throws {
        world = try HTTPWorld(clock: clock) { $0.auth.tokenLifetimeSeconds = 31_536_000 }
        client = try await world.organizationID("enterprise", "HS")
        otherClient = try await nth("enterprise", "HS", 1)
        agencyOrg = try await world.organizationID("provider", "WH")
        let institute = try await world.organizationID("institute", "WH")
        tokens["hs"] = try await user(in: try await world.organizationID("government", "HS"), "kjj.hs", .cityAdmin)
        tokens["wh"] = try await user(in: try await world.organizationID("government", "WH"), "kjj.wh", .cityAdmin)
        tokens["client"] = try await user(in: client, "qiye.hs", .orgAdmin)
        tokens["member"] = try await user(in: client, "yuangong.hs", .orgMember)
        tokens["otherClient"] = try await user(in: otherClient, "qiye2.hs", .orgAdmin)
        tokens["agencyAdmin"] = try await user(in: agencyOrg, "jigou.wh", .orgAdmin)
        tokens["broker"] = try await user(in: agencyOrg, "jingliren.wh", .orgMember)
        tokens["colleague"] = try await user(in: agencyOrg, "tongshi.wh", .orgMember)
        tokens["otherBroker"] = try await user(in: institute, "yanjiuyuan.wh", .orgMember)
        tokens["otherAdmin"] = try await user(in: institute, "yjy-admin.wh", .orgAdmin)
        let wh = Actor.system("test", requestID: "t")
        let brokers = BrokerService(database: world.database)
        agency = try await brokers.registerAgency(organizationID: agencyOrg, kind: .agency, by: wh).id
        otherAgency = try await brokers.registerAgency(organizationID: institute, kind: .subMarket, by: wh).id
        _ = try await brokers.addBroker(
            agencyID: agency, NewBroker(userId: try await userID("jingliren.wh"), certificateNumber: "JSJL-2026-001"),
            by: .system("test", requestID: "t"))
        _ = try await brokers.addBroker(
            agencyID: otherAgency, NewBroker(userId: try await userID("yanjiuyuan.wh"), certificateNumber: nil),
            by: .system("test", requestID: "t"))
    }

    func nth(_ kind: String, _ city: String, _ offset: Int) async throws -> Int64 {
        try await world.database.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM organizations WHERE kind = ? AND city = ? ORDER BY id LIMIT 1 OFFSET ?",
                arguments: [kind, city, offset]) ?? 0
        }
    }

    func user(in organization: Int64, _ username: String, _ role: Role) async throws -> String {
        _ = try await world.services.users.create(
            in: organization,
            .init(username: username, displayName: username, role: role, password: Self.password),
            by: .system("test", requestID: "t"))
        return try await world.services.auth.login(username: username, password: Self.password, requestID: "t").token
    }

    func userID(_ username: String) async throws -> Int64 {
        try await world.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = ?", arguments: [username]) ?? 0
        }
    }

    func token(_ who: String) -> String { tokens[who] ?? "missing-\(who)" }

    /// Needs owned by the organisation, and the audit entries about needs.
    func needCount(_ owner: Int64) async throws -> Int {
        try await world.database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM listings WHERE owner_org_id = ? AND kind = 'need'", arguments: [owner])
                ?? -1
        }
    }

    func run(_ body: @escaping @Sendable (BrokerClient) async throws -> Void) async throws {
        let stage = self
        try await world.test { client in try await body(BrokerClient(client: client, stage: stage)) }
    }
}

struct BrokerClient {
    let client: any TestClientProtocol
    let stage: BrokerStage

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ uri: String, _ who: String, _ body: String? = nil, key: String? = nil,
        onBehalfOf: String? = nil
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        var result: (HTTPResponse.Status, [String: Any]) = (.ok, [:])
        var extra = key.map { ["Idempotency-Key": $0] } ?? [:]
        if let onBehalfOf { extra["Corridor-On-Behalf-Of"] = onBehalfOf }
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

    /// The client's administrator grants the stage's agency (or `agency`) a delegation.
    func grant(
        _ scope: [String], who: String = "client", client: Int64? = nil, agency: Int64? = nil,
        starts: Date? = nil, ends: Date = BrokerStage.start.addingTimeInterval(30 * 86_400)
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        let scopes = scope.map { "\"\($0)\"" }.joined(separator: ",")
        let startsMember = starts.map { #","startsAt":"\#(Timestamp.format($0))""# } ?? ""
        return try await call(
            .post, "/v1/delegations", who,
            #"{"clientOrganizationId":\#(client ?? stage.client),"agencyId":\#(agency ?? stage.agency),"scope":[\#(scopes)],"endsAt":"\#(Timestamp.format(ends))"\#(startsMember)}"#
        )
    }

    static func need(_ title: String = "锂电池极片涂布均匀性提升") -> String {
        let deadline = Timestamp.format(BrokerStage.start.addingTimeInterval(90 * 86_400))
        return
            #"{"title":"\#(title)","description":"涂布厚度波动大，寻求工艺改进合作。","fields":["new_energy_vehicles"],"budget":{"negotiable":true},"deadline":"\#(deadline)","cooperationMode":"joint_development"}"#
    }

    /// The broker posts a need for `client` (the stage's client by default).
    func postNeed(
        who: String = "broker", for client: String? = nil, title: String = "锂电池极片涂布均匀性提升", key: String? = nil
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await call(
            .post, "/v1/needs", who, Self.need(title), key: key, onBehalfOf: client ?? String(stage.client))
    }
}
