import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The happy paths through the router: register, read, amend, add a user, sign in as them.
struct OrganizationFlowTests {
    @Test func anOrganisationIsRegisteredReadAmendedAndGetsAUserWhoSignsIn() async throws {
        let world = try HTTPWorld()
        let code = creditCode("91420200MA4K0000A")
        try await world.test { client in
            let admin = headers(token: world.adminToken)
            let body =
                #"{"kind":"enterprise","name":"黄石光电测试有限公司","city":"HS","creditCode":"\#(code)","attributes":{"highTech":true,"techSME":true,"specialized":false,"revenueBand":"below_20m"},"contact":{"name":"刘工","phone":"0714-6200123","email":"liu@hs.example"}}"#
            let id = try await client.execute(
                uri: "/v1/organizations", method: .post, headers: admin, body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .created)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let organization = try json(response.body)
                #expect(organization["city"] as? String == "HS")
                #expect(organization["creditCode"] as? String == code)
                #expect((organization["createdAt"] as? String)?.hasSuffix("Z") == true)
                let id = try #require(organization["id"] as? Int)
                #expect(response.headers[.location] == "/v1/organizations/\(id)")
                return id
            }
            try await client.execute(
                uri: "/v1/organizations/\(id)", method: .get, headers: headers(token: world.adminToken, json: false)
            ) { response in
                #expect(response.status == .ok)
                let organization = try json(response.body)
                #expect(organization["name"] as? String == "黄石光电测试有限公司")
            }
            try await client.execute(
                uri: "/v1/organizations/\(id)", method: .patch, headers: admin,
                body: ByteBuffer(string: #"{"nameEn":"Huangshi Photonics Testing","park":null}"#)
            ) { response in
                let organization = try json(response.body)
                #expect(response.status == .ok)
                #expect(organization["nameEn"] as? String == "Huangshi Photonics Testing")
                #expect(organization["version"] as? Int == 2)
            }
            let userBody =
                #"{"username":"liu.gong","displayName":"刘工","role":"org_admin","password":"liu secret password"}"#
            try await client.execute(
                uri: "/v1/organizations/\(id)/users", method: .post, headers: admin, body: ByteBuffer(string: userBody)
            ) { response in
                let created = try json(response.body)
                #expect(response.status == .created)
                #expect((created["user"] as? [String: Any])?["role"] as? String == "org_admin")
                #expect(created["initialPassword"] == nil)
                #expect(String(buffer: response.body).contains("password_hash") == false)
            }
            let token = try await client.execute(
                uri: "/v1/auth/login", method: .post, headers: headers(),
                body: ByteBuffer(string: #"{"username":"liu.gong","password":"liu secret password"}"#)
            ) { response in
                let issued = try json(response.body)
                #expect(response.status == .ok)
                #expect(issued["tokenType"] as? String == "Bearer")
                return try #require(issued["token"] as? String)
            }
            try await client.execute(uri: "/v1/me", method: .get, headers: headers(token: token, json: false)) {
                response in
                let me = try json(response.body)
                #expect(response.status == .ok)
                #expect((me["organization"] as? [String: Any])?["id"] as? Int == id)
            }
            // Its own admin may amend it; another city's organisation may not be amended by it.
            try await client.execute(
                uri: "/v1/organizations/\(id)", method: .patch, headers: headers(token: token),
                body: ByteBuffer(string: #"{"name":"黄石光电检测有限公司"}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/v1/organizations/1", method: .patch, headers: headers(token: token),
                body: ByteBuffer(string: #"{"name":"x"}"#)
            ) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/auth/logout", method: .post, headers: headers(token: token, json: false))
            { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/v1/me", method: .get, headers: headers(token: token, json: false)) {
                response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func everyStateChangeLandsInTheAuditLog() async throws {
        let world = try HTTPWorld()
        try await world.test { client in
            let before = try await world.snapshot()[3]
            let code = creditCode("91420100MA4K0000B")
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: headers(token: world.adminToken),
                body: ByteBuffer(
                    string: #"{"kind":"provider","name":"武汉检测服务有限公司","city":"WH","creditCode":"\#(code)"}"#)
            ) { response in
                #expect(response.status == .created)
            }
            try await client.execute(
                uri: "/v1/audit/entries?start=\(before + 1)", method: .get,
                headers: headers(token: world.adminToken, json: false)
            ) { response in
                let page = try json(response.body)
                let items = try #require(page["items"] as? [[String: Any]])
                #expect(items.count == 1)
                #expect(items.first?["action"] as? String == "organization.create")
                #expect(((items.first?["change"] as? [String: Any])?["creditCode"]) as? String == code)
                #expect((items.first?["hash"] as? String)?.count == 64)
            }
        }
    }

    @Test func idempotencyKeysReplayTheFirstResponse() async throws {
        let world = try HTTPWorld()
        let body =
            #"{"kind":"enterprise","name":"咸宁智能装备有限公司","city":"XN","creditCode":"\#(creditCode("91421200MA4K0000C"))"}"#
        try await world.test { client in
            let keyed = headers(token: world.adminToken, extra: ["Idempotency-Key": "create-xn-1"])
            let first = try await client.execute(
                uri: "/v1/organizations", method: .post, headers: keyed, body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .created)
                return String(buffer: response.body)
            }
            let afterFirst = try await world.snapshot()
            let second = try await client.execute(
                uri: "/v1/organizations", method: .post, headers: keyed, body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .created)
                return String(buffer: response.body)
            }
            #expect(second == first)
            #expect(try await world.snapshot() == afterFirst)
            let other = body.replacingOccurrences(of: "咸宁智能装备有限公司", with: "另一家")
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: keyed, body: ByteBuffer(string: other)
            ) { response in
                let problem = try json(response.body)
                #expect(response.status == .unprocessableContent)
                #expect(problem["code"] as? String == "idempotency_key_reused")
            }
            #expect(try await world.snapshot() == afterFirst)
        }
    }

    @Test func requestIDsAreEchoedWhenSaneAndMadeOtherwise() async throws {
        let world = try HTTPWorld()
        try await world.test { client in
            try await client.execute(
                uri: "/healthz", method: .get, headers: headers(json: false, extra: ["X-Request-Id": "abc-123.x:y"])
            ) { response in
                #expect(response.headers[.init("X-Request-Id")!] == "abc-123.x:y")
            }
            try await client.execute(
                uri: "/healthz", method: .get, headers: headers(json: false, extra: ["X-Request-Id": "<script>"])
            ) { response in
                let id = response.headers[.init("X-Request-Id")!]
                #expect(id != nil && id != "<script>")
            }
            try await client.execute(uri: "/v1/nowhere", method: .get, headers: headers(json: false)) { response in
                #expect(response.headers[.init("X-Request-Id")!]?.isEmpty == false)
            }
        }
    }

    @Test func referenceDataIsPublic() async throws {
        let world = try HTTPWorld()
        try await world.test { client in
            try await client.execute(uri: "/v1/cities", method: .get) { response in
                let items = try #require(try json(response.body)["items"] as? [[String: Any]])
                #expect(items.map { $0["code"] as? String } == ["WH", "EZ", "HS", "HG", "XN"])
                #expect(items.first?["divisionCode"] as? String == "420100")
            }
            try await client.execute(uri: "/v1/fields", method: .get) { response in
                let items = try #require(try json(response.body)["items"] as? [[String: Any]])
                #expect(items.count == 6)
            }
            try await client.execute(uri: "/v1/parks", method: .get) { response in
                let items = try #require(try json(response.body)["items"] as? [[String: Any]])
                #expect(items.count >= 10)
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
