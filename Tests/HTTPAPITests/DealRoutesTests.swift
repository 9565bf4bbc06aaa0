import Foundation
import HTTPTypes
import HummingbirdTesting
import Identity
import Kernel
import NIOCore
import Testing

/// Issue 16 through the routes: a Huanggang enterprise asks a Wuhan university to connect about
/// its patent; contacts are hidden until the university accepts; they exchange a message and a
/// file; they draft a patent licence, both confirm its hash and it is signed; the university
/// applies for registration, the Huanggang clerk is refused, the Wuhan clerk registers it; the
/// enterprise records a payment; the public statistics show Wuhan exporting and Huanggang
/// absorbing the value. Strangers see nothing of it.
struct DealRoutesTests {
    struct Reply {
        var status: HTTPResponse.Status
        var body: [String: Any]
        var raw: ByteBuffer
    }

    @Test func aPatentLicenceFromConnectionToRegistration() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_794_276_000))  // 2026-11-10 10:00 China time
        let world = try HTTPWorld(clock: clock) { $0.auth.tokenLifetimeSeconds = 31_536_000 }
        let routes = ListingRoutesTests()
        let university = try await routes.signIn(world, "university", "WH", .orgAdmin, "tto.wh")
        let enterprise = try await routes.signIn(world, "enterprise", "HG", .orgAdmin, "eng.hg")
        let stranger = try await routes.signIn(world, "enterprise", "XN", .orgAdmin, "eng.xn")
        let wuhanClerk = try await routes.signIn(world, "government", "WH", .cityAdmin, "kjj.wh")
        let huanggangClerk = try await routes.signIn(world, "government", "HG", .cityAdmin, "kjj.hg")
        let universityID = try await world.organizationID("university", "WH")
        let enterpriseID = try await world.organizationID("enterprise", "HG")
        try await world.test { client in
            func call(
                _ method: HTTPRequest.Method, _ uri: String, _ token: String?, _ body: String? = nil,
                extra: [String: String] = [:], raw: ByteBuffer? = nil
            ) async throws -> Reply {
                var reply = Reply(status: .ok, body: [:], raw: ByteBuffer())
                var fields = headers(token: token, json: raw == nil, extra: extra)
                if raw != nil { fields[.contentType] = "application/pdf" }
                try await client.execute(
                    uri: uri, method: method, headers: fields, body: raw ?? body.map { ByteBuffer(string: $0) }
                ) { response in
                    reply = Reply(
                        status: response.status,
                        body: (try? json(response.body)) ?? [:], raw: response.body)
                }
                return reply
            }
            let patentBody = ListingRoutesTests.patent.replacingOccurrences(
                of: #""trl":6"#, with: #""trl":6,"status":"listed""#)
            let patent = try await call(.post, "/v1/patents", university, patentBody)
            #expect(patent.status == .created)
            let patentID = patent.body["id"] as? Int64 ?? 0

            // The enterprise asks; the same request again is a duplicate; a stranger sees nothing.
            let ask = #"{"subject":{"kind":"patent","id":\#(patentID)},"message":"我们希望获得该专利的实施许可。"}"#
            let asked = try await call(.post, "/v1/connections", enterprise, ask, extra: ["Idempotency-Key": "ask-1"])
            #expect(asked.status == .created && asked.body["status"] as? String == "pending")
            #expect(asked.body["receiverOrganizationId"] as? Int64 == universityID)
            let connection = asked.body["id"] as? Int64 ?? 0
            let replay = try await call(.post, "/v1/connections", enterprise, ask, extra: ["Idempotency-Key": "ask-1"])
            #expect(replay.status == .created && replay.body["id"] as? Int64 == connection, "a replay, not a second")
            #expect(
                (try await call(.post, "/v1/connections", enterprise, ask)).body["code"] as? String
                    == "connection_duplicate")
            #expect((try await call(.get, "/v1/connections/\(connection)", stranger)).status == .notFound)
            let hidden = try await call(.get, "/v1/connections/\(connection)/contacts", enterprise)
            #expect(hidden.body["code"] as? String == "connection_contacts_hidden", "no contacts before acceptance")
            let selfAnswer = try await call(
                .post, "/v1/connections/\(connection)/answer", enterprise, #"{"answer":"accept"}"#)
            #expect(selfAnswer.status != .ok, "the requester cannot accept its own request")

            let accepted = try await call(
                .post, "/v1/connections/\(connection)/answer", university, #"{"answer":"accept"}"#)
            #expect(accepted.body["status"] as? String == "accepted")
            let contacts = try await call(.get, "/v1/connections/\(connection)/contacts", enterprise)
            #expect(contacts.status == .ok)
            #expect((contacts.body["receiver"] as? [String: Any])?["organizationId"] as? Int64 == universityID)

            // A message and a PDF in the thread; the stranger cannot read or download them.
            let message = try await call(
                .post, "/v1/connections/\(connection)/messages", university, #"{"body":"请查收许可合同草案。"}"#)
            #expect(message.status == .created)
            let pdf = ByteBuffer(string: "%PDF-1.4\n% 专利实施许可合同草案\n%%EOF\n")
            let attached = try await call(
                .post, "/v1/connections/\(connection)/attachments?name=%E8%8D%89%E6%A1%88.pdf", university, raw: pdf)
            #expect(attached.status == .created)
            let sha = (attached.body["attachment"] as? [String: Any])?["sha256"] as? String ?? ""
            let download = try await call(.get, "/v1/connections/\(connection)/attachments/\(sha)", enterprise)
            #expect(download.status == .ok && download.raw == pdf)
            #expect(
                (try await call(.get, "/v1/connections/\(connection)/attachments/\(sha)", stranger)).status == .notFound
            )
            let thread = try await call(.get, "/v1/connections/\(connection)/messages", enterprise)
            #expect((thread.body["items"] as? [Any])?.count == 2)
            #expect((try await call(.get, "/v1/connections/\(connection)/messages", stranger)).status == .notFound)

            // The enterprise drafts a patent licence; both confirm its hash; it is signed.
            let due = "2026-12-31T00:00:00Z"
            let terms =
                #"{"type":"patent_licence","exclusive":true,"title":"锂电池正极材料专利实施许可合同","valueFen":30000000,"instalments":[{"dueOn":"\#(due)","amountFen":30000000}],"termStart":"2026-11-10T00:00:00Z","termEnd":"2027-11-10T00:00:00Z","fileSha256":"\#(String(repeating: "ab", count: 32))","listingIds":[\#(patentID)],"connectionId":\#(connection)}"#
            let draft = try await call(
                .post, "/v1/contracts", enterprise,
                #"{"buyerOrganizationId":\#(enterpriseID),"sellerOrganizationId":\#(universityID),"terms":\#(terms)}"#)
            #expect(draft.status == .created && draft.body["status"] as? String == "draft")
            let contract = draft.body["id"] as? Int64 ?? 0
            let hash = draft.body["termsHash"] as? String ?? ""
            #expect((try await call(.get, "/v1/contracts/\(contract)", stranger)).status == .notFound)
            let stale = try await call(
                .post, "/v1/contracts/\(contract)/confirmation", university,
                #"{"termsHash":"\#(String(repeating: "0", count: 64))"}"#)
            #expect(stale.body["code"] as? String == "contract_terms_changed", "a confirmation binds to the terms")
            _ = try await call(
                .post, "/v1/contracts/\(contract)/confirmation", enterprise, #"{"termsHash":"\#(hash)"}"#)
            let signed = try await call(
                .post, "/v1/contracts/\(contract)/confirmation", university, #"{"termsHash":"\#(hash)"}"#)
            #expect(signed.body["status"] as? String == "signed")

            // Registration: the seller applies; another city's clerk is refused; Wuhan's registers.
            let applied = try await call(.post, "/v1/contracts/\(contract)/registration", university)
            #expect(applied.body["status"] as? String == "registration_applied")
            let wrongCity = try await call(.post, "/v1/contracts/\(contract)/registration/approval", huanggangClerk)
            #expect(wrongCity.body["code"] as? String == "registration_wrong_city")
            let registered = try await call(.post, "/v1/contracts/\(contract)/registration/approval", wuhanClerk)
            let number = (registered.body["registration"] as? [String: Any])?["number"] as? String ?? ""
            #expect(registered.body["status"] as? String == "registered")
            #expect(number.hasPrefix("2026420100") && number.count == 16, "year, Wuhan's division code, a sequence")

            let paid = try await call(
                .post, "/v1/contracts/\(contract)/payments", enterprise,
                #"{"amountFen":20000000,"paidOn":"2026-11-10T01:00:00Z","instalment":1}"#)
            #expect(paid.status == .ok && paid.body["paidFen"] as? Int64 == 20_000_000)
            #expect(paid.body["status"] as? String == "performing")
            let over = try await call(
                .post, "/v1/contracts/\(contract)/payments", enterprise,
                #"{"amountFen":20000000,"paidOn":"2026-11-10T01:00:00Z"}"#)
            #expect(over.body["code"] as? String == "payment_exceeds_value")
            let rest = try await call(
                .post, "/v1/contracts/\(contract)/payments", enterprise,
                #"{"amountFen":10000000,"paidOn":"2026-11-10T01:00:00Z","instalment":1}"#)
            #expect(rest.body["paidFen"] as? Int64 == 30_000_000)
            #expect(rest.body["status"] as? String == "completed", "paid in full, the contract is complete")

            // Aggregates: Wuhan exported it, Huanggang absorbed it — as the clerks read them.
            let statistics = try await call(
                .get, "/v1/statistics/contracts?from=2026-11-01&to=2026-11-30", huanggangClerk)
            #expect(statistics.status == .ok && statistics.body["totalFen"] as? Int64 == 30_000_000)
            #expect(statistics.body["withholding"] as? Bool == false)
            let exported = statistics.body["bySellerCity"] as? [[String: Any]] ?? []
            let absorbed = statistics.body["byBuyerCity"] as? [[String: Any]] ?? []
            #expect(exported.contains { $0["key"] as? String == "WH" && $0["valueFen"] as? Int64 == 30_000_000 })
            #expect(absorbed.contains { $0["key"] as? String == "HG" && $0["valueFen"] as? Int64 == 30_000_000 })
            let matrix = try await call(.get, "/v1/statistics/contracts?format=csv&table=matrix", wuhanClerk)
            let csv = String(buffer: matrix.raw)
            #expect(
                matrix.status == .ok && csv.hasPrefix(#""seller_city","buyer_city","contracts","value_yuan""# + "\r\n"),
                "\(csv.debugDescription)")
            #expect(csv.contains(#""WH","HG",1,300000.00"#) && csv.contains(#""HG","WH",0,0.00"#))
            // The public sees the count, not the value of one contract.
            let anonymous = try await call(.get, "/v1/statistics/contracts?from=2026-11-01&to=2026-11-30", nil)
            #expect(anonymous.body["withholding"] as? Bool == true && anonymous.body["contracts"] as? Int64 == 1)
            let publicExported = anonymous.body["bySellerCity"] as? [[String: Any]] ?? []
            #expect(
                publicExported.contains {
                    $0["key"] as? String == "WH" && $0["valueFen"] as? Int64 == 0 && $0["withheld"] as? Bool == true
                })
            let publicCSV = String(
                buffer: try await call(.get, "/v1/statistics/contracts?format=csv&table=matrix", enterprise).raw)
            #expect(
                publicCSV.contains(#""WH","HG",1,"""# + "\r\n"),
                "a party is the public here: \(publicCSV.debugDescription)")
            #expect(csv.split(separator: "\r\n").count == 26, "a header and the 25 cells")
            let badTable = try await call(.get, "/v1/statistics/contracts?format=csv&table=secrets", nil)
            #expect(badTable.body["code"] as? String == "invalid_value")
            let badRange = try await call(.get, "/v1/statistics/contracts?from=2026-12-01&to=2026-11-01", nil)
            #expect(badRange.body["code"] as? String == "date_range_invalid")
            let badDate = try await call(.get, "/v1/statistics/contracts?from=2026-02-30", nil)
            #expect(badDate.body["code"] as? String == "invalid_date")
            let list = try await call(.get, "/v1/contracts", stranger)
            #expect((list.body["items"] as? [Any])?.isEmpty == true, "a stranger's list holds none of it")
        }
    }
}
