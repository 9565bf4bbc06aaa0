@testable import Console
import Foundation
import GRDB
import HTTPTypes
import Identity
import Kernel
import Testing
import Vouchers

/// The service provider's page: applying to the registry, the city approving it through its
/// page, the listing after the public notice, and confirming a redemption with the invoice.
struct ProviderPagesTests {
    @Test func whoMayOpenTheProviderPage() async throws {
        let world = try await ConsoleWorld(listings: false)
        let enterprise = try await world.user(.orgAdmin, kind: .enterprise, city: .wuhan, username: "wh.enterprise")
        let university = try await world.user(.orgAdmin, kind: .university, city: .wuhan, username: "wh.university")
        let admin = try await world.user(.cityAdmin, kind: .government, city: .wuhan, username: "wh.admin")
        let member = try await world.user(.orgMember, kind: .provider, city: .wuhan, username: "wh.provider.member")
        try await world.test { client in
            let anonymous = try await Browser(client).get("/console/provider")
            #expect(anonymous.status == .seeOther && anonymous.location?.hasPrefix("/console/login") == true)
            for user in [enterprise, university, admin] {
                let browser = Browser(client)
                try await browser.signIn(user.username, user.password)
                #expect(try await browser.get("/console/provider").status == .forbidden, "\(user.username)")
            }
            // A member may see and deliver, but applying is the organisation admin's.
            let browser = Browser(client)
            try await browser.signIn(member.username, member.password)
            let page = try await browser.get("/console/provider")
            #expect(page.status == .ok && page.html.contains("本机构尚未登记为服务机构"))
            #expect(page.html.contains("/console/provider/apply") == false)
            #expect(try await browser.get("/console").html.contains(#"href="/console/provider""#))
        }
    }

    @Test func providerAppliesCityApprovesAndAfterTheNoticeItIsListed() async throws {
        let world = try await ConsoleWorld(listings: false)
        let provider = try await world.user(.orgAdmin, kind: .provider, city: .wuhan, username: "wh.provider")
        let wuhan = try await world.user(.cityAdmin, kind: .government, city: .wuhan, username: "wh.admin")
        let huangshi = try await world.user(.cityAdmin, kind: .government, city: .huangshi, username: "hs.admin")
        let name = try await CityScenario(world: world).name(provider.organization)
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(provider.username, provider.password)
            let empty = try await browser.get("/console/provider")
            #expect(empty.status == .ok && empty.html.contains(#"action="/console/provider/apply""#))
            let refused = try await browser.post("/console/provider/apply", [])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains(#"<p class="field-error" id="categories-error">服务类别不能为空或重复</p>"#))
            #expect(try await world.count("SELECT count(*) FROM voucher_providers") == 0)
            _ = try await browser.get("/console/provider")
            let applied = try await browser.post(
                "/console/provider/apply", [("categories", "testing"), ("categories", "rd")])
            #expect(applied.status == .seeOther && applied.location == "/console/provider")
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'provider.apply'") == 1)
            let waiting = try await browser.get("/console/provider")
            #expect(waiting.html.contains("待审核") && waiting.html.contains("检验检测、研发服务"))
            #expect(waiting.html.contains("/console/provider/apply") == false)
            let id = try #require(
                try await world.database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM voucher_providers") })

            let other = Browser(client)
            try await other.signIn(huangshi.username, huangshi.password)
            #expect(try await other.get("/console/city").html.contains(name) == false, "not in Huangshi's queue")

            let city = Browser(client)
            try await city.signIn(wuhan.username, wuhan.password)
            let queue = try await city.get("/console/city")
            #expect(queue.html.contains(name) && queue.html.contains(#"action="/console/city/providers/\#(id)/act""#))
            let noReason = try await city.post("/console/city/providers/\(id)/act", [("action", "reject")])
            #expect(noReason.status == .unprocessableContent && noReason.html.contains(#"id="reason-p\#(id)-error""#))
            _ = try await city.get("/console/city")
            let approved = try await city.post(
                "/console/city/providers/\(id)/act", [("action", "approve"), ("reason", "")])
            #expect(approved.status == .seeOther)
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'provider.approve'") == 1)
            let notice = try await city.get("/console/city")
            #expect(notice.html.contains("公示中") && notice.html.contains("公示截止"))
            #expect(try await browser.get("/console/provider").html.contains("公示中"))
        }

        world.clock.advance(by: 7 * CityScenario.day + 60)
        let listed = try await world.services.providers.list(
            city: .wuhan, category: .testing, status: nil, page: .init(), viewer: nil)
        #expect(listed.items.map(\.organizationId) == [provider.organization])
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(provider.username, provider.password)
            let page = try await browser.get("/console/provider")
            #expect(page.html.contains("已入库"))
            let city = Browser(client)
            try await city.signIn(wuhan.username, wuhan.password)
            let registry = try await city.get("/console/city")
            #expect(registry.html.contains(name) && registry.html.contains(#"value="suspend""#))
        }
    }

    @Test func providerConfirmsDeliveryWithTheInvoice() async throws {
        let world = try await ConsoleWorld(listings: false)
        let scenario = CityScenario(world: world)
        let provider = try await world.user(.orgMember, kind: .provider, city: .wuhan, username: "wh.provider")
        try await scenario.list(provider.organization, .wuhan)
        try await scenario.policy(.huangshi)
        let enterprise = try await scenario.enterprise(.huangshi)
        let voucher = try await scenario.voucher(enterprise, amount: 10_000_000)
        let redemption = try await world.services.redemptions.open(
            NewRedemption(
                voucherId: voucher.id, providerOrganizationId: provider.organization, contractNumber: "WH-T-001",
                category: .testing, contractFen: 6_000_000),
            by: enterprise
        )
        let enterpriseName = try await scenario.name(enterprise.organizationID!)
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(provider.username, provider.password)
            let page = try await browser.get("/console/provider")
            #expect(
                page.html.contains("WH-T-001") && page.html.contains(enterpriseName) && page.html.contains("¥30,000.00")
            )
            #expect(page.html.contains(#"action="/console/provider/redemptions/\#(redemption.id)/confirm""#))

            let audit = try await world.count("SELECT count(*) FROM audit_log")
            let blank = try await browser.post(
                "/console/provider/redemptions/\(redemption.id)/confirm", [("invoiceNumber", "")])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.html.contains(#"id="invoiceNumber-\#(redemption.id)-error""#))
            #expect(blank.html.contains(#"aria-describedby="invoiceNumber-\#(redemption.id)-error""#))
            #expect(try await scenario.text("SELECT status FROM voucher_redemptions") == "held")
            #expect(try await world.count("SELECT count(*) FROM audit_log") == audit)

            _ = try await browser.get("/console/provider")
            let confirmed = try await browser.post(
                "/console/provider/redemptions/\(redemption.id)/confirm", [("invoiceNumber", "INV-WH-88")])
            #expect(confirmed.status == .seeOther && confirmed.location == "/console/provider")
            #expect(try await scenario.text("SELECT status FROM voucher_redemptions") == "delivered")
            #expect(try await scenario.text("SELECT invoice_number FROM voucher_redemptions") == "INV-WH-88")
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'redemption.confirm'") == 1)
            let after = try await browser.get("/console/provider")
            #expect(after.html.contains("已交付，待企业验收") && after.html.contains("INV-WH-88"))
            #expect(after.html.contains("/console/provider/redemptions/\(redemption.id)/confirm") == false)

            // Confirming twice is the domain's conflict, shown on the page.
            let twice = try await browser.post(
                "/console/provider/redemptions/\(redemption.id)/confirm", [("invoiceNumber", "INV-WH-89")])
            #expect(twice.status == .conflict && twice.html.contains("role=\"alert\""))
        }
    }
}
