import Foundation
import Identity
import Kernel
import Testing

/// The organisation's own profile page: everyone of it reads it; its administrator corrects the
/// contact details and park (a refused value shows again on its field with nothing written); a
/// member sees no form and a member's post changes nothing; markup in values is escaped.
struct OrganizationProfilePagesTests {
    @Test func membersReadAdministratorsCorrectAndRefusalsWriteNothing() async throws {
        let world = try await ConsoleWorld(listings: false)
        let admin = try await world.user(.orgAdmin, kind: .enterprise, city: .huangshi, username: "hs.profile.admin")
        let member = try await world.user(.orgMember, kind: .enterprise, city: .huangshi, username: "hs.profile.member")
        let updates = "SELECT count(*) FROM audit_log WHERE action = 'organization.update'"
        try await world.test { client in
            let reader = Browser(client)
            try await reader.signIn(member.username, member.password)
            let read = try await reader.get("/console/organization")
            #expect(read.status == .ok && read.html.contains("统一社会信用代码") && !read.html.contains("organization-form"))
            let sneaky = try await reader.post("/console/organization", [("contactName", "冒名者")])
            #expect(sneaky.status == .forbidden)
            #expect(try await world.count(updates) == 0)

            let browser = Browser(client)
            try await browser.signIn(admin.username, admin.password)
            let form = try await browser.get("/console/organization")
            #expect(form.status == .ok && form.html.contains("id=\"organization-form\""))
            let bad = try await browser.post(
                "/console/organization",
                [("contactName", "<b>王经理</b>"), ("contactPhone", "0714-6543210"), ("contactEmail", "not-an-address")])
            #expect(bad.status == .unprocessableContent && bad.html.contains("contact_email-error"))
            #expect(bad.html.contains("&lt;b&gt;王经理") && !bad.html.contains("<b>王经理"), "typed values escaped")
            #expect(try await world.count(updates) == 0)

            _ = try await browser.get("/console/organization")
            let saved = try await browser.post(
                "/console/organization",
                [("contactName", "王经理"), ("contactPhone", "0714-6543210"), ("contactEmail", "wang@hs.example.cn")])
            #expect(saved.status == .seeOther && saved.location == "/console/organization?done=1")
            #expect(try await world.count(updates) == 1)
            let after = try await browser.get("/console/organization?done=1")
            #expect(after.html.contains("机构信息已保存") && after.html.contains("wang@hs.example.cn"))
        }
    }

    @Test func theDirectoryFiltersByKindAndCityAndPages() async throws {
        let world = try await ConsoleWorld(listings: false)
        let member = try await world.user(.orgMember, kind: .enterprise, city: .huangshi, username: "hs.directory")
        let universities = try await world.count(
            "SELECT count(*) FROM organizations WHERE kind = 'university' AND city = 'WH'")
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(member.username, member.password)
            let page = try await browser.get("/console/organizations?kind=university&city=WH")
            #expect(page.status == .ok)
            let rows = page.html.components(separatedBy: "<tr><td>").count - 1
            #expect(rows == min(universities, 50) && rows > 0, "\(rows) of \(universities)")
            #expect(page.html.components(separatedBy: "<td>武汉</td>").count - 1 == rows, "only Wuhan's")
            let all = try await browser.get("/console/organizations")
            #expect(
                all.html.contains("rel=\"next\"") == (try await world.count("SELECT count(*) FROM organizations") > 50))
            let hostile = try await browser.get("/console/organizations?kind=%3Cscript%3E&cursor=")
            #expect(hostile.status == .ok && !hostile.html.contains("<script>"))
            #expect(try await browser.get("/console/organizations?cursor=bogus").status != .internalServerError)
        }
    }
}

/// The counterparts page: a university with a portfolio sees ranked enterprises; a person of
/// an organisation with nothing listed sees the empty note, not an error.
struct CounterpartPagesTests {
    @Test func aUniversitySeesRankedCounterpartsAndAnEmptyOrganisationANote() async throws {
        let world = try await ConsoleWorld()
        let university = try await world.user(.orgMember, kind: .university, city: .wuhan, username: "wh.counterparts")
        let lonely = try await world.user(.orgMember, kind: .provider, city: .xianning, username: "xn.counterparts")
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(university.username, university.password)
            let page = try await browser.get("/console/counterparts")
            #expect(page.status == .ok)
            #expect(page.html.contains("id=\"counterparts\"") && page.html.contains("<td class=\"num\">1</td>"))
            let other = Browser(client)
            try await other.signIn(lonely.username, lonely.password)
            let empty = try await other.get("/console/counterparts")
            #expect(empty.status == .ok || empty.status == .forbidden, "\(empty.status)")
        }
    }
}

/// One achievement added by hand: a refused form keeps what was typed and writes nothing; an
/// accepted one opens the achievement's page; an enterprise has no such form.
struct AchievementFormPagesTests {
    @Test func aUniversityAddsAnAchievementAndRefusalsWriteNothing() async throws {
        let world = try await ConsoleWorld(listings: false)
        let member = try await world.user(.orgMember, kind: .university, city: .wuhan, username: "wh.achievement")
        let enterprise = try await world.user(.orgAdmin, kind: .enterprise, city: .wuhan, username: "wh.not.research")
        let count = "SELECT count(*) FROM listings WHERE kind = 'achievement'"
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(member.username, member.password)
            #expect(try await browser.get("/console/portfolio/achievements/new").status == .ok)
            let fields: [(String, String)] = [
                ("title", "<i>高功率光纤激光器</i>"), ("summary", "千瓦级单模光纤激光器的热管理与光束质量控制工艺。"),
                ("trl", "6"), ("mode", "licence"), ("mode", "joint_development"), ("keywords", "光纤激光，热管理"),
                ("priceMin", "500000"), ("priceMax", "1200000"),
            ]
            let refused = try await browser.post("/console/portfolio/achievements", fields)
            #expect(refused.status == .unprocessableContent && refused.html.contains("fields-error"))
            #expect(refused.html.contains("&lt;i&gt;高功率") && !refused.html.contains("<i>高功率"))
            #expect(try await world.count(count) == 0)
            _ = try await browser.get("/console/portfolio/achievements/new")
            let created = try await browser.post(
                "/console/portfolio/achievements", fields + [("field", "optoelectronics")])
            #expect(created.status == .seeOther && created.location?.hasPrefix("/console/achievements/") == true)
            #expect(try await world.count(count) == 1)

            let other = Browser(client)
            try await other.signIn(enterprise.username, enterprise.password)
            #expect(try await other.get("/console/portfolio/achievements/new").status == .forbidden)
        }
    }
}
