import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Identity
import Kernel
import NIOCore
import Testing

/// Attacks on self-registration and verification (issue 18): another city's administrator, an
/// organisation verifying itself, replays, hostile strings and files, a race of 64 on one credit
/// code, and an unverified organisation trying every gated operation.
struct RegistrationAbuseTests {
    typealias R = RegistrationRoutesTests

    /// A registered Xianning enterprise with its licence uploaded: (organisation, admin token).
    func registered(
        _ c: AbuseClient, _ n: Int, kind: String = "enterprise", city: String = "XN", username: String
    ) async throws -> (Int64, String) {
        let (status, object) = try await R.call(
            c.client, .post, "/v1/registrations",
            body: R.body(kind: kind, city: city, code: R.code(n), username: username))
        #expect(status == .created, "\(object)")
        let id = object["organizationId"] as? Int64 ?? 0
        let token = try await c.stage.world.services.auth.login(
            username: username, password: "Xianning-Licence-2026!", requestID: "t"
        ).token
        let (uploaded, _) = try await R.upload(c.client, id, token: token, data: R.pdf)
        #expect(uploaded == .ok)
        return (id, token)
    }

    @Test func otherCitiesMembersAndTheApplicantItselfCannotDecide() async throws {
        var stage = try await AbuseWorld()
        stage.tokens["xn"] = try await ListingRoutesTests().signIn(
            stage.world, "government", "XN", .cityAdmin, "kjj.xn")
        try await stage.run { c in
            let (id, applicant) = try await registered(c, 10, username: "self.verifier")
            let decide = "/v1/registrations/\(id)/decision"
            // Another city's administrator.
            var (status, object) = try await c.post(decide, "wh", #"{"approve":true}"#)
            #expect(status == .forbidden && object["code"] as? String == "wrong_city")
            // The organisation's own administrator.
            (status, object) = try await R.call(c.client, .post, decide, token: applicant, body: #"{"approve":true}"#)
            #expect(status == .forbidden && object["code"] as? String == "same_organization")
            // Another organisation's administrator, an auditor: forbidden, or nothing there.
            (status, _) = try await c.post(decide, "enterprise", #"{"approve":true}"#)
            #expect(status == .notFound)
            (status, _) = try await c.post(decide, "auditor", #"{"approve":true}"#)
            #expect(status == .forbidden)
            // Nor do they read it or its licence (an auditor does).
            (status, _) = try await c.call(.get, "/v1/registrations/\(id)/document", "enterprise")
            #expect(status == .notFound)
            (status, _) = try await c.call(.get, "/v1/registrations/\(id)/document", "hs")
            #expect(status == .notFound)
            (status, _) = try await c.call(.get, "/v1/registrations/\(id)/document", "auditor")
            #expect(status == .ok)
            // Nobody but its own administrator uploads or resubmits.
            (status, _) = try await R.upload(c.client, id, token: c.stage.token("xn"), data: R.pdf)
            #expect(status == .forbidden)
            (status, _) = try await c.post("/v1/registrations/\(id)/resubmission", "enterprise", "{}")
            #expect(status == .notFound)
            // The queue is for cities: an enterprise is refused.
            (status, _) = try await c.call(.get, "/v1/registrations", "enterprise")
            #expect(status == .forbidden)
            let (_, after) = try await R.call(c.client, .get, "/v1/registrations/\(id)", token: applicant)
            #expect(after["status"] as? String == "pending")
        }
    }

    @Test func replaysAnswerOnceAndDecidedRegistrationsStayDecided() async throws {
        var stage = try await AbuseWorld()
        stage.tokens["xn"] = try await ListingRoutesTests().signIn(
            stage.world, "government", "XN", .cityAdmin, "kjj.xn")
        try await stage.run { c in
            let (id, applicant) = try await registered(c, 11, username: "replay.case")
            let decide = "/v1/registrations/\(id)/decision"
            let first = try await c.post(decide, "xn", #"{"approve":true}"#, key: "verify-once")
            let audit = try await c.stage.world.snapshot()[3]
            let again = try await c.post(decide, "xn", #"{"approve":true}"#, key: "verify-once")
            #expect(first.0 == .ok && again.0 == .ok)
            #expect(first.1["version"] as? Int == again.1["version"] as? Int)
            #expect(try await c.stage.world.snapshot()[3] == audit)
            // The same key with another body, then a fresh decision on a decided registration.
            var (status, object) = try await c.post(
                decide, "xn", #"{"approve":false,"reason":"x"}"#, key: "verify-once")
            #expect(status == .unprocessableContent || status == .conflict)
            (status, object) = try await c.post(decide, "xn", #"{"approve":false,"reason":"晚了"}"#)
            #expect(status == .conflict && object["code"] as? String == "registration_wrong_state")
            // A verified registration is not resubmitted nor given another licence.
            (status, object) = try await R.call(
                c.client, .post, "/v1/registrations/\(id)/resubmission", token: applicant, body: "{}")
            #expect(status == .conflict && object["code"] as? String == "registration_wrong_state")
            (status, object) = try await R.upload(c.client, id, token: applicant, data: R.pdf)
            #expect(status == .conflict && object["code"] as? String == "registration_wrong_state")
            // Registering the same body again is refused by its credit code.
            (status, object) = try await R.call(
                c.client, .post, "/v1/registrations", body: R.body(code: R.code(11), username: "replay.case"))
            #expect(status == .conflict && object["code"] as? String == "credit_code_taken")
        }
    }

    @Test func hostileStringsAndFilesAreRefusedWithNothingWritten() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let world = c.stage.world
            let before = try await world.snapshot()
            for (name, code) in [("咸宁\u{0007}科技", "control_characters"), ("咸宁\n科技", "control_characters")] {
                let (status, object) = try await R.call(
                    c.client, .post, "/v1/registrations",
                    body: R.body(name: name, code: R.code(20), username: "hostile"))
                #expect(status == .unprocessableContent && object["code"] as? String == code, "\(object)")
            }
            // A 10 MB name: over the body limit at the door, and too long for the service.
            let huge = String(repeating: "名", count: 10 << 20 / 3)
            var (status, _) = try await R.call(
                c.client, .post, "/v1/registrations", body: R.body(name: huge, code: R.code(21), username: "huge"))
            #expect(status == .contentTooLarge)
            await #expect(throws: DomainError.self) {
                _ = try await world.services.registrations.register(
                    NewRegistration(
                        kind: .enterprise, name: huge, city: .xianning, creditCode: R.code(21),
                        contact: .init(),
                        admin: .init(
                            displayName: "x", username: "huge.name", email: "a@b.example",
                            password: "Xianning-Licence-2026!")), requestID: "t")
            }
            // Weak passwords, the username inside the password, a bad e-mail, a wrong check character.
            for (body, code) in [
                (R.body(code: R.code(22), username: "weak", password: "short"), "password_too_short"),
                (
                    R.body(code: R.code(22), username: "xianning.admin", password: "xianning.admin-2026"),
                    "password_contains_username"
                ),
                (R.body(code: R.code(22), username: "mail", email: "not-an-address"), "email_format"),
                (R.body(code: String(R.code(22).dropLast()) + "0", username: "check"), "credit_code_check"),
            ] {
                let (_, object) = try await R.call(c.client, .post, "/v1/registrations", body: body)
                #expect(object["code"] as? String == code || (code == "credit_code_check" && object["code"] != nil))
            }
            #expect(try await world.snapshot() == before)
            // A CSV formula prefix is only text: stored and answered as typed.
            var (created, object) = try await R.call(
                c.client, .post, "/v1/registrations",
                body: R.body(name: "=cmd|' /C calc'!A0", code: R.code(23), username: "formula"))
            #expect(created == .created)
            #expect((object["organization"] as? [String: Any])?["name"] as? String == "=cmd|' /C calc'!A0")
            let id = object["organizationId"] as? Int64 ?? 0
            let token = try await world.services.auth.login(
                username: "formula", password: "Xianning-Licence-2026!", requestID: "t"
            ).token
            // An EXE renamed .pdf and sent as application/pdf; an 11 MB PDF; an empty body.
            let exe = Data([0x4D, 0x5A, 0x90, 0x00]) + Data(repeating: 0, count: 512)
            (status, object) = try await R.upload(c.client, id, token: token, data: exe)
            #expect(status == .unsupportedMediaType && object["code"] as? String == "document_type")
            (status, object) = try await R.upload(c.client, id, token: token, data: R.pdf + Data(count: 11 << 20))
            #expect(status == .contentTooLarge && object["code"] as? String == "document_too_large")
            (status, object) = try await R.upload(c.client, id, token: token, data: Data())
            #expect(status == .unsupportedMediaType)
            let stored = try await world.database.read { db in
                try String.fetchOne(
                    db, sql: "SELECT document_sha256 FROM organization_registrations WHERE organization_id = ?",
                    arguments: [id])
            }
            #expect(stored == nil)
            (created, object) = try await R.upload(c.client, id, token: token, data: R.pdf)
            #expect(created == .ok)
            // Files 0600 in a folder 0700.
            let sha = (object["document"] as? [String: Any])?["sha256"] as? String ?? ""
            let file = world.services.registrations.documents.path(for: sha)
            let fileMode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            let folderMode =
                try FileManager.default.attributesOfItem(atPath: file.deletingLastPathComponent().path)[
                    .posixPermissions] as? Int
            #expect(fileMode == 0o600 && folderMode == 0o700)
        }
    }

    @Test func sixtyFourRegistrationsOfOneCreditCodeLeaveOne() async throws {
        let stage = try await AbuseWorld()
        let registrations = stage.world.services.registrations
        let outcomes = await withTaskGroup(of: String.self) { group in
            for index in 0..<64 {
                group.addTask {
                    do {
                        _ = try await registrations.register(
                            NewRegistration(
                                kind: .enterprise, name: "竞速科技\(index)", city: .xianning, creditCode: R.code(30),
                                contact: .init(),
                                admin: .init(
                                    displayName: "racer", username: "racer\(index)", email: "r\(index)@race.example",
                                    password: "Xianning-Licence-2026!")),
                            requestID: "race-\(index)", address: "198.51.100.\(index)")
                        return "created"
                    } catch let error as DomainError {
                        return error.code
                    } catch {
                        return "\(error)"
                    }
                }
            }
            var all: [String] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.filter { $0 == "created" }.count == 1)
        #expect(outcomes.filter { $0 == "credit_code_taken" }.count == 63, "\(Set(outcomes))")
        let rows = try await stage.world.database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM organizations WHERE credit_code = ?", arguments: [R.code(30)])
        }
        #expect(rows == 1)
    }

    @Test func oneAddressRegistersAtMostTheLimitPerHour() async throws {
        let stage = try await AbuseWorld()
        let registrations = stage.world.services.registrations
        var codes: [String] = []
        for index in 0..<(registrations.throttle.limit + 1) {
            do {
                _ = try await registrations.register(
                    NewRegistration(
                        kind: .enterprise, name: "批量\(index)", city: .xianning, creditCode: R.code(40 + index),
                        contact: .init(),
                        admin: .init(
                            displayName: "bulk", username: "bulk\(index)", email: "b\(index)@bulk.example",
                            password: "Xianning-Licence-2026!")),
                    requestID: "bulk", address: "203.0.113.7")
                codes.append("created")
            } catch let error as DomainError {
                codes.append(error.code)
            }
        }
        #expect(codes.last == "registration_rate_limited")
        #expect(codes.dropLast().allSatisfy { $0 == "created" })
        // Another address is not held back; an hour later this one is free again.
        stage.clock.advance(by: 3_601)
        _ = try await registrations.register(
            NewRegistration(
                kind: .enterprise, name: "批量后", city: .xianning, creditCode: R.code(99), contact: .init(),
                admin: .init(
                    displayName: "bulk", username: "bulk.after", email: "b@bulk.example",
                    password: "Xianning-Licence-2026!")),
            requestID: "bulk", address: "203.0.113.7")
    }

    @Test func anUnverifiedOrganisationIsRefusedEveryGatedOperation() async throws {
        var stage = try await AbuseWorld()
        stage.tokens["xn"] = try await ListingRoutesTests().signIn(
            stage.world, "government", "XN", .cityAdmin, "kjj.xn")
        try await stage.run { c in
            let (enterprise, token) = try await registered(c, 50, username: "gated.enterprise")
            let (universityOrg, university) = try await registered(
                c, 51, kind: "university", username: "gated.university")
            let (_, provider) = try await registered(c, 52, kind: "provider", username: "gated.provider")
            let deadline = Timestamp.format(c.stage.clock.now().addingTimeInterval(30 * 86_400))
            func refused(_ method: HTTPRequest.Method, _ path: String, _ who: String, _ body: String) async throws {
                let (status, object) = try await R.call(c.client, method, path, token: who, body: body)
                #expect(
                    status == .forbidden && object["code"] as? String == "organization_unverified",
                    "\(method) \(path): \(status) \(object)")
            }
            let before = try await c.stage.world.snapshot()
            try await refused(.post, "/v1/needs", token, ListingRoutesTests.need(deadline: deadline))
            try await refused(.post, "/v1/patents", university, ListingRoutesTests.patent)
            try await refused(.post, "/v1/vouchers", token, #"{"amountFen":1000000}"#)
            try await refused(.post, "/v1/providers", provider, #"{"categories":["testing"]}"#)
            try await refused(
                .post, "/v1/connections", token, #"{"subject":{"kind":"patent","id":1},"message":"想洽谈合作"}"#)
            try await refused(
                .post, "/v1/contracts", token,
                #"{"buyerOrganizationId":\#(enterprise),"sellerOrganizationId":\#(c.stage.providerOrg),"terms":\#(DealAbuseTests.terms())}"#
            )
            #expect(try await c.stage.world.snapshot() == before)
            // A draft stays allowed; publishing it is not.
            var (status, object) = try await R.call(
                c.client, .post, "/v1/patents", token: university,
                body: String(ListingRoutesTests.patent.dropLast()) + #","status":"draft"}"#)
            #expect(status == .created, "\(object)")
            let patent = object["id"] as? Int64 ?? 0
            try await refused(.patch, "/v1/patents/\(patent)", university, #"{"status":"listed"}"#)
            // Verified, the same token publishes at once (the cached principal was dropped).
            (status, object) = try await c.post(
                "/v1/registrations/\(universityOrg)/decision", "xn", #"{"approve":true}"#)
            #expect(status == .ok, "\(object)")
            (status, object) = try await R.call(
                c.client, .patch, "/v1/patents/\(patent)", token: university, body: #"{"status":"listed"}"#)
            #expect(status == .ok, "\(object)")
        }
    }

    @Test func theGateIsOneRuleOfTheAuthorisationTable() throws {
        var actor = Kernel.Actor(userID: 1, organizationID: 2, city: .xianning, role: .orgAdmin, requestID: "t")
        let own = AccessTarget(organizationID: 2, city: .xianning)
        for permission in Authorization.gatedUntilVerified {
            try Authorization.check(actor, permission, on: own)
        }
        actor.organizationUnverified = true
        for permission in Authorization.gatedUntilVerified {
            #expect(throws: DomainError.self) { try Authorization.check(actor, permission, on: own) }
        }
        // Reading and drafting stay open.
        try Authorization.check(actor, .listingCreate, on: own)
        try Authorization.check(actor, .registrationRead, on: own)
        #expect(throws: DomainError.self) { try Authorization.requireVerified(actor) }
        #expect(Authorization.gatedUntilVerified == [.voucherApply, .challengeApply, .providerApply])
    }
}
