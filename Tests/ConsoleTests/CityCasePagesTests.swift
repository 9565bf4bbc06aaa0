@testable import Console
import Foundation
import GRDB
import Identity
import Kernel
import Testing
import Vouchers

/// The city's cases page and the enterprise's certifications page: an enterprise asks for its
/// high-tech certificate to be verified, the city verifies it; a disputed delivery is decided
/// for part payment; a voucher is revoked (a reason is required). Each through the forms.
struct CityCasePagesTests {
    @Test func certificationsDisputesAndRevocationFromThePages() async throws {
        let world = try await ConsoleWorld(listings: false)
        let scenario = CityScenario(world: world)
        let lab = try await scenario.organization(.provider, .wuhan)
        try await scenario.list(lab, .wuhan)
        try await scenario.policy(.huangshi)
        let enterprise = try await scenario.enterprise(.huangshi)
        let voucher = try await scenario.voucher(enterprise, amount: 10_000_000)
        let disputed = try await world.services.redemptions.open(
            NewRedemption(
                voucherId: voucher.id, providerOrganizationId: lab, contractNumber: "WH-D-7", category: .testing,
                contractFen: 4_000_000),
            by: enterprise
        )
        _ = try await world.services.redemptions.step(
            disputed.id, RedemptionStep(step: .confirm, invoiceNumber: "INV-D-7"),
            by: scenario.actor(.orgMember, lab, .wuhan))
        _ = try await world.services.redemptions.step(
            disputed.id, RedemptionStep(step: .dispute, reason: "报告缺少第三章"), by: enterprise)
        let owner = try await world.user(.orgAdmin, kind: .enterprise, city: .huangshi, username: "hs.owner")
        let clerk = try await world.user(.cityAdmin, kind: .government, city: .huangshi, username: "hs.clerk")
        let until = Display.date(world.clock.now().addingTimeInterval(400 * CityScenario.day))

        try await world.test { client in
            let company = Browser(client)
            try await company.signIn(owner.username, owner.password)
            let form = try await company.get("/console/certifications")
            #expect(form.status == .ok && form.html.contains("高新技术企业"))
            let missing = try await company.post(
                "/console/certifications", [("attribute", "high_tech"), ("holds", "yes"), ("validUntil", until)])
            #expect(missing.status == .unprocessableContent && missing.html.contains(#"id="certificateNumber-error""#))
            _ = try await company.get("/console/certifications")
            let sent = try await company.post(
                "/console/certifications",
                [
                    ("attribute", "high_tech"), ("holds", "yes"), ("certificateNumber", "GR202342009999"),
                    ("validUntil", until),
                ]
            )
            #expect(sent.status == .seeOther)
            #expect(try await company.get("/console/certifications").html.contains("GR202342009999"))

            let city = Browser(client)
            try await city.signIn(clerk.username, clerk.password)
            let cases = try await city.get("/console/city/cases")
            #expect(cases.status == .ok && cases.html.contains("GR202342009999") && cases.html.contains("报告缺少第三章"))
            let request = try #require(
                try await world.database.read { db in
                    try Int64.fetchOne(db, sql: "SELECT id FROM organization_certifications WHERE status = 'pending'")
                })
            #expect(
                try await city.post(
                    "/console/city/certifications/\(request)/decide", [("decision", "verify"), ("reason", "")]
                ).status == .seeOther)
            #expect(
                try await scenario.text("SELECT status FROM organization_certifications WHERE id = \(request)")
                    == "verified")

            _ = try await city.get("/console/city/cases")
            let tooMuch = try await city.post(
                "/console/city/disputes/\(disputed.id)/decide",
                [("outcome", "pay_part"), ("amount", "20000"), ("reason", "部分交付")])
            #expect(
                tooMuch.status == .unprocessableContent && tooMuch.html.contains(#"id="part-\#(disputed.id)-error""#))
            _ = try await city.get("/console/city/cases")
            let decided = try await city.post(
                "/console/city/disputes/\(disputed.id)/decide",
                [("outcome", "pay_part"), ("amount", "12000"), ("reason", "部分交付")])
            #expect(decided.status == .seeOther)
            #expect(
                try await scenario.text("SELECT status FROM voucher_redemptions WHERE id = \(disputed.id)")
                    == "captured")

            _ = try await city.get("/console/city/cases")
            let blank = try await city.post("/console/city/vouchers/\(voucher.id)/revoke", [("reason", " ")])
            #expect(
                blank.status == .unprocessableContent
                    && blank.html.contains(#"id="revoke-reason-\#(voucher.id)-error""#))
            #expect(try await scenario.text("SELECT status FROM vouchers WHERE id = \(voucher.id)") == "active")
            _ = try await city.get("/console/city/cases")
            #expect(
                try await city.post("/console/city/vouchers/\(voucher.id)/revoke", [("reason", "虚报资质")]).status
                    == .seeOther)
            #expect(try await scenario.text("SELECT status FROM vouchers WHERE id = \(voucher.id)") == "revoked")
            #expect(try await world.database.checkLedger().clean)

            // The enterprise's admin has no cases page; the city no certification form of its own.
            #expect(try await company.get("/console/city/cases").status == .forbidden)
            #expect(try await city.get("/console/certifications").status == .forbidden)
        }
    }
}
