@testable import Console
import Foundation
import GRDB
import Identity
import Kernel
import Testing
import Vouchers

/// The public notice page: a provider on notice is listed with an objection form; a blank
/// objection is refused beside the field with nothing written; a real one is recorded.
struct ProviderNoticePagesTests {
    @Test func anEnterpriseObjectsToAProviderOnNotice() async throws {
        let world = try await ConsoleWorld(listings: false)
        let scenario = CityScenario(world: world)
        let lab = try await scenario.organization(.provider, .wuhan)
        let applied = try await world.services.providers.apply(
            NewProvider(categories: [.testing]), by: scenario.actor(.orgAdmin, lab, .wuhan))
        _ = try await world.services.providers.act(
            applied.id, ProviderAction(action: .approve), by: try await scenario.cityAdmin(.wuhan))
        let labName = try await scenario.name(lab)
        let user = try await world.user(.orgAdmin, kind: .enterprise, city: .huangshi, username: "hs.objector")
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(user.username, user.password)
            let page = try await browser.get("/console/providers/notice")
            #expect(page.status == .ok && page.html.contains(labName))
            #expect(page.html.contains(#"action="/console/providers/\#(applied.id)/objection""#))
            let blank = try await browser.post("/console/providers/\(applied.id)/objection", [("reason", " ")])
            #expect(blank.status == .unprocessableContent && blank.html.contains(#"id="reason-\#(applied.id)-error""#))
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'provider.object'") == 0)
            _ = try await browser.get("/console/providers/notice")
            let objected = try await browser.post(
                "/console/providers/\(applied.id)/objection", [("reason", "检测资质证书已过期")])
            #expect(objected.status == .seeOther && objected.location == "/console/providers/notice?done=objected")
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'provider.object'") == 1)
            let provider = try await world.services.providers.get(applied.id, viewer: nil)
            #expect(provider.objections.count == 1 && provider.objections.first?.reason == "检测资质证书已过期")
        }
    }
}
