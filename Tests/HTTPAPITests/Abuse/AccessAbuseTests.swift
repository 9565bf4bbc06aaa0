import Foundation
import GRDB
import HTTPTypes
import Identity
import Kernel
import Testing

/// Attacks on who one may become: a city administrator making itself an administrator of the
/// platform's own organisation, a token minted for another user, a service token stronger than
/// its owner; and secrets left at rest (a replayed token, a generated password).
struct AccessAbuseTests {
    enum Target: String, CaseIterable {
        case ownEnterprise, otherEnterpriseSameCity, enterpriseOtherCity, platform, government
    }

    /// Written out apart from the code: may `caller` (in Huangshi's first enterprise, or the
    /// Huangshi bureau for a city administrator, or the platform) create a user with `role` in
    /// `target`?
    static func allowed(_ caller: Role, _ role: Role, _ target: Target) -> Bool {
        let kindAllows: Bool =
            switch target {
            case .platform: [.platformAdmin, .auditor, .orgAdmin, .orgMember, .expert].contains(role)
            case .government: [.cityAdmin, .auditor, .orgAdmin, .orgMember, .expert].contains(role)
            default: [.orgAdmin, .orgMember, .expert].contains(role)
            }
        switch caller {
        case .platformAdmin: return kindAllows
        case .orgAdmin: return target == .ownEnterprise && [.orgAdmin, .orgMember, .expert].contains(role)
        default: return false  // a city administrator makes no logins; nor does anyone else
        }
    }

    @Test(arguments: [Role.platformAdmin, .cityAdmin, .orgAdmin, .orgMember, .expert, .auditor])
    func whoMayCreateWhichUserWhere(_ caller: Role) async throws {
        let world = try HTTPWorld()
        let routes = ListingRoutesTests()
        let home: (String, String) =
            switch caller {
            case .platformAdmin, .auditor: ("platform", "WH")
            case .cityAdmin: ("government", "HS")
            default: ("enterprise", "HS")
            }
        let token = try await routes.signIn(world, home.0, home.1, caller, "caller.\(caller.rawValue)")
        let targets: [Target: Int64] = try await world.database.read { db in
            func first(_ kind: String, _ city: String, offset: Int = 0) throws -> Int64 {
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM organizations WHERE kind = ? AND city = ? ORDER BY id LIMIT 1 OFFSET ?",
                    arguments: [kind, city, offset]) ?? 0
            }
            return [
                .ownEnterprise: try first("enterprise", "HS"),
                .otherEnterpriseSameCity: try first("enterprise", "HS", offset: 1),
                .enterpriseOtherCity: try first("enterprise", "WH"), .platform: try first("platform", "WH"),
                .government: try first("government", "HS"),
            ]
        }
        try await world.test { client in
            var serial = 0
            for target in Target.allCases {
                for role in Role.allCases {
                    serial += 1
                    let body =
                        #"{"username":"made.\#(serial)","displayName":"x","role":"\#(role.rawValue)","password":"a long password 1"}"#
                    var status = HTTPResponse.Status.ok
                    try await client.execute(
                        uri: "/v1/organizations/\(targets[target] ?? 0)/users", method: .post,
                        headers: headers(token: token), body: .init(string: body)
                    ) {
                        status = $0.status
                    }
                    let expected = Self.allowed(caller, role, target)
                    #expect((status == .created) == expected, "\(caller) makes \(role) in \(target): \(status)")
                }
            }
        }
    }

    @Test func aTokenIsIssuedOnlyToItsOwnUserAndNoStrongerThanIt() async throws {
        let world = try HTTPWorld()
        let routes = ListingRoutesTests()
        let admin = try await routes.signIn(world, "platform", "WH", .orgAdmin, "platform.orgadmin")
        let member = try await routes.signIn(world, "enterprise", "HS", .orgMember, "yuangong.hs")
        let boss = try await routes.signIn(world, "enterprise", "HS", .orgAdmin, "laoban.hs")
        let platformAdminID = try await world.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE role = 'platform_admin' ORDER BY id") ?? 0
        }
        try await world.test { client in
            func post(
                _ uri: String, _ token: String, _ body: String, key: String? = nil
            ) async throws -> (HTTPResponse.Status, [String: Any]) {
                var result: (HTTPResponse.Status, [String: Any]) = (.ok, [:])
                try await client.execute(
                    uri: uri, method: .post,
                    headers: headers(token: token, extra: key.map { ["Idempotency-Key": $0] } ?? [:]),
                    body: .init(string: body)
                ) {
                    result = ($0.status, (try? json($0.body)) ?? [:])
                }
                return result
            }
            // An administrator of the platform's own organisation mints a token for the platform administrator.
            let (stolen, problem) = try await post(
                "/v1/tokens", admin, #"{"name":"x","userId":\#(platformAdminID),"expiresInDays":365}"#)
            #expect(stolen == .forbidden && problem["code"] as? String == "token_for_another_user", "\(problem)")
            // A member asks for a service token with an administrator's role.
            let (stronger, strongerProblem) = try await post("/v1/tokens", member, #"{"name":"ci","role":"org_admin"}"#)
            #expect(stronger == .forbidden && strongerProblem["code"] as? String == "role_not_grantable")
            // An administrator's service token for a machine acts as a member: it cannot make users.
            let (issued, service) = try await post("/v1/tokens", boss, #"{"name":"erp-sync","role":"org_member"}"#)
            #expect(issued == .created && service["role"] as? String == "org_member")
            let machine = service["token"] as? String ?? ""
            let org = try await world.organizationID("enterprise", "HS")
            let (made, _) = try await post(
                "/v1/organizations/\(org)/users", machine,
                #"{"username":"by.machine","displayName":"x","role":"org_member","password":"a long password 1"}"#)
            #expect(made == .forbidden)
            try await client.execute(uri: "/v1/tokens", method: .get, headers: headers(token: boss)) { response in
                let items = (try json(response.body))["items"] as? [[String: Any]] ?? []
                #expect(items.contains { $0["kind"] as? String == "service" && $0["role"] as? String == "org_member" })
            }
        }
    }

    /// No secret at rest: a token issued with an Idempotency-Key is replayed without it (same
    /// status, `alreadyShown`), and no table holds a token or a password that was issued or set.
    @Test func noSecretIsStoredOrReplayed() async throws {
        let world = try HTTPWorld()
        let routes = ListingRoutesTests()
        let boss = try await routes.signIn(world, "enterprise", "HS", .orgAdmin, "laoban.hs")
        let org = try await world.organizationID("enterprise", "HS")
        let known = [boss, world.adminToken, "listing password", "admin password 1"]
        try await world.test { client in
            var secrets = known
            var first: [String: Any] = [:]
            for attempt in 0..<2 {
                try await client.execute(
                    uri: "/v1/tokens", method: .post,
                    headers: headers(token: boss, extra: ["Idempotency-Key": "token-once"]),
                    body: .init(string: #"{"name":"erp"}"#)
                ) {
                    #expect($0.status == .created)
                    let body = try json($0.body)
                    if attempt == 0 {
                        first = body
                    } else {
                        #expect(body["id"] as? Int64 == first["id"] as? Int64)
                        #expect(body["token"] as? String == "" && body["alreadyShown"] as? Bool == true, "\(body)")
                    }
                }
            }
            secrets.append(first["token"] as? String ?? "missing")
            let created =
                #"{"username":"new.hire","displayName":"x","role":"org_member","password":"new hire password 2026"}"#
            try await client.execute(
                uri: "/v1/organizations/\(org)/users", method: .post,
                headers: headers(token: boss, extra: ["Idempotency-Key": "user-once"]), body: .init(string: created)
            ) {
                #expect($0.status == .created)
                let body = try json($0.body)
                #expect(body["initialPassword"] == nil)
            }
            secrets.append("new hire password 2026")
            let missing = #"{"username":"no.password","displayName":"x","role":"org_member"}"#
            try await client.execute(
                uri: "/v1/organizations/\(org)/users", method: .post, headers: headers(token: boss),
                body: .init(string: missing)
            ) {
                let problem = try json($0.body)
                #expect($0.status == .unprocessableContent && problem["code"] as? String == "password_required")
            }
            let all = secrets
            let found = try await world.database.read { db in try SecretScan.tables(db, holding: all) }
            #expect(found.isEmpty, "secrets at rest: \(found)")
        }
    }
}

/// Looks through every row of every table for any of the strings.
enum SecretScan {
    static func tables(_ db: Database, holding secrets: [String]) throws -> [String] {
        var found: [String] = []
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        for table in tables {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") {
                for value in row.databaseValues {
                    let text: String? =
                        switch value.storage {
                        case .string(let string): string
                        case .blob(let data): String(decoding: data, as: UTF8.self)
                        default: nil
                        }
                    guard let text else { continue }
                    for secret in secrets where text.contains(secret) { found.append("\(table): \(secret.prefix(8))…") }
                }
            }
        }
        return found
    }
}
