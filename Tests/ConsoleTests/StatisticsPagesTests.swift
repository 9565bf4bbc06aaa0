import Deals
import Foundation
import HTTPTypes
import Identity
import Kernel
import Testing

/// The public turnover page: aggregates of signed contracts with the city matrix, in either
/// language, a bad date refused on the form; nothing of a contract's parties or title shown.
struct StatisticsPagesTests {
    @Test func turnoverIsShownInAggregatesOnly() async throws {
        let world = try await ConsoleWorld(listings: false)
        let services = world.services
        let scenario = CityScenario(world: world)
        let university = try await scenario.organization(.university, .wuhan)
        let enterprise = try await scenario.organization(.enterprise, .huanggang)
        let seller = Actor(userID: 1, organizationID: university, city: .wuhan, role: .orgAdmin, requestID: "t")
        let buyer = Actor(userID: 2, organizationID: enterprise, city: .huanggang, role: .orgAdmin, requestID: "t")
        let now = services.database.clock.now()
        let draft = try await services.contracts.create(
            NewContract(
                buyerOrganizationId: enterprise, sellerOrganizationId: university,
                terms: ContractTerms(
                    type: .patentLicence, title: "保密的许可合同名称", valueFen: 30_000_000,
                    instalments: [.init(dueOn: now.addingTimeInterval(86_400), amountFen: 30_000_000)],
                    termStart: now, termEnd: now.addingTimeInterval(365 * 86_400),
                    fileSha256: String(repeating: "ab", count: 32))),
            by: buyer)
        _ = try await services.contracts.confirm(draft.id, termsHash: draft.termsHash, by: buyer)
        _ = try await services.contracts.confirm(draft.id, termsHash: draft.termsHash, by: seller)
        try await world.test { client in
            let browser = Browser(client)
            let page = try await browser.get("/console/statistics")
            #expect(page.status == .ok)
            #expect(page.html.contains("技术合同成交统计") && page.html.contains("<svg"))
            #expect(page.html.contains("300,000.00") || page.html.contains("300000.00"), "the turnover")
            #expect(page.html.contains("技术许可（专利）") || page.html.contains("专利"), "by type in words")
            #expect(!page.html.contains("保密的许可合同名称"), "no contract's title on a public page")
            #expect(page.html.contains("table=matrix"), "CSV links")
            let bad = try await browser.get("/console/statistics?from=2026-02-30")
            #expect(bad.status == .unprocessableContent && bad.html.contains("aria-invalid=\"true\""))
            let empty = try await browser.get("/console/statistics?from=2001-01-01&to=2001-01-31")
            #expect(empty.status == .ok && empty.html.contains("该期间没有签署的合同"))
        }
    }
}
