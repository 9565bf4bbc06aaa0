@testable import Console
import Foundation
import GRDB
import HTTPTypes
import Identity
import Kernel
import Testing

/// The deal pages: asking to connect, answering, the thread with contacts only once accepted,
/// attachments, a contract drafted, signed by both, applied for and registered by the seller
/// city's clerk — each refusal inline with nothing written, and nothing shown to other parties.
struct DealPagesTests {
    /// Reads any contract (an auditor), to check what the pages wrote.
    static let reader = Actor(userID: 1, organizationID: 1, city: .wuhan, role: .auditor, requestID: "test")

    /// A user of one given organisation.
    static func member(
        _ world: ConsoleWorld, _ organization: Int64, _ role: Role = .orgAdmin, username: String
    ) async throws -> (String, String) {
        let password = "console password 2026"
        _ = try await world.services.users.create(
            in: organization, NewUser(username: username, displayName: username, role: role, password: password),
            by: .system("test", requestID: "test"))
        return (username, password)
    }

    /// A listed, visible patent of a Wuhan university, and its owner.
    static func wuhanPatent(_ world: ConsoleWorld) async throws -> (patent: Int64, owner: Int64) {
        let row = try await world.database.read { db -> (Int64, Int64)? in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT l.id, l.owner_org_id FROM listings l JOIN organizations o ON o.id = l.owner_org_id
                    WHERE l.kind = 'patent' AND l.status = 'listed' AND l.hidden_reason IS NULL AND o.city = 'WH'
                      AND o.kind = 'university'
                    ORDER BY l.id LIMIT 1
                    """
            ).map { ($0["id"], $0["owner_org_id"]) }
        }
        let found = try #require(row)
        return (found.0, found.1)
    }

    /// Id of the newest row of a table.
    static func latest(_ world: ConsoleWorld, _ table: String) async throws -> Int64 {
        try #require(
            try await world.database.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM \(table)") })
    }

    static func multipart(_ fields: [(String, String)], file: (name: String, bytes: String)?) -> (String, [UInt8]) {
        let boundary = "----corridor-test-boundary"
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        if let file {
            body +=
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"\(file.name)\"\r\n"
            body += "Content-Type: text/plain\r\n\r\n\(file.bytes)\r\n"
        }
        body += "--\(boundary)--\r\n"
        return ("multipart/form-data; boundary=\(boundary)", Array(body.utf8))
    }

    @Test func askAnswerContactsAndThread() async throws {
        let world = try await ConsoleWorld()
        let (patent, university) = try await Self.wuhanPatent(world)
        let buyer = try await world.user(.orgMember, kind: .enterprise, city: .huanggang, username: "hg.buyer")
        let seller = try await Self.member(world, university, username: "wh.tto")
        let outsider = try await world.user(.orgAdmin, kind: .enterprise, city: .ezhou, username: "ez.other")
        let auditorUser = try await world.user(.auditor, kind: .platform, city: .wuhan, username: "audit.deals")
        let sellerContact = try await world.services.organizations.get(
            university, by: .system("test", requestID: "test")
        ).contact
        let phone = try #require(sellerContact.phone)
        try await world.test { client in
            let enterprise = Browser(client)
            try await enterprise.signIn(buyer.username, buyer.password)
            let listing = try await enterprise.get("/console/patents/\(patent)")
            let ask = "/console/connections/new?kind=patent&amp;id=\(patent)"
            #expect(listing.html.contains(ask), "the listing offers asking to connect")
            #expect(try await enterprise.get("/console/connections/new?kind=patent&id=\(patent)").status == .ok)

            // A blank message is refused beside the field; nothing is written.
            let connections = try await world.count("SELECT count(*) FROM deal_connections")
            let audit = try await world.count("SELECT count(*) FROM audit_log")
            let blank = try await enterprise.post(
                "/console/connections", [("kind", "patent"), ("id", String(patent)), ("message", "  ")])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.html.contains(#"<p class="field-error" id="message-error">"#))
            #expect(try await world.count("SELECT count(*) FROM deal_connections") == connections)
            #expect(try await world.count("SELECT count(*) FROM audit_log") == audit)

            let hostile = "<script>alert('x')</script> 希望获得许可"
            let sent = try await enterprise.post(
                "/console/connections", [("kind", "patent"), ("id", String(patent)), ("message", hostile)])
            #expect(sent.status == .seeOther)
            let id = try await Self.latest(world, "deal_connections")
            #expect(sent.location == "/console/connections/\(id)?done=sent")
            let pending = try await enterprise.get("/console/connections/\(id)")
            #expect(pending.status == .ok)
            #expect(pending.html.contains("&lt;script&gt;") && !pending.html.contains("<script>alert"))
            #expect(pending.html.contains(#"id="contacts-hidden""#) && !pending.html.contains(phone))
            #expect(!pending.html.contains(#"action="/console/connections/\#(id)/messages""#), "no thread yet")

            // Another organisation's member is told the connection does not exist.
            let stranger = Browser(client)
            try await stranger.signIn(outsider.username, outsider.password)
            #expect(try await stranger.get("/console/connections/\(id)").status == .notFound)

            // The university accepts from its list.
            let university = Browser(client)
            try await university.signIn(seller.0, seller.1)
            let list = try await university.get("/console/connections")
            #expect(list.html.contains(#"action="/console/connections/\#(id)/answer""#))
            let accepted = try await university.post(
                "/console/connections/\(id)/answer", [("answer", "accept"), ("back", "list")])
            #expect(accepted.status == .seeOther && accepted.location == "/console/connections?done=accepted")
            for browser in [enterprise, university] {
                let page = try await browser.get("/console/connections/\(id)")
                #expect(page.html.contains(phone) && !page.html.contains(#"id="contacts-hidden""#))
            }

            // A message with an attachment, downloaded by the other side; not by a stranger.
            _ = try await enterprise.get("/console/connections/\(id)")
            let token = try #require(Browser.csrf(in: enterprise.lastPage))
            let (type, bytes) = Self.multipart(
                [("_csrf", token), ("body", "请提供许可条件。")], file: ("NDA.txt", "保密协议草案\n"))
            let posted = try await enterprise.send(
                "/console/connections/\(id)/messages", method: .post, body: nil, contentType: type, bytes: bytes)
            #expect(posted.status == .seeOther && posted.location == "/console/connections/\(id)?done=posted")
            let thread = try await university.get("/console/connections/\(id)")
            #expect(thread.html.contains("请提供许可条件。") && thread.html.contains("NDA.txt"))
            let link = try #require(
                thread.html.range(
                    of: #"/console/connections/\#(id)/attachments/[0-9a-f]{64}"#, options: .regularExpression)
            )
            let href = String(thread.html[link])
            let file = try await university.get(href)
            #expect(file.status == .ok && file.html == "保密协议草案\n")
            #expect(try await stranger.get(href).status == .notFound)

            // An auditor reads the thread and its file, without contacts and without any step.
            let auditor = Browser(client)
            try await auditor.signIn(auditorUser.username, auditorUser.password)
            let audited = try await auditor.get("/console/connections/\(id)")
            #expect(audited.status == .ok && audited.html.contains("请提供许可条件。"))
            #expect(!audited.html.contains(phone), "contacts are for the parties")
            #expect(!audited.html.contains(#"action="/console/connections/\#(id)/messages""#))
            #expect(!audited.html.contains("/console/contracts/new?connection="))
            #expect(try await auditor.get(href).status == .ok)

            // An empty message is refused inline; nothing is written.
            let messages = try await world.count("SELECT count(*) FROM deal_messages")
            let (emptyType, empty) = Self.multipart([("_csrf", token), ("body", "")], file: nil)
            let refused = try await enterprise.send(
                "/console/connections/\(id)/messages", method: .post, body: nil, contentType: emptyType, bytes: empty)
            #expect(refused.status == .unprocessableContent && refused.html.contains(#"id="body-error""#))
            #expect(try await world.count("SELECT count(*) FROM deal_messages") == messages)
        }
    }

    @Test func draftSignApplyRegister() async throws {
        let world = try await ConsoleWorld()
        let (patent, university) = try await Self.wuhanPatent(world)
        let buyer = try await world.user(.orgAdmin, kind: .enterprise, city: .huanggang, username: "hg.buyer")
        let seller = try await Self.member(world, university, username: "wh.tto")
        let outsider = try await world.user(.orgAdmin, kind: .enterprise, city: .ezhou, username: "ez.other")
        let wuhanClerk = try await world.user(.cityAdmin, kind: .government, city: .wuhan, username: "wh.clerk")
        let otherClerk = try await world.user(.cityAdmin, kind: .government, city: .huanggang, username: "hg.clerk")
        let today = Display.date(world.clock.now())
        let nextYear = Display.date(world.clock.now().addingTimeInterval(365 * 86_400))
        try await world.test { client in
            let enterprise = Browser(client), university = Browser(client)
            try await enterprise.signIn(buyer.username, buyer.password)
            try await university.signIn(seller.0, seller.1)
            _ = try await enterprise.get("/console/connections/new?kind=patent&id=\(patent)")
            _ = try await enterprise.post(
                "/console/connections", [("kind", "patent"), ("id", String(patent)), ("message", "许可洽谈")])
            let connection = try await Self.latest(world, "deal_connections")
            _ = try await university.get("/console/connections/\(connection)")
            _ = try await university.post("/console/connections/\(connection)/answer", [("answer", "accept")])

            let form = try await enterprise.get("/console/contracts/new?connection=\(connection)")
            #expect(form.status == .ok && form.html.contains(#"value="patent_licence" selected"#))
            var fields: [(String, String)] = [
                ("connection", String(connection)), ("title", "专利实施许可合同"), ("type", "patent_licence"),
                ("exclusive", "1"), ("value", "300,000"), ("dueOn", today), ("amount", "100000"),
                ("dueOn", nextYear), ("amount", "100000"), ("termStart", today), ("termEnd", nextYear),
                ("fileSha256", String(repeating: "ab", count: 32)),
            ]
            // The instalments do not add up: refused beside them, nothing written.
            let contracts = try await world.count("SELECT count(*) FROM deal_contracts")
            let refused = try await enterprise.post("/console/contracts", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains(#"id="instalments-error">各期金额之和须等于合同金额"#))
            #expect(refused.html.contains("专利实施许可合同"), "what was typed is kept")
            #expect(try await world.count("SELECT count(*) FROM deal_contracts") == contracts)

            fields[8] = ("amount", "200000")
            let created = try await enterprise.post("/console/contracts", fields)
            let id = try await Self.latest(world, "deal_contracts")
            #expect(created.status == .seeOther && created.location == "/console/contracts/\(id)?done=created")
            let stored = try await world.services.contracts.get(id, viewer: Self.reader)
            #expect(stored.terms.valueFen == 30_000_000 && stored.terms.listingIds == [patent])

            // Both confirm the hash they read; the contract is signed.
            for browser in [enterprise, university] {
                let page = try await browser.get("/console/contracts/\(id)")
                #expect(page.html.contains(stored.termsHash))
                #expect(page.html.contains(#"id="step-confirm""#))
                let done = try await browser.post(
                    "/console/contracts/\(id)/steps/confirm", [("termsHash", stored.termsHash)])
                #expect(done.status == .seeOther)
            }
            let signed = try await enterprise.get("/console/contracts/\(id)")
            #expect(
                signed.html.contains("已签署") && !signed.html.contains(#"id="step-apply""#), "only the seller applies")
            #expect(try await enterprise.get("/console/contracts").html.contains("/console/contracts/\(id)"))

            // Another organisation's member: not found, for the page and for a step.
            let stranger = Browser(client)
            try await stranger.signIn(outsider.username, outsider.password)
            #expect(try await stranger.get("/console/contracts/\(id)").status == .notFound)
            _ = try await stranger.get("/console/contracts")
            #expect(try await stranger.post("/console/contracts/\(id)/steps/complete", []).status == .notFound)

            let sellerPage = try await university.get("/console/contracts/\(id)")
            #expect(sellerPage.html.contains(#"id="step-apply""#))
            _ = try await university.post("/console/contracts/\(id)/steps/apply_registration", [])

            // The Huanggang clerk has no such queue item and may not register it.
            let foreign = Browser(client)
            try await foreign.signIn(otherClerk.username, otherClerk.password)
            let foreignQueue = try await foreign.get("/console/city/registrations")
            #expect(foreignQueue.status == .ok && !foreignQueue.html.contains("专利实施许可合同"))
            #expect(try await foreign.post("/console/city/registrations/\(id)/register", []).status == .forbidden)

            // The Wuhan clerk: a return without a reason is refused; registering assigns the number.
            let clerk = Browser(client)
            try await clerk.signIn(wuhanClerk.username, wuhanClerk.password)
            let queue = try await clerk.get("/console/city/registrations")
            #expect(queue.html.contains(#"id="registration-\#(id)""#))
            let noReason = try await clerk.post("/console/city/registrations/\(id)/return", [("reason", "")])
            #expect(noReason.status == .unprocessableContent && noReason.html.contains(#"role="alert""#))
            let registered = try await clerk.post("/console/city/registrations/\(id)/register", [])
            #expect(registered.location == "/console/city/registrations?done=register")
            let number = try #require(
                try await world.services.contracts.get(id, viewer: Self.reader).registration.number)
            #expect(number.count == 16 && number.dropFirst(4).hasPrefix("420100"))
            #expect(try await university.get("/console/contracts/\(id)").html.contains(number))
        }
    }

    @Test func navigationOffersDealsByRole() async throws {
        let world = try await ConsoleWorld(listings: false)
        let member = try await world.user(.orgMember, kind: .university, city: .wuhan, username: "wh.member")
        let clerk = try await world.user(.cityAdmin, kind: .government, city: .wuhan, username: "wh.clerk")
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(member.username, member.password)
            let home = try await browser.get("/console/contracts")
            #expect(home.html.contains(#"href="/console/connections""#) && home.html.contains("本机构还没有技术合同"))
            #expect(try await browser.get("/console/city/registrations").status == .forbidden)
            let admin = Browser(client)
            try await admin.signIn(clerk.username, clerk.password)
            let queue = try await admin.get("/console/city/registrations")
            #expect(queue.status == .ok && queue.html.contains(#"href="/console/city/registrations""#))
            #expect(try await admin.get("/console/connections").status == .forbidden)
        }
    }
}
