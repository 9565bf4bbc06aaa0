import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Attacks on deals (issue 16): another organisation, a weaker role, another city's clerk or an
/// auditor trying to read or move a contract; 64 payments at once; hostile text and files.
struct DealAbuseTests {
    static let hash = String(repeating: "ab", count: 32)

    /// Terms of a technical-service contract of `value` in one instalment.
    static func terms(value: Int64 = 3_000_000, title: String = "隔膜检测技术服务合同") -> String {
        #"{"type":"service","title":"\#(title)","valueFen":\#(value),"instalments":[{"dueOn":"2026-12-31T00:00:00Z","amountFen":\#(value)}],"termStart":"2026-11-10T00:00:00Z","termEnd":"2027-05-10T00:00:00Z","fileSha256":"\#(hash)"}"#
    }

    /// A draft between the Huangshi enterprise (buyer) and the Wuhan provider (seller).
    func draft(
        _ c: AbuseClient, title: String = "隔膜检测技术服务合同", who: String = "enterprise"
    ) async throws -> (
        HTTPResponse.Status, [String: Any]
    ) {
        try await c.call(
            .post, "/v1/contracts", who,
            #"{"buyerOrganizationId":\#(c.stage.enterpriseOrg),"sellerOrganizationId":\#(c.stage.providerOrg),"terms":\#(Self.terms(title: title))}"#
        )
    }

    @Test func strangersWeakerRolesAndOtherClerksGetNothing() async throws {
        var stage = try await AbuseWorld()
        _ = try await stage.secondEnterprise()
        try await stage.run { c in
            let (created, contract) = try await draft(c)
            #expect(created == .created)
            let id = contract["id"] as? Int64 ?? 0
            let hash = contract["termsHash"] as? String ?? ""
            let confirm = #"{"termsHash":"\#(hash)"}"#
            // Another enterprise: not found, whatever it tries; nor may it draft for others.
            #expect(try await c.call(.get, "/v1/contracts/\(id)", "enterprise2").0 == .notFound)
            #expect(try await c.call(.post, "/v1/contracts/\(id)/confirmation", "enterprise2", confirm).0 == .notFound)
            #expect(
                try await c.call(.put, "/v1/contracts/\(id)/terms", "enterprise2", Self.terms(value: 1)).0 == .notFound)
            let (forOthers, _) = try await draft(c, who: "enterprise2")
            #expect(forOthers == .forbidden || forOthers == .unprocessableContent, "nobody drafts for two others")
            // The enterprise's expert is not a party's officer.
            let (weaker, _) = try await draft(c, who: "reviewer")
            #expect(weaker != .created)
            #expect(try await c.call(.post, "/v1/contracts/\(id)/confirmation", "reviewer", confirm).0 != .ok)
            // The buyer's city clerk is not the registration office (the seller's city is).
            #expect(try await c.call(.get, "/v1/contracts/\(id)", "hs").0 == .notFound)
            // Auditors read, never act.
            #expect(try await c.call(.get, "/v1/contracts/\(id)", "auditor").0 == .ok)
            #expect(try await c.call(.post, "/v1/contracts/\(id)/confirmation", "auditor", confirm).0 != .ok)
            let (_, after) = try await c.call(.get, "/v1/contracts/\(id)", "enterprise")
            #expect(
                after["buyerConfirmation"] == nil && after["sellerConfirmation"] == nil, "no confirmation slipped in")
        }
    }

    @Test func sixtyFourPaymentsAtOnceNeverOverpay() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let (_, contract) = try await draft(c)
            let id = contract["id"] as? Int64 ?? 0
            let confirm = #"{"termsHash":"\#(contract["termsHash"] as? String ?? "")"}"#
            _ = try await c.call(.post, "/v1/contracts/\(id)/confirmation", "enterprise", confirm)
            _ = try await c.call(.post, "/v1/contracts/\(id)/confirmation", "provider", confirm)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<64 {
                    group.addTask {
                        try await c.call(
                            .post, "/v1/contracts/\(id)/payments", "enterprise",
                            #"{"amountFen":1000000,"paidOn":"2026-11-10T01:00:00Z"}"#
                        ).0
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 3, "three payments fill the ¥30,000 contract")
            #expect(!statuses.contains(.internalServerError))
            let (_, after) = try await c.call(.get, "/v1/contracts/\(id)", "enterprise")
            #expect(after["paidFen"] as? Int64 == 3_000_000)
            #expect((after["payments"] as? [Any])?.count == 3)
        }
    }

    /// 64 requests at once about 30 needs: the daily limit (20 per organisation) and "one pending
    /// request per subject" both hold under the race, and nothing answers 500.
    @Test func sixtyFourConnectionRequestsAtOnceKeepTheDailyLimit() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            var needs: [Int64] = []
            for _ in 0..<30 {
                let (_, need) = try await c.call(
                    .post, "/v1/needs", "enterprise", ListingRoutesTests.need(deadline: "2027-02-01T00:00:00Z"))
                needs.append(need["id"] as? Int64 ?? 0)
            }
            #expect(Set(needs).count == 30 && !needs.contains(0))
            let subjects = needs
            let answers = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for index in 0..<64 {
                    group.addTask {
                        let (status, body) = try await c.call(
                            .post, "/v1/connections", "provider",
                            #"{"subject":{"kind":"need","id":\#(subjects[index % 30])},"message":"我们可提供检测服务。"}"#)
                        return (status, body["code"] as? String)
                    }
                }
                return try await group.reduce(into: [(HTTPResponse.Status, String?)]()) { $0.append($1) }
            }
            #expect(answers.filter { $0.0 == .created }.count == 20, "\(answers.map(\.1))")
            #expect(!answers.contains { $0.0 == .internalServerError })
            #expect(answers.contains { $0.1 == "connection_daily_limit" })
            let pending = try await c.stage.world.database.read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM (SELECT subject_id FROM deal_connections WHERE status = 'pending'
                        GROUP BY subject_id HAVING count(*) > 1)
                        """)
            }
            #expect(pending == 0, "never two pending requests about one need")
        }
    }

    @Test func hostileTextAndFilesAreRefusedOrKeptHarmless() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            // A formula-looking title is kept as typed (the wire is JSON, not a spreadsheet).
            let (kept, formula) = try await draft(c, title: "=cmd|' /C calc'!A0")
            #expect(
                kept == .created && (formula["terms"] as? [String: Any])?["title"] as? String == "=cmd|' /C calc'!A0")
            // Control characters in a title are refused, nothing written.
            let (control, problem) = try await draft(c, title: "合同\\u0007")
            #expect(control == .unprocessableContent, "\(problem)")
            // A 10 MB body is refused before it is read.
            let huge = String(repeating: "合", count: 3_500_000)
            let (tooBig, _) = try await draft(c, title: huge)
            #expect(tooBig == .contentTooLarge)
            // A request about nothing, and a message to oneself.
            let (nothing, missing) = try await c.call(
                .post, "/v1/connections", "enterprise", #"{"subject":{"kind":"patent","id":999999},"message":"hi"}"#)
            #expect(nothing == .notFound || nothing == .unprocessableContent, "\(missing)")
            let (match, matchProblem) = try await c.call(
                .post, "/v1/connections", "enterprise", #"{"subject":{"kind":"match","id":1},"message":"hi"}"#)
            #expect(
                match == .unprocessableContent && matchProblem["code"] as? String == "connection_match_needs_listing",
                "\(match) \(matchProblem)")
        }
    }

    @Test func attachmentsOfTheWrongKindOrSizeAreRefused() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let deadline = "2027-02-01T00:00:00Z"
            let (_, need) = try await c.call(
                .post, "/v1/needs", "enterprise", ListingRoutesTests.need(deadline: deadline))
            let (asked, connection) = try await c.call(
                .post, "/v1/connections", "provider",
                #"{"subject":{"kind":"need","id":\#(need["id"] as? Int64 ?? 0)},"message":"我们可提供检测服务。"}"#)
            #expect(asked == .created, "\(connection)")
            let id = connection["id"] as? Int64 ?? 0
            _ = try await c.call(.post, "/v1/connections/\(id)/answer", "enterprise", #"{"answer":"accept"}"#)
            func upload(_ bytes: [UInt8], name: String = "x.bin") async throws -> (HTTPResponse.Status, String?) {
                var result: (HTTPResponse.Status, String?) = (.ok, nil)
                var fields = headers(token: c.stage.token("provider"), json: false)
                fields[.contentType] = "application/octet-stream"
                try await c.client.execute(
                    uri: "/v1/connections/\(id)/attachments?name=\(name)", method: .post, headers: fields,
                    body: ByteBuffer(bytes: bytes)
                ) { response in
                    let object = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
                    result = (response.status, (object as? [String: Any])?["code"] as? String)
                }
                return result
            }
            let executable = try await upload(Array("MZ\u{90}\u{0}this is not a document".utf8), name: "tool.exe")
            #expect(executable.1 == "attachment_type", "\(executable)")
            let oversized = try await upload([UInt8](repeating: 0x25, count: 5 * 1_024 * 1_024 + 1))
            #expect(oversized.1 == "attachment_too_large", "\(oversized)")
            let (_, thread) = try await c.call(.get, "/v1/connections/\(id)/messages", "enterprise")
            #expect((thread["items"] as? [Any])?.isEmpty == true, "nothing was attached")
            let audited = try await c.call(.get, "/v1/connections/\(id)/messages", "auditor")
            #expect(audited.0 == .ok, "auditors read every thread: \(audited)")
            let (posted, _) = try await c.call(.post, "/v1/connections/\(id)/messages", "auditor", #"{"body":"x"}"#)
            #expect(posted == .forbidden, "but never post in it")
        }
    }

    /// Vouchers pay for contracts: only a signed one, only the enterprise's own with this provider,
    /// and never beyond ratio × value over all its redemptions.
    @Test func aVoucherPaysOnlyTheEnterprisesOwnSignedContractAndOnlyOnce() async throws {
        var stage = try await AbuseWorld()
        _ = try await stage.secondEnterprise()
        try await stage.run { c in
            let voucher = try await c.setUp()
            let (_, contract) = try await draft(c)
            let id = contract["id"] as? Int64 ?? 0
            func redeem(
                _ who: String, voucher: Int64, contract: Int64
            ) async throws -> (HTTPResponse.Status, [String: Any]) {
                try await c.call(
                    .post, "/v1/redemptions", who,
                    #"{"voucherId":\#(voucher),"providerOrganizationId":\#(c.stage.providerOrg),"technologyContractId":\#(contract)}"#
                )
            }
            let (unsigned, notSigned) = try await redeem("enterprise", voucher: voucher, contract: id)
            #expect(unsigned == .conflict && notSigned["code"] as? String == "technology_contract_not_signed")
            let confirm = #"{"termsHash":"\#(contract["termsHash"] as? String ?? "")"}"#
            _ = try await c.call(.post, "/v1/contracts/\(id)/confirmation", "enterprise", confirm)
            _ = try await c.call(.post, "/v1/contracts/\(id)/confirmation", "provider", confirm)
            let (opened, redemption) = try await redeem("enterprise", voucher: voucher, contract: id)
            #expect(opened == .created, "\(redemption)")
            #expect(redemption["technologyContractId"] as? Int64 == id)
            #expect(redemption["voucherFen"] as? Int64 == 1_500_000, "50 % of the ¥30,000 contract")
            #expect(redemption["category"] as? String == "testing", "a technical-service contract is testing")
            let (again, twice) = try await redeem("enterprise", voucher: voucher, contract: id)
            #expect(again == .conflict && twice["code"] as? String == "contract_fully_subsidised")
            // Another enterprise's voucher cannot pay this contract (nor learn that it exists).
            let (_, other) = try await c.call(.post, "/v1/vouchers", "enterprise2", #"{"amountFen":10000000}"#)
            let (_, decided) = try await c.call(
                .post, "/v1/voucher-applications/\(other["id"] as? Int64 ?? 0)/decision", "hs", #"{"approve":true}"#)
            let (foreign, hidden) = try await redeem(
                "enterprise2", voucher: decided["voucherId"] as? Int64 ?? 0, contract: id)
            #expect(foreign == .notFound && hidden["code"] as? String == "technology_contract_not_found")
            // Without a contract, the typed terms are needed.
            let (bare, missing) = try await c.call(
                .post, "/v1/redemptions", "enterprise",
                #"{"voucherId":\#(voucher),"providerOrganizationId":\#(c.stage.providerOrg)}"#)
            #expect(bare == .unprocessableContent && missing["code"] as? String == "contract_terms_required")
            try await c.expectLedgerClean()
        }
    }
}
