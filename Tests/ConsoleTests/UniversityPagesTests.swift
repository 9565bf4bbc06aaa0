@testable import Console
import Foundation
import HTTPTypes
import Identity
import Kernel
import Listings
import Testing

/// The university / institute / lab pages: portfolio and matches, bulk import by upload (and
/// its multipart parser), challenge applications and milestones.
struct UniversityPagesTests {
    static let boundary = "----CorridorTest7MA4YWxkTrZu0gW"

    /// A multipart/form-data body as a browser sends it.
    static func multipart(
        _ fields: [(String, String)], file: (filename: String, type: String, content: [UInt8])?
    ) -> [UInt8] {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.type)\r\n\r\n"
                    .utf8)
            body += file.content + Array("\r\n".utf8)
        }
        return body + Array("--\(boundary)--\r\n".utf8)
    }

    static func upload(
        _ browser: Browser, _ fields: [(String, String)], file: (filename: String, type: String, content: [UInt8])?,
        csrf: String? = nil
    ) async throws -> Browser.Page {
        let token = csrf ?? Browser.csrf(in: browser.lastPage) ?? ""
        return try await browser.send(
            "/console/import", method: .post, body: nil, contentType: "multipart/form-data; boundary=\(boundary)",
            bytes: multipart([("_csrf", token)] + fields, file: file)
        )
    }

    /// A valid patent number (12-digit body and its check character), as the seeds make them.
    static func patentNumber(serial: Int) -> String {
        let digits = String(serial)
        let body = "2021" + "1" + String(repeating: "0", count: 7 - digits.count) + digits
        let weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
        let remainder = zip(body.compactMap(\.wholeNumberValue), weights).map { $0 * $1 }.reduce(0, +) % 11
        return body + "." + (remainder == 10 ? "X" : String(remainder))
    }

    static let header = "number,title,abstract,legalStatus,fields,transferModes,priceMinFen,priceMaxFen,ipcCodes"
    static let csv =
        [
            header,
            "\(patentNumber(serial: 9_900_001)),一种钙钛矿太阳能电池封装方法,提高稳定性的封装结构,granted,new_energy_vehicles,assignment,1000000,5000000,H01L 31/048",
            "\(patentNumber(serial: 9_900_002)),光纤光栅应变传感器,一种耐高温的光纤光栅,作废中,optoelectronics,licence_non_exclusive,0,2000000,G01D 5/353",
            "\(patentNumber(serial: 9_900_003)),北斗短报文终端,低功耗北斗短报文通信终端,pending,beidou,assignment,3000000,3000000,",
        ].joined(separator: "\n") + "\n"

    @Test func portfolioListsListingsWithTheirMatches() async throws {
        let world = try await ConsoleWorld()
        let member = try await world.user(.orgMember, kind: .institute, city: .ezhou, username: "ez.institute")
        let enterprise = try await world.user(.orgMember, kind: .enterprise, city: .wuhan, username: "wh.enterprise")
        let title = try await world.database.read { db in
            try String.fetchOne(
                db, sql: "SELECT title FROM listings WHERE kind = 'patent' AND owner_org_id = ? ORDER BY id",
                arguments: [member.organization])
        }
        let patent = try await world.count(
            "SELECT min(id) FROM listings WHERE kind = 'patent' AND owner_org_id = \(member.organization)")
        let foreign = try await world.count(
            "SELECT min(id) FROM listings WHERE kind = 'patent' AND owner_org_id <> \(member.organization)")
        try await world.test { client in
            let anonymous = try await Browser(client).get("/console/portfolio")
            #expect(anonymous.status == .seeOther && anonymous.location?.hasPrefix("/console/login") == true)

            let browser = Browser(client)
            try await browser.signIn(member.username, member.password)
            let page = try await browser.get("/console/portfolio")
            #expect(page.status == .ok)
            #expect(page.html.contains(try #require(title)))
            #expect(page.html.contains("/console/portfolio/patent/\(patent)/matches"))
            #expect(page.html.contains("href=\"/console/import\""))  // the menu and the import button

            let matches = try await browser.get("/console/portfolio/patent/\(patent)/matches")
            #expect(matches.status == .ok)
            #expect(matches.html.contains("<svg") && matches.html.contains("得分构成"))
            #expect(matches.html.contains("class=\"hit panel\""))
            let enterprises = try await browser.get("/console/portfolio/patent/\(patent)/matches?kind=organisation")
            #expect(enterprises.status == .ok && enterprises.html.contains("<option value=\"organisation\" selected>"))
            // Another organisation's patent: not found, as in the API.
            #expect(try await browser.get("/console/portfolio/patent/\(foreign)/matches").status == .notFound)

            let other = Browser(client)
            try await other.signIn(enterprise.username, enterprise.password)
            for path in [
                "/console/portfolio", "/console/import", "/console/applications",
                "/console/portfolio/patent/\(patent)/matches",
            ] {
                #expect(try await other.get(path).status == .forbidden, "\(path)")
            }
            #expect(try await other.get("/console").html.contains("/console/portfolio") == false)
        }
    }

    @Test func importShowsTheReportAndStoresTheGoodRows() async throws {
        let world = try await ConsoleWorld(listings: false)
        let member = try await world.user(.orgMember, kind: .university, city: .wuhan, username: "hust.tto")
        let auditor = try await world.user(.auditor, kind: .platform, city: .wuhan, username: "audit.one")
        let patents = "SELECT count(*) FROM listings WHERE kind = 'patent'"
        let imports = "SELECT count(*) FROM audit_log WHERE action = 'patent.import'"
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(member.username, member.password)
            let form = try await browser.get("/console/import")
            #expect(form.status == .ok)
            #expect(form.html.contains("enctype=\"multipart/form-data\"") && form.html.contains("name=\"_csrf\""))
            let file = (filename: "专利清单.csv", type: "text/csv", content: Array(Self.csv.utf8))

            // All-or-nothing: the bad row keeps everything out.
            let before = try await world.count(patents)
            let strict = try await Self.upload(browser, [("mode", "all-or-nothing"), ("encoding", "utf8")], file: file)
            #expect(strict.status == .unprocessableContent)
            #expect(strict.html.contains("未写入任何数据"))
            #expect(try await world.count(patents) == before)
            // Every import is audited, a refused one too (with its file's SHA-256).
            #expect(try await world.count(imports) == 1)

            // Skip-invalid: the report table names the bad row; the two good ones are stored.
            _ = try await browser.get("/console/import")
            let page = try await Self.upload(browser, [("mode", "skip-invalid"), ("encoding", "utf8")], file: file)
            #expect(page.status == .ok)
            #expect(page.html.contains("id=\"import-errors\""))
            let start = try #require(page.html.range(of: "id=\"import-errors\""))
            let table = String(page.html[start.lowerBound...])
            #expect(table.contains("<td class=\"num\">2</td>") && table.contains("<code>legalStatus</code>"))
            #expect(table.contains("invalid_value"))
            #expect(try await world.count(patents) == before + 2)
            #expect(try await world.count(imports) == 2)
            #expect(
                try await world.count(
                    "SELECT count(*) FROM listings WHERE kind = 'patent' AND owner_org_id = \(member.organization)")
                    == 2)

            // No file chosen: the message next to the file field, nothing written.
            _ = try await browser.get("/console/import")
            let empty = try await Self.upload(
                browser, [("mode", "skip-invalid")], file: (filename: "", type: "application/octet-stream", content: [])
            )
            #expect(empty.status == .unprocessableContent)
            #expect(empty.html.contains("id=\"file-error\"") && empty.html.contains("aria-invalid=\"true\""))
            // A workbook is not a CSV.
            let workbook = try await Self.upload(
                browser, [("mode", "skip-invalid")],
                file: (
                    filename: "patents.xlsx", type: "application/vnd.ms-excel", content: [0x50, 0x4B, 0x03, 0x04, 1, 2]
                ))
            #expect(workbook.status == .unprocessableContent && workbook.html.contains("id=\"file-error\""))
            #expect(try await world.count(imports) == 2)

            let other = Browser(client)
            try await other.signIn(auditor.username, auditor.password)
            #expect(try await other.get("/console/import").status == .forbidden)
        }
    }

    @Test func importRefusesAForgedTokenAndAnOversizedUpload() async throws {
        let world = try await ConsoleWorld(listings: false)
        let member = try await world.user(.orgAdmin, kind: .lab, city: .wuhan, username: "lab.admin")
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(member.username, member.password)
            _ = try await browser.get("/console/import")
            let before = try await world.count("SELECT count(*) FROM listings")
            let forged = try await Self.upload(
                browser, [("mode", "skip-invalid")],
                file: (filename: "a.csv", type: "text/csv", content: Array(Self.csv.utf8)), csrf: "forged")
            #expect(forged.status == .forbidden)
            let missing = try await browser.send(
                "/console/import", method: .post, body: nil,
                contentType: "multipart/form-data; boundary=\(Self.boundary)",
                bytes: Self.multipart(
                    [("mode", "skip-invalid")],
                    file: (filename: "a.csv", type: "text/csv", content: Array(Self.csv.utf8)))
            )
            #expect(missing.status == .forbidden)
            #expect(try await world.count("SELECT count(*) FROM listings") == before)

            let large = [UInt8](repeating: UInt8(ascii: "a"), count: Multipart.limit + 1)
            let tooLarge = try await Self.upload(
                browser, [], file: (filename: "big.csv", type: "text/csv", content: large))
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.html.contains("16 MiB"))
        }
    }

    @Test func multipartParsing() throws {
        #expect(Multipart.boundary("multipart/form-data; boundary=abc") == "abc")
        #expect(Multipart.boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b=c\"") == "a b=c")
        #expect(Multipart.boundary("multipart/form-data") == nil)
        #expect(Multipart.boundary("application/x-www-form-urlencoded; boundary=abc") == nil)
        #expect(Multipart.boundary("multipart/form-data; boundary=" + String(repeating: "x", count: 71)) == nil)
        #expect(Multipart.boundary("multipart/form-data; boundary=a<b") == nil)

        let text =
            "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nline one\r\n--XY is not the boundary\r\n"
            + "--XyZ  \r\ncontent-disposition: form-data; name=\"file\"; filename=\"C:\\Users\\王\\专利.csv\"\r\nContent-Type: text/csv\r\n\r\na,b\r\n1,2\r\n"
            + "--XyZ--\r\nepilogue"
        let form = try Multipart(bytes: Array(text.utf8), boundary: "XyZ")
        #expect(form.parts.count == 2)
        #expect(form["note"]?.text == "line one\r\n--XY is not the boundary")
        #expect(form["note"]?.filename == nil)
        #expect(form["file"]?.filename == "专利.csv" && form["file"]?.contentType == "text/csv")
        #expect(form["file"]?.text == "a,b\r\n1,2")
        #expect(form.text("missing") == nil)

        let params = Multipart.parameters("form-data; name=\"a;b\"; filename=\"x%22y.csv\"; extra")
        #expect(
            params.0 == "form-data" && params.1["name"] == "a;b" && params.1["filename"] == "x%22y.csv"
                && params.1["extra"] == "")

        for broken in [
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",  // never closed
            "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--",  // no name
            "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--",  // not form-data
            "no delimiter at all",
        ] {
            #expect(throws: DomainError.self, "\(broken)") { try Multipart(bytes: Array(broken.utf8), boundary: "XyZ") }
        }
    }

    @Test func applicationsShowMilestonesAndTakeASubmission() async throws {
        let world = try await ConsoleWorld()
        // 华中科技大学鄂州工业技术研究院: awarded the in-progress seed challenge, applied to another.
        let member = try await world.user(.orgMember, kind: .institute, city: .ezhou, username: "ez.lead")
        let expert = try await world.user(.expert, kind: .university, city: .wuhan, username: "wh.expert")
        let milestones = "SELECT count(*) FROM challenge_milestones"
        let audited = "SELECT count(*) FROM audit_log WHERE action = 'challenge.submit_milestone'"
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(member.username, member.password)
            let page = try await browser.get("/console/applications")
            #expect(page.status == .ok)
            #expect(page.html.contains("已揭榜") && page.html.contains("已提交"))
            let action = try #require(
                page.html.components(separatedBy: "action=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                    .first { $0.hasSuffix("/milestones") })
            let application = try #require(action.split(separator: "/").dropLast().last.map(String.init))

            let before = try await world.count(milestones)
            let auditedBefore = try await world.count(audited)
            let blank = try await browser.post(action, [("deliverable", "   ")])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.html.contains("id=\"deliverable-\(application)-error\""))
            #expect(try await world.count(milestones) == before)

            _ = try await browser.get("/console/applications")
            let sent = try await browser.post(action, [("deliverable", "中期验收报告：样机测试数据与第三方检测报告")])
            #expect(
                sent.status == .seeOther
                    && sent.location?.hasPrefix("/console/applications?sent=\(application)") == true)
            #expect(try await world.count(milestones) == before + 1)
            #expect(try await world.count(audited) == auditedBefore + 1)
            let after = try await browser.get(try #require(sent.location))
            #expect(after.html.contains("阶段成果已提交") && after.html.contains("中期验收报告") && after.html.contains("验收中"))
            #expect(after.html.contains(action) == false)  // pending review: no second submission

            // An expert of a university has no applications to manage.
            let other = Browser(client)
            try await other.signIn(expert.username, expert.password)
            #expect(try await other.get("/console/applications").status == .forbidden)
            #expect(try await other.get("/console/import").status == .forbidden)
        }
    }

    @Test func anOpenApplicationIsWithdrawnOnceAndOnlyByItsApplicant() async throws {
        let world = try await ConsoleWorld()
        // The Ezhou institute's submitted application to a seeded challenge still taking applications.
        let member = try await world.user(.orgMember, kind: .institute, city: .ezhou, username: "ez.withdraw")
        let stranger = try await world.user(.orgAdmin, kind: .university, city: .wuhan, username: "wh.stranger")
        let audited = "SELECT count(*) FROM audit_log WHERE action = 'challenge.withdraw_application'"
        let (userID, published) = try await world.database.read { db in
            (
                try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = 'ez.withdraw'") ?? 0,
                try Int64.fetchAll(
                    db, sql: "SELECT id FROM listings WHERE kind = 'challenge' AND status = 'published' ORDER BY id")
            )
        }
        let actor = Actor(
            userID: userID, organizationID: member.organization, city: .ezhou, role: .orgMember, requestID: "t")
        var applied = false
        for id in published where !applied {
            applied =
                (try? await world.services.challenges.apply(
                    to: id, NewChallengeApplication(plan: "撤回测试方案", budgetFen: 1_000_000, team: [.init(name: "王强")]),
                    by: actor)) != nil
        }
        #expect(applied, "a seeded challenge still takes the institute's application")
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(member.username, member.password)
            let page = try await browser.get("/console/applications")
            let action = try #require(
                page.html.components(separatedBy: "action=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                    .first { $0.hasSuffix("/withdraw") })
            #expect(page.html.contains("撤回申请"))

            let other = Browser(client)
            try await other.signIn(stranger.username, stranger.password)
            _ = try await other.get("/console/applications")
            let refused = try await other.post(action, [])
            #expect(refused.status == .forbidden || refused.status == .notFound, "\(refused.status)")
            #expect(try await world.count(audited) == 0)

            let done = try await browser.post(action, [])
            #expect(done.status == .seeOther && done.location == "/console/applications?withdrawn=1")
            #expect(try await world.count(audited) == 1)
            let after = try await browser.get("/console/applications?withdrawn=1")
            #expect(after.html.contains("申请已撤回") && !after.html.contains(action))
            let again = try await browser.post(action, [])
            #expect(again.status == .conflict, "a withdrawn application is not withdrawn twice")
            #expect(try await world.count(audited) == 1)
        }
    }
}
