import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Every kind of bad input gets its 4xx problem+json with a stable code and field, and leaves
/// the database exactly as it was.
struct ErrorResponseTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var method: HTTPRequest.Method = .post
        var path = "/v1/organizations"
        var token: TokenKind = .admin
        var contentType: String? = "application/json"
        var body: String?
        var extraHeaders: [String: String] = [:]
        var status: Int
        var code: String
        var field: String?

        enum TokenKind: Sendable { case admin, none, bogus, member }
        var testDescription: String { name }
    }

    static let valid = #"{"kind":"enterprise","name":"黄石测试科技有限公司","city":"HS","creditCode":"91350100M000100Y43"}"#

    static let cases: [Case] = [
        Case(name: "malformed JSON", body: #"{"kind":"enterprise","#, status: 400, code: "malformed_json"),
        Case(name: "not an object", body: "[1,2]", status: 422, code: "body_not_object"),
        Case(
            name: "wrong type", body: #"{"kind":"enterprise","name":5,"city":"HS","creditCode":"91350100M000100Y43"}"#,
            status: 422, code: "wrong_type", field: "name"),
        Case(
            name: "missing field", body: #"{"kind":"enterprise","name":"x","city":"HS"}"#, status: 422,
            code: "required", field: "creditCode"),
        Case(
            name: "null for a required field",
            body: #"{"kind":"enterprise","name":null,"city":"HS","creditCode":"91350100M000100Y43"}"#, status: 422,
            code: "required", field: "name"),
        Case(
            name: "unknown enum value",
            body: #"{"kind":"bank","name":"x","city":"HS","creditCode":"91350100M000100Y43"}"#, status: 422,
            code: "invalid_value", field: "kind"),
        Case(
            name: "unknown city",
            body: #"{"kind":"enterprise","name":"x","city":"SH","creditCode":"91350100M000100Y43"}"#, status: 422,
            code: "invalid_value", field: "city"),
        Case(
            name: "bad credit code",
            body: #"{"kind":"enterprise","name":"x","city":"HS","creditCode":"91350100M000100Y44"}"#, status: 422,
            code: "credit_code_check", field: "creditCode"),
        Case(
            name: "credit code too short", body: #"{"kind":"enterprise","name":"x","city":"HS","creditCode":"9135"}"#,
            status: 422, code: "credit_code_length", field: "creditCode"),
        Case(
            name: "string over its maximum",
            body: #"{"kind":"enterprise","name":""# + String(repeating: "光", count: 201)
                + #"","city":"HS","creditCode":"91350100M000100Y43"}"#, status: 422, code: "too_long", field: "name"),
        Case(
            name: "nested string over its maximum",
            body: #"{"kind":"enterprise","name":"x","city":"HS","creditCode":"91350100M000100Y43","contact":{"phone":""#
                + String(repeating: "1", count: 41) + #""}}"#, status: 422, code: "too_long", field: "contact.phone"),
        Case(
            name: "fractional number",
            body:
                #"{"kind":"enterprise","name":"x","city":"HS","creditCode":"91350100M000100Y43","attributes":{"highTech":1.5,"techSME":false,"specialized":false}}"#,
            status: 422, code: "wrong_type", field: "attributes.highTech"),
        Case(
            name: "unknown field",
            body: #"{"kind":"enterprise","name":"x","city":"HS","creditCode":"91350100M000100Y43","bogus":1}"#,
            status: 422, code: "unknown_field", field: "bogus"),
        Case(
            name: "body over the limit", body: #"{"name":""# + String(repeating: "a", count: 5_000) + #""}"#,
            status: 413, code: "body_too_large"),
        Case(
            name: "unsupported media type", contentType: "text/plain", body: valid, status: 415,
            code: "unsupported_media_type", field: "Content-Type"),
        Case(
            name: "no content type", contentType: nil, body: valid, status: 415, code: "unsupported_media_type",
            field: "Content-Type"),
        Case(name: "no token", token: .none, body: valid, status: 401, code: "unauthenticated"),
        Case(name: "bad token", token: .bogus, body: valid, status: 401, code: "unauthenticated"),
        Case(name: "not allowed", token: .member, body: valid, status: 403, code: "forbidden"),
        Case(name: "unknown route", method: .get, path: "/v1/nowhere", status: 404, code: "route_not_found"),
        Case(name: "wrong method", method: .put, path: "/v1/organizations", status: 405, code: "method_not_allowed"),
        Case(
            name: "wrong method on an id path", method: .delete, path: "/v1/organizations/1", status: 405,
            code: "method_not_allowed"),
        Case(
            name: "missing resource", method: .get, path: "/v1/organizations/999999", status: 404,
            code: "organization_not_found"),
        Case(
            name: "non-numeric id", method: .get, path: "/v1/organizations/abc", status: 404,
            code: "organization_not_found"),
        Case(
            name: "limit over its maximum", method: .get, path: "/v1/organizations?limit=101", status: 422,
            code: "limit_out_of_range", field: "limit"),
        Case(
            name: "limit not a number", method: .get, path: "/v1/organizations?limit=ten", status: 422,
            code: "wrong_type", field: "limit"),
        Case(
            name: "bad cursor", method: .get, path: "/v1/organizations?cursor=zzz", status: 422, code: "invalid_cursor",
            field: "cursor"),
        Case(
            name: "unknown kind filter", method: .get, path: "/v1/organizations?kind=bank", status: 422,
            code: "invalid_value", field: "kind"),
        Case(
            name: "bad idempotency key", body: valid, extraHeaders: ["Idempotency-Key": "has space"], status: 422,
            code: "invalid_idempotency_key", field: "Idempotency-Key"),
        Case(
            name: "patch unknown organisation", method: .patch, path: "/v1/organizations/999999",
            body: #"{"name":"x"}"#, status: 404, code: "organization_not_found"),
        Case(
            name: "patch unknown field", method: .patch, path: "/v1/organizations/1",
            body: #"{"creditCode":"91350100M000100Y43"}"#, status: 422, code: "unknown_field", field: "creditCode"),
        Case(
            name: "user with bad username", path: "/v1/organizations/1/users",
            body: #"{"username":"A B","displayName":"x","role":"org_member"}"#, status: 422, code: "username_format",
            field: "username"),
        Case(
            name: "login with wrong password", path: "/v1/auth/login", token: .none,
            body: #"{"username":"admin","password":"wrong password"}"#, status: 401, code: "invalid_credentials"),
        Case(
            name: "audit log for a member", method: .get, path: "/v1/audit/entries", token: .member, status: 403,
            code: "forbidden"),
        Case(
            name: "token expiry out of range", path: "/v1/tokens", body: #"{"name":"x","expiresInDays":400}"#,
            status: 422, code: "expiry_out_of_range", field: "expiresInDays"),
    ]

    @Test(arguments: cases)
    func answersWithItsProblemAndChangesNothing(_ testCase: Case) async throws {
        let world = try HTTPWorld()
        let memberToken = try await Self.memberToken(world)
        let before = try await world.snapshot()
        try await world.test { client in
            var fields = HTTPFields()
            switch testCase.token {
            case .admin: fields[.authorization] = "Bearer \(world.adminToken)"
            case .member: fields[.authorization] = "Bearer \(memberToken)"
            case .bogus: fields[.authorization] = "Bearer cor_" + String(repeating: "x", count: 43)
            case .none: break
            }
            if let contentType = testCase.contentType { fields[.contentType] = contentType }
            for (name, value) in testCase.extraHeaders { fields[HTTPField.Name(name)!] = value }
            try await client.execute(
                uri: testCase.path, method: testCase.method, headers: fields,
                body: testCase.body.map { ByteBuffer(string: $0) }
            ) { response in
                #expect(response.status.code == testCase.status)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try json(response.body)
                #expect(problem["code"] as? String == testCase.code)
                #expect(problem["field"] as? String == testCase.field)
                #expect(problem["status"] as? Int == testCase.status)
                #expect((problem["messageZh"] as? String)?.isEmpty == false)
                #expect((problem["messageEn"] as? String)?.isEmpty == false)
                #expect((problem["type"] as? String)?.hasPrefix("urn:corridor:problem:") == true)
                #expect(problem["requestId"] as? String == response.headers[.init("X-Request-Id")!])
                if testCase.status == 405 { #expect(response.headers[.allow] != nil) }
                if testCase.status == 401 { #expect(response.headers[.wwwAuthenticate] == "Bearer") }
            }
        }
        #expect(try await world.snapshot() == before)
    }

    @Test func aDuplicateCreditCodeIsAConflictAndWritesNothing() async throws {
        let world = try HTTPWorld()
        try await world.test { client in
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: headers(token: world.adminToken),
                body: ByteBuffer(string: Self.valid)
            ) { response in
                #expect(response.status == .created)
            }
            let before = try await world.snapshot()
            let duplicate = #"{"kind":"university","name":"别的名字","city":"WH","creditCode":"91350100M000100Y43"}"#
            try await client.execute(
                uri: "/v1/organizations", method: .post, headers: headers(token: world.adminToken),
                body: ByteBuffer(string: duplicate)
            ) { response in
                let problem = try json(response.body)
                #expect(response.status == .conflict)
                #expect(problem["code"] as? String == "credit_code_taken")
            }
            #expect(try await world.snapshot() == before)
        }
    }

    /// A member of a Huangshi enterprise, signed in.
    static func memberToken(_ world: HTTPWorld) async throws -> String {
        let enterprise = try await world.organizationID("enterprise", "HS")
        _ = try await world.services.users.create(
            in: enterprise,
            .init(username: "hs.member", displayName: "成员", role: .orgMember, password: "member password"),
            by: .system("test", requestID: "t")
        )
        return try await world.services.auth.login(username: "hs.member", password: "member password", requestID: "t")
            .token
    }
}
