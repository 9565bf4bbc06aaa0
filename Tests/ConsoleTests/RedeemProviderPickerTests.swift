@testable import Console
import Foundation
import GRDB
import Identity
import Kernel
import Testing
import Vouchers

/// The redemption form's provider picker (issue 18): only providers the voucher's policy accepts
/// (listed, in an accepted city, registered for a covered category, not the enterprise), searched
/// on the server by name, city or category; a provider posted by hand that the policy does not
/// accept is refused and nothing is written.
struct RedeemProviderPickerTests {
    @Test func onlyAcceptedProvidersAreListedSearchedAndAnyOtherIsRefused() async throws {
        let world = try await ConsoleWorld(listings: false)
        let scenario = CityScenario(world: world)
        let wuhanLab = try await scenario.organization(.provider, .wuhan)
        let wuhanApplied = try await scenario.organization(.provider, .wuhan, 1)
        let xianningLab = try await scenario.organization(.provider, .xianning)
        let ezhouInstruments = try await scenario.organization(.provider, .ezhou)
        try await scenario.list(wuhanLab, .wuhan)
        try await scenario.list(xianningLab, .xianning)
        // Ezhou's provider is listed for instrument sharing only, which the policy does not cover.
        let narrow = try await world.services.providers.apply(
            NewProvider(categories: [.instrumentSharing]), by: scenario.actor(.orgAdmin, ezhouInstruments, .ezhou))
        _ = try await world.services.providers.act(
            narrow.id, ProviderAction(action: .approve), by: try await scenario.cityAdmin(.ezhou))
        // A Wuhan provider that applied and was never approved.
        _ = try await world.services.providers.apply(
            NewProvider(categories: ServiceCategory.allCases), by: scenario.actor(.orgAdmin, wuhanApplied, .wuhan))
        world.clock.advance(by: 7 * CityScenario.day + 60)
        // Huangshi accepts providers of Wuhan and Ezhou for R&D and testing.
        _ = try await world.services.policies.create(
            NewVoucherPolicy(
                year: scenario.year, budgetFen: 1_000_000_000, unitFen: CityScenario.unit, yearlyCapFen: 20_000_000,
                categories: [.init(category: .rd, ratioPermille: 500), .init(category: .testing, ratioPermille: 500)],
                validUntil: world.clock.now().addingTimeInterval(300 * CityScenario.day),
                providerCities: [.wuhan, .ezhou]
            ),
            by: try await scenario.cityAdmin(.huangshi))
        let enterprise = try await scenario.enterprise(.huangshi)
        let voucher = try await scenario.voucher(enterprise, amount: 10_000_000)
        let user = try await world.user(.orgAdmin, kind: .enterprise, city: .huangshi, username: "hs.buyer")
        let labName = try await scenario.name(wuhanLab)
        let outsider = try await world.user(.orgAdmin, kind: .enterprise, city: .wuhan, username: "wh.outsider")

        // The domain read the picker uses says the same.
        let accepted = try await world.services.providers.accepted(forVoucher: voucher.id, viewer: enterprise)
        #expect(accepted.map(\.organizationId) == [wuhanLab])
        let stranger = try await scenario.enterprise(.huangshi, 1)
        await #expect(throws: DomainError.self) {
            _ = try await world.services.providers.accepted(forVoucher: voucher.id, viewer: stranger)
        }

        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(user.username, user.password)
            let page = try await browser.get("/console/vouchers/\(voucher.id)/redeem")
            #expect(page.status == .ok)
            #expect(page.html.contains(option(wuhanLab)))
            for other in [xianningLab, wuhanApplied, ezhouInstruments, user.organization] {
                #expect(!page.html.contains(option(other)), "\(other) is not accepted")
            }
            // Searched on the server by name, city (either language) and category, without a script.
            for query in [String(labName.prefix(4)), "武汉", "wuhan", "检验检测", "Testing"] {
                let found = try await browser.get("/console/vouchers/\(voucher.id)/redeem?q=\(Browser.encode(query))")
                #expect(found.html.contains(option(wuhanLab)), "\(query)")
                #expect(found.html.contains(#"value="\#(query)""#), "the search box keeps \(query)")
            }
            for query in ["鄂州", "咸宁", "no such provider"] {
                let none = try await browser.get("/console/vouchers/\(voucher.id)/redeem?q=\(Browser.encode(query))")
                #expect(!none.html.contains(option(wuhanLab)) && none.html.contains("符合条件的服务机构数: 0"), "\(query)")
            }
            let hostile = try await browser.get(
                "/console/vouchers/\(voucher.id)/redeem?q=\(Browser.encode("<script>\u{1}=cmd"))")
            #expect(hostile.status == .ok && !hostile.html.contains("<script>"))

            // Posted by hand: a Xianning provider (city not accepted), the unlisted one, the enterprise itself.
            for (provider, message) in [
                (xianningLab, "本市政策不接受该城市的服务机构"), (wuhanApplied, "该服务机构未在服务机构库中登记或已暂停"),
                (user.organization, "企业不能向自己兑付创新券"),
            ] {
                _ = try await browser.get("/console/vouchers/\(voucher.id)/redeem")
                let refused = try await browser.post(
                    "/console/vouchers/\(voucher.id)/redeem",
                    [
                        ("provider", String(provider)), ("technologyContract", ""),
                        ("contractNumber", "HS-X-\(provider)"),
                        ("category", "testing"), ("contractValue", "20000"), ("mode", "tongdui"), ("invoice", ""),
                    ])
                #expect(refused.status == .conflict && refused.html.contains(message), "\(provider): \(refused.status)")
            }
            #expect(try await world.count("SELECT count(*) FROM voucher_redemptions") == 0)
            // The accepted one goes through.
            _ = try await browser.get("/console/vouchers/\(voucher.id)/redeem?q=\(Browser.encode("武汉"))")
            let opened = try await browser.post(
                "/console/vouchers/\(voucher.id)/redeem",
                [
                    ("provider", String(wuhanLab)), ("technologyContract", ""), ("contractNumber", "HS-W-1"),
                    ("category", "testing"), ("contractValue", "20000"), ("mode", "tongdui"), ("invoice", ""),
                    ("filterQuery", "武汉"),
                ])
            #expect(opened.status == .seeOther && opened.location == "/console/vouchers?done=opened")
            #expect(try await world.count("SELECT count(*) FROM voucher_redemptions") == 1)
            // The redemption's own page: its enterprise reads it, another enterprise does not.
            let redemption = try #require(
                try await world.database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM voucher_redemptions")
                })
            let detail = try await browser.get("/console/redemptions/\(redemption)")
            #expect(detail.status == .ok && detail.html.contains("HS-W-1") && detail.html.contains(labName))
            let vouchers = try await browser.get("/console/vouchers")
            #expect(vouchers.html.contains(#"href="/console/redemptions/\#(redemption)""#))
            let other = Browser(client)
            try await other.signIn(outsider.username, outsider.password)
            #expect(try await other.get("/console/redemptions/\(redemption)").status == .notFound)
        }
    }
}

/// The picker's option for an organisation.
private func option(_ organization: Int64) -> String { #"<option value="\#(organization)""# }
