@testable import Console
import Foundation
import GRDB
import HTTPTypes
import Identity
import Kernel
import Testing
import Vouchers

/// The settlement page: a Huangshi voucher spent with a Wuhan provider shows in the
/// Huangshi → Wuhan cell of the heat map and table, drills down, exports as CSV, and its batch
/// is approved once the month has ended and then marked paid.
struct CitySettlementPagesTests {
    @Test func huangshiSettlesWithWuhanFromThePage() async throws {
        let world = try await ConsoleWorld(listings: false)
        let scenario = CityScenario(world: world)
        let lab = try await scenario.organization(.provider, .wuhan)
        try await scenario.list(lab, .wuhan)
        try await scenario.policy(.huangshi)  // after the notice days: the policy's year is the voucher's
        let enterprise = try await scenario.enterprise(.huangshi)
        let voucher = try await scenario.voucher(enterprise, amount: 10_000_000)
        let testing = try await world.services.redemptions.open(
            NewRedemption(
                voucherId: voucher.id, providerOrganizationId: lab, contractNumber: "WH-T-001", category: .testing,
                contractFen: 6_000_000),
            by: enterprise
        )
        _ = try await world.services.redemptions.step(
            testing.id, RedemptionStep(step: .confirm, invoiceNumber: "INV-WH-88"),
            by: scenario.actor(.orgMember, lab, .wuhan))
        let captured = try await world.services.redemptions.step(
            testing.id, RedemptionStep(step: .accept), by: enterprise)
        #expect(captured.status == .captured && captured.voucherFen == 3_000_000)
        let period = CityInput.month(world.clock.now())
        let huangshi = try await world.user(.cityAdmin, kind: .government, city: .huangshi, username: "hs.admin")
        let cashier = try await world.user(.cityAdmin, kind: .government, city: .huangshi, username: "hs.cashier")
        let wuhan = try await world.user(.cityAdmin, kind: .government, city: .wuhan, username: "wh.admin")
        let labName = try await scenario.name(lab)

        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(huangshi.username, huangshi.password)
            let page = try await browser.get("/console/city/settlements")
            #expect(page.status == .ok && page.html.contains(#"value="\#(period)""#))
            // The heat map: Huangshi's row (third), Wuhan's column (first) holds ¥30,000.00.
            let svg = try #require(
                page.html.range(of: "<svg").flatMap { start in
                    page.html.range(of: "</svg>").map { String(page.html[start.lowerBound..<$0.upperBound]) }
                })
            #expect(svg.contains("<title>结算矩阵 \(period)</title>"))
            let rows = svg.components(separatedBy: #"<text x="0""#).dropFirst()
            let huangshiRow = try #require(rows.first { $0.hasPrefix(#" y="117.0">黄石</text>"#) })
            let cells = huangshiRow.components(separatedBy: "<rect").dropFirst()
            #expect(cells.first?.contains(">¥30,000.00</text>") == true, "Huangshi → Wuhan")
            #expect(cells.dropFirst().allSatisfy { $0.contains(">¥0.00</text>") })
            #expect(rows.filter { $0.contains("¥30,000.00") }.count == 1)
            // The table: the cell links to its redemptions; net positions; the payee line.
            let drill = "/console/city/settlements/redemptions?period=\(period)&amp;issuer=HS&amp;provider=WH"
            #expect(page.html.contains(#"<a href="\#(drill)">¥30,000.00</a>"#))
            #expect(
                page.html.contains(
                    #"<tr class="own"><th scope="row">黄石 <span class="tag">本市</span></th><td class="num"><a href="\#(drill)">¥30,000.00</a></td><td class="num">¥0.00</td>"#
                ))
            #expect(
                page.html.contains(
                    #"<th scope="row">武汉</th><td class="num">¥30,000.00</td><td class="num">¥0.00</td><td class="num"><strong>¥30,000.00</strong>"#
                ))
            #expect(
                page.html.contains(
                    #"<th scope="row">黄石</th><td class="num">¥0.00</td><td class="num">¥30,000.00</td><td class="num"><strong>-¥30,000.00</strong>"#
                ))
            #expect(page.html.contains(labName))

            let cell = try await browser.get(drill.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(cell.status == .ok && cell.html.contains("WH-T-001") && cell.html.contains("INV-WH-88"))
            let empty = try await browser.get(
                "/console/city/settlements/redemptions?period=\(period)&issuer=HS&provider=XN")
            #expect(empty.status == .ok && empty.html.contains("WH-T-001") == false)

            let csv = try await browser.get("/console/city/settlements.csv?period=\(period)")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"settlement-\(period).csv\"")
            #expect(csv.html.hasPrefix("\"period\",\"issuing_city\",\"payee_org_id\""))
            #expect(
                csv.html.contains("\"\(period)\",\"HS\",\(lab),")
                    && csv.html.contains(",\"tongdui\",1,3000000,30000.00,0\r\n"))
            #expect(try await browser.get("/console/city/settlements?period=2026-13").status == .unprocessableContent)

            // The month has not ended: the domain refuses, nothing is written.
            _ = try await browser.get("/console/city/settlements?period=\(period)")
            let early = try await browser.post("/console/city/settlements/approve", [("period", period)])
            #expect(early.status == .conflict && early.html.contains("结算期尚未结束"))
            #expect(try await world.count("SELECT count(*) FROM voucher_settlements") == 0)
        }

        world.clock.advance(by: 32 * CityScenario.day)
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(huangshi.username, huangshi.password)
            _ = try await browser.get("/console/city/settlements?period=\(period)")
            let approved = try await browser.post("/console/city/settlements/approve", [("period", period)])
            #expect(approved.status == .seeOther && approved.location == "/console/city/settlements?period=\(period)")
            #expect(
                try await scenario.text(
                    "SELECT status FROM voucher_settlements WHERE city = 'HS' AND period = '\(period)'") == "approved")
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'settlement.approve'") == 1)
            let batchID = try #require(
                try await world.database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM voucher_settlements")
                })

            // Wuhan's admin sees no Huangshi batch and no way to pay it.
            let other = Browser(client)
            try await other.signIn(wuhan.username, wuhan.password)
            let theirs = try await other.get("/console/city/settlements?period=\(period)")
            #expect(theirs.status == .ok && theirs.html.contains("/console/city/settlements/\(batchID)/pay") == false)
            #expect(
                try await other.post("/console/city/settlements/\(batchID)/pay", [("paymentReference", "x")]).status
                    == .notFound)

            // The one who approved does not record the payment: no button, and the domain refuses.
            let page = try await browser.get("/console/city/settlements?period=\(period)")
            #expect(
                page.html.contains("已审批待支付") && page.html.contains("/console/city/settlements/\(batchID)/pay") == false)
            #expect(page.html.contains("须由本局另一位管理员登记支付"))
            #expect(page.html.contains("/console/city/settlements/approve") == false)
            #expect(
                try await browser.post("/console/city/settlements/\(batchID)/pay", [("paymentReference", "HS-1")])
                    .status == .forbidden)
            #expect(try await scenario.text("SELECT status FROM voucher_settlements") == "approved")
            try await browser.signIn(cashier.username, cashier.password)
            let cashierPage = try await browser.get("/console/city/settlements?period=\(period)")
            #expect(cashierPage.html.contains("/console/city/settlements/\(batchID)/pay"))
            let blank = try await browser.post("/console/city/settlements/\(batchID)/pay", [("paymentReference", " ")])
            #expect(
                blank.status == .unprocessableContent
                    && blank.html.contains(#"id="paymentReference-\#(batchID)-error""#))
            #expect(try await scenario.text("SELECT status FROM voucher_settlements") == "approved")
            _ = try await browser.get("/console/city/settlements?period=\(period)")
            let paid = try await browser.post(
                "/console/city/settlements/\(batchID)/pay", [("paymentReference", "HS-TREASURY-001")])
            #expect(paid.status == .seeOther)
            #expect(try await scenario.text("SELECT status FROM voucher_settlements") == "paid")
            #expect(try await scenario.text("SELECT payment_reference FROM voucher_settlements") == "HS-TREASURY-001")
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'settlement.pay'") == 1)
            let after = try await browser.get("/console/city/settlements?period=\(period)")
            #expect(
                after.html.contains("HS-TREASURY-001")
                    && after.html.contains("/console/city/settlements/\(batchID)/pay") == false)
            #expect(try await world.database.checkLedger().clean)
            // In English, the heat map names the cities in English.
            _ = try await browser.post(
                "/console/language", [("language", "en"), ("next", "/console/city/settlements")])
            let english = try await browser.get("/console/city/settlements?period=\(period)")
            #expect(
                english.html.contains("<title>Settlement matrix \(period)</title>")
                    && english.html.contains(">Huangshi</text>"))
            #expect(english.html.contains("Net position per city") && english.html.contains("-¥30,000.00"))
        }
    }
}
