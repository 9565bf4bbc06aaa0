import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Identity
import Kernel
import NIOCore
import Testing

/// Self-registration with verification through the API (issue 18): a Xianning enterprise
/// registers itself, signs in at once, is refused a need until the Xianning administrator
/// verifies it with its licence in view, then posts the need.
struct RegistrationRoutesTests {
    /// The body of `POST /v1/registrations`, encoded by JSONSerialization (hostile strings stay JSON).
    static func body(
        name: String = "咸宁新材料科技有限公司", kind: String = "enterprise", city: String = "XN", code: String,
        username: String, password: String = "Xianning-Licence-2026!", email: String? = nil
    ) -> String {
        let object: [String: Any] = [
            "kind": kind, "name": name, "city": city, "creditCode": code,
            "contact": ["name": "李经理", "phone": "0715-8123456", "email": "office@xnmaterials.example"],
            "admin": [
                "displayName": "李明", "username": username, "email": email ?? "\(username)@xn.example",
                "password": password,
            ],
        ]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// A valid credit code numbered `n`.
    static func code(_ n: Int) -> String {
        creditCode("91421200MA4" + String(format: "%06d", n))
    }

    /// A tiny valid PDF.
    static let pdf = Data(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
            .utf8)

    static func call(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String? = nil,
        body: String? = nil
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(
            uri: uri, method: method, headers: headers(token: token), body: body.map { ByteBuffer(string: $0) }
        ) { response in
            let object = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
            return (response.status, object as? [String: Any] ?? [:])
        }
    }

    static func upload(
        _ client: any TestClientProtocol, _ id: Int64, token: String, data: Data,
        contentType: String = "application/pdf"
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        var fields = headers(token: token, json: false)
        fields[.contentType] = contentType
        return try await client.execute(
            uri: "/v1/registrations/\(id)/document", method: .put, headers: fields, body: ByteBuffer(bytes: data)
        ) { response in
            let object = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
            return (response.status, object as? [String: Any] ?? [:])
        }
    }

    @Test func aXianningEnterpriseRegistersIsVerifiedAndThenPostsANeed() async throws {
        let world = try HTTPWorld()
        let xianning = try await ListingRoutesTests().signIn(world, "government", "XN", .cityAdmin, "kjj.xn")
        let wuhan = try await ListingRoutesTests().signIn(world, "government", "WH", .cityAdmin, "kjj.wh")
        let deadline = Timestamp.format(Date().addingTimeInterval(90 * 86_400))
        try await world.test { client in
            // Anyone registers: no token.
            var (status, object) = try await Self.call(
                client, .post, "/v1/registrations", body: Self.body(code: Self.code(1), username: "li.ming"))
            #expect(status == .created, "\(object)")
            #expect(object["status"] as? String == "pending")
            let id = try #require(object["organizationId"] as? Int64)
            #expect((object["organization"] as? [String: Any])?["city"] as? String == "XN")
            // The same credit code again: refused with its code, nothing written.
            let before = try await world.snapshot()
            (status, object) = try await Self.call(
                client, .post, "/v1/registrations", body: Self.body(code: Self.code(1), username: "li.ming2"))
            #expect(status == .conflict && object["code"] as? String == "credit_code_taken")
            #expect(try await world.snapshot() == before)
            // Government and platform never register themselves.
            (status, object) = try await Self.call(
                client, .post, "/v1/registrations",
                body: Self.body(kind: "government", code: Self.code(2), username: "fake.bureau"))
            #expect(status == .unprocessableContent && object["code"] as? String == "kind_not_allowed")

            // The administrator's own e-mail is the user's (folded); a second registration may not reuse it.
            let email = try await world.database.read { db in
                try String.fetchOne(db, sql: "SELECT email FROM users WHERE username = 'li.ming'")
            }
            #expect(email == "li.ming@xn.example")
            (status, object) = try await Self.call(
                client, .post, "/v1/registrations",
                body: Self.body(code: Self.code(3), username: "someone.else", email: "LI.MING@xn.example"))
            #expect(status == .conflict && object["code"] as? String == "email_taken", "\(object)")
            // Its administrator signs in at once, and is refused a need.
            let token = try await world.services.auth.login(
                username: "li.ming", password: "Xianning-Licence-2026!", requestID: "t"
            ).token
            (status, object) = try await Self.call(
                client, .post, "/v1/needs", token: token, body: ListingRoutesTests.need(deadline: deadline))
            #expect(status == .forbidden && object["code"] as? String == "organization_unverified", "\(object)")

            // Verifying without a licence is refused; the upload is sniffed, not trusted.
            (status, object) = try await Self.call(
                client, .post, "/v1/registrations/\(id)/decision", token: xianning, body: #"{"approve":true}"#)
            #expect(status == .conflict && object["code"] as? String == "registration_document_missing")
            (status, object) = try await Self.upload(client, id, token: token, data: Self.pdf, contentType: "image/png")
            #expect(status == .ok, "\(object)")
            let document = try #require(object["document"] as? [String: Any])
            #expect(document["type"] as? String == "pdf")
            let sha = try #require(document["sha256"] as? String)
            let audited = try await world.database.read { db in
                try String.fetchOne(
                    db, sql: "SELECT change FROM audit_log WHERE action = 'registration.upload' ORDER BY seq DESC")
            }
            #expect(audited?.contains(sha) == true)

            // The queue: Xianning sees it, Wuhan does not; the document for Xianning, not Wuhan.
            (status, object) = try await Self.call(client, .get, "/v1/registrations?status=pending", token: xianning)
            let items = object["items"] as? [[String: Any]] ?? []
            #expect(items.contains { $0["organizationId"] as? Int64 == id })
            (status, object) = try await Self.call(client, .get, "/v1/registrations?status=pending", token: wuhan)
            #expect(!(object["items"] as? [[String: Any]] ?? []).contains { $0["organizationId"] as? Int64 == id })
            try await client.execute(
                uri: "/v1/registrations/\(id)/document", method: .get, headers: headers(token: xianning)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/pdf")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment") == true)
                #expect(Data(response.body.readableBytesView) == Self.pdf)
            }
            (status, object) = try await Self.call(client, .get, "/v1/registrations/\(id)/document", token: wuhan)
            #expect(status == .notFound)

            // Rejected with a reason, corrected and resubmitted, then verified.
            (status, object) = try await Self.call(
                client, .post, "/v1/registrations/\(id)/decision", token: xianning, body: #"{"approve":false}"#)
            #expect(status == .unprocessableContent && object["code"] as? String == "reason_required")
            (status, object) = try await Self.call(
                client, .post, "/v1/registrations/\(id)/decision", token: xianning,
                body: #"{"approve":false,"reason":"名称与营业执照不一致"}"#)
            #expect(object["status"] as? String == "rejected")
            (status, object) = try await Self.call(
                client, .post, "/v1/registrations/\(id)/resubmission", token: token,
                body: #"{"name":"咸宁市新材料科技有限公司"}"#)
            #expect(status == .ok && object["status"] as? String == "pending" && object["round"] as? Int == 2)
            #expect((object["organization"] as? [String: Any])?["name"] as? String == "咸宁市新材料科技有限公司")
            (status, object) = try await Self.call(
                client, .post, "/v1/registrations/\(id)/decision", token: xianning, body: #"{"approve":true}"#)
            #expect(status == .ok && object["status"] as? String == "verified")

            // The same (cached) token now posts the need.
            (status, object) = try await Self.call(
                client, .post, "/v1/needs", token: token, body: ListingRoutesTests.need(deadline: deadline))
            #expect(status == .created, "\(object)")
        }
        // The city heard of each submission, the applicant of each decision.
        let events = try await world.database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT kind, users FROM outbox_events WHERE target_type = 'registration' ORDER BY id"
            ).map { ($0["kind"] as String, $0["users"] as String) }
        }
        #expect(
            events.map(\.0) == [
                "registration.submitted", "registration.decided", "registration.submitted", "registration.decided",
            ])
    }

    @Test func organisationsCreatedOtherwiseCountAsVerified() async throws {
        let world = try HTTPWorld()
        let enterprise = try await ListingRoutesTests().signIn(world, "enterprise", "HS", .orgAdmin, "eng.hs")
        let deadline = Timestamp.format(Date().addingTimeInterval(90 * 86_400))
        try await world.test { client in
            let (status, object) = try await Self.call(
                client, .post, "/v1/needs", token: enterprise, body: ListingRoutesTests.need(deadline: deadline))
            #expect(status == .created, "\(object)")
            let id = try await world.organizationID("enterprise", "HS")
            let (found, _) = try await Self.call(client, .get, "/v1/registrations/\(id)", token: enterprise)
            #expect(found == .notFound)
        }
    }
}
