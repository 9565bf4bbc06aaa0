@testable import Console
import Foundation
import GRDB
import Identity
import Kernel
import Testing
import Vouchers

/// A city administrator's settlement page shows the whole corridor (issue 18): every city's row of
/// the matrix (other cities' read-only), its own payables, and what other cities owe its
/// providers; no clerk acts on another city's row or batch.
struct CorridorSettlementPagesTests {
    @Test func wuhanSeesTheCorridorAndWhatHuangshiOwesItsProvidersButActsOnNothingOfHuangshis() async throws {
        let world = try await ConsoleWorld(listings: false)
        let scenario = CityScenario(world: world)
        let lab = try await scenario.organization(.provider, .wuhan)
        try await scenario.list(lab, .wuhan)
        try await scenario.policy(.huangshi)
        let enterprise = try await scenario.enterprise(.huangshi)
        let voucher = try await scenario.voucher(enterprise, amount: 10_000_000)
        let redemption = try await world.services.redemptions.open(
            NewRedemption(
                voucherId: voucher.id, providerOrganizationId: lab, contractNumber: "WH-C-001", category: .testing,
                contractFen: 6_000_000),
            by: enterprise)
        _ = try await world.services.redemptions.step(
            redemption.id, RedemptionStep(step: .confirm, invoiceNumber: "INV-C-1"),
            by: scenario.actor(.orgMember, lab, .wuhan))
        _ = try await world.services.redemptions.step(redemption.id, RedemptionStep(step: .accept), by: enterprise)
        let period = CityInput.month(world.clock.now())
        let labName = try await scenario.name(lab)

        // The read: Wuhan's administrator sees Huangshi's row and its providers' receivable;
        // the per-payee report stays Wuhan's own (nothing), and a non-administrator is refused.
        let wuhanActor = try await scenario.cityAdmin(.wuhan)
        let corridor = try await world.services.settlements.corridor(period: period, viewer: wuhanActor)
        #expect(corridor.city == .wuhan && corridor.matrix["HS"]?["WH"] == 3_000_000 && corridor.totalFen == 3_000_000)
        #expect(corridor.receivables.count == 1)
        #expect(
            corridor.receivables.first.map {
                $0.issuingCity == .huangshi && $0.payeeOrganizationId == lab && $0.amountFen == 3_000_000
            } == true)
        let ownReport = try await world.services.settlements.report(period: period, viewer: wuhanActor)
        #expect(ownReport.lines.isEmpty && ownReport.matrix["HS"]?["WH"] == 0)
        let huanggang = try await world.services.settlements.corridor(
            period: period, viewer: try await scenario.cityAdmin(.huanggang))
        #expect(huanggang.receivables.isEmpty && huanggang.matrix["HS"]?["WH"] == 3_000_000)
        await #expect(throws: DomainError.self) {
            _ = try await world.services.settlements.corridor(period: period, viewer: enterprise)
        }

        let wuhan = try await world.user(.cityAdmin, kind: .government, city: .wuhan, username: "wh.clerk")
        let huangshi = try await world.user(.cityAdmin, kind: .government, city: .huangshi, username: "hs.clerk")
        let member = try await world.user(.orgAdmin, kind: .enterprise, city: .huangshi, username: "hs.member")
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(wuhan.username, wuhan.password)
            let page = try await browser.get("/console/city/settlements?period=\(period)")
            #expect(page.status == .ok)
            // Huangshi's row is shown read-only, its cell without a drill-down link.
            #expect(
                page.html.contains(
                    #"<tr><th scope="row">黄石 <span class="muted">（只读）</span></th><td class="num">¥30,000.00</td>"#))
            #expect(!page.html.contains("issuer=HS"))
            #expect(page.html.contains(#"<tr class="own"><th scope="row">武汉 <span class="tag">本市</span></th>"#))
            // What other cities owe Wuhan's providers: the lab, from Huangshi.
            let receivables = try #require(
                page.html.range(of: #"id="receivables""#).map { String(page.html[$0.upperBound...].prefix(2_000)) })
            #expect(receivables.contains(labName) && receivables.contains("黄石") && receivables.contains("¥30,000.00"))
            // Its own payables: none this month.
            #expect(page.html.contains("本期没有已兑付的款项。"))
            // Drilling into Huangshi's row by hand shows nothing that is not Wuhan's to read.
            let drill = try await browser.get(
                "/console/city/settlements/redemptions?period=\(period)&issuer=HS&provider=XN")
            #expect(drill.status == .ok && !drill.html.contains("WH-C-001"))
            // Approving approves only Wuhan's own (empty) month; Huangshi's redemption stays unsettled.
            world.clock.advance(by: 32 * CityScenario.day)
            try await browser.signIn(wuhan.username, wuhan.password)
            _ = try await browser.get("/console/city/settlements?period=\(period)")
            _ = try await browser.post("/console/city/settlements/approve", [("period", period)])
            #expect(try await world.count("SELECT count(*) FROM voucher_settlements WHERE city = 'HS'") == 0)
            #expect(try await world.count("SELECT count(*) FROM voucher_redemptions WHERE settlement_id IS NULL") == 1)

            // Huangshi's batch: Wuhan's clerk cannot pay it.
            let hs = Browser(client)
            try await hs.signIn(huangshi.username, huangshi.password)
            _ = try await hs.get("/console/city/settlements?period=\(period)")
            let approved = try await hs.post("/console/city/settlements/approve", [("period", period)])
            #expect(approved.status == .seeOther)
            let batch = try #require(
                try await world.database.read { db in
                    try Int64.fetchOne(db, sql: "SELECT id FROM voucher_settlements WHERE city = 'HS'")
                })
            _ = try await browser.get("/console/city/settlements?period=\(period)")
            let paid = try await browser.post("/console/city/settlements/\(batch)/pay", [("paymentReference", "WH-X")])
            #expect(paid.status == .notFound)
            #expect(
                try await world.count(
                    "SELECT count(*) FROM voucher_settlements WHERE city = 'HS' AND status = 'approved'")
                    == 1)

            // An enterprise has no settlement page.
            let outsider = Browser(client)
            try await outsider.signIn(member.username, member.password)
            let refused = try await outsider.get("/console/city/settlements?period=\(period)")
            #expect(refused.status == .forbidden || refused.status == .notFound)
        }
    }
}
