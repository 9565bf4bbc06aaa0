@testable import Console
import Foundation
import GRDB
import HTTPTypes
import Identity
import Kernel
@testable import Listings
import Testing
import Vouchers

/// The city administration pages: who may open them, the approval queues scoped to the
/// admin's city, the policy editor, and anomalies — each write through the domain, audited.
struct CityPagesTests {
    static let pages = [
        "/console/city", "/console/city/policies", "/console/city/policies/new", "/console/city/anomalies",
        "/console/city/settlements",
    ]

    @Test func onlyCityAndPlatformAdminsOpenThePages() async throws {
        let world = try await ConsoleWorld(listings: false)
        let enterprise = try await world.user(.orgAdmin, kind: .enterprise, city: .wuhan, username: "wh.enterprise")
        let provider = try await world.user(.orgAdmin, kind: .provider, city: .wuhan, username: "wh.provider")
        let auditor = try await world.user(.auditor, kind: .platform, city: .wuhan, username: "auditor")
        let admin = try await world.user(.cityAdmin, kind: .government, city: .wuhan, username: "wh.admin")
        let platform = try await world.user(.platformAdmin, kind: .platform, city: .wuhan, username: "platform")
        try await world.test { client in
            let anonymous = Browser(client)
            let redirected = try await anonymous.get("/console/city")
            #expect(redirected.status == .seeOther && redirected.location?.hasPrefix("/console/login?next=") == true)
            for user in [enterprise, provider, auditor] {
                let browser = Browser(client)
                try await browser.signIn(user.username, user.password)
                for path in Self.pages + ["/console/city/settlements.csv", "/console/city/policies/1/amend"] {
                    let page = try await browser.get(path)
                    #expect(page.status == .forbidden, "\(user.username) \(path)")
                }
                #expect(try await browser.get("/console").html.contains("/console/city/settlements") == false)
            }
            let browser = Browser(client)
            try await browser.signIn(admin.username, admin.password)
            for path in Self.pages {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.html.contains("<h1>"))
            }
            #expect(try await browser.get("/console/city").html.contains("创新券申请"))
            #expect(try await browser.get("/console/provider").status == .forbidden)
            let platformBrowser = Browser(client)
            try await platformBrowser.signIn(platform.username, platform.password)
            #expect(try await platformBrowser.get("/console/city").status == .ok)
            #expect(try await platformBrowser.get("/console/city/settlements").status == .ok)
            #expect(
                try await platformBrowser.get("/console/city/policies").html.contains("/console/city/policies/new")
                    == false)
        }
    }

    @Test func voucherQueueIsTheCitysAndApprovesALowerAmount() async throws {
        let world = try await ConsoleWorld(listings: false)
        let scenario = CityScenario(world: world)
        try await scenario.policy(.wuhan)
        try await scenario.policy(.huangshi)
        let wuhanEnterprise = try await scenario.enterprise(.wuhan)
        let huangshiEnterprise = try await scenario.enterprise(.huangshi)
        let wanted = try await world.services.vouchers.apply(
            NewVoucherApplication(amountFen: 2_000_000), by: wuhanEnterprise)
        let other = try await world.services.vouchers.apply(
            NewVoucherApplication(amountFen: 1_000_000), by: huangshiEnterprise)
        let wuhanName = try await scenario.name(wuhanEnterprise.organizationID!)
        let huangshiName = try await scenario.name(huangshiEnterprise.organizationID!)
        let admin = try await world.user(.cityAdmin, kind: .government, city: .wuhan, username: "wh.admin")
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(admin.username, admin.password)
            let queue = try await browser.get("/console/city")
            #expect(queue.status == .ok)
            #expect(queue.html.contains(wuhanName) && queue.html.contains("¥20,000.00"))
            #expect(queue.html.contains(huangshiName) == false, "Huangshi's application is not in Wuhan's queue")
            #expect(queue.html.contains("/console/city/vouchers/\(other.id)/decide") == false)

            // Another city's application is refused; an unreadable amount is an inline error.
            #expect(
                try await browser.post("/console/city/vouchers/\(other.id)/decide", [("decision", "approve")]).status
                    == .forbidden)
            let audit = try await world.count("SELECT count(*) FROM audit_log")
            let refused = try await browser.post(
                "/console/city/vouchers/\(wanted.id)/decide", [("decision", "approve"), ("amount", "1万")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains(#"id="amountFen-\#(wanted.id)-error""#) && refused.html.contains("请填写金额"))
            #expect(refused.html.contains(#"aria-invalid="true" aria-describedby="amountFen-\#(wanted.id)-error""#))
            let above = try await browser.post(
                "/console/city/vouchers/\(wanted.id)/decide", [("decision", "approve"), ("amount", "30000")])
            #expect(above.status == .unprocessableContent && above.html.contains("批准金额不能高于申请金额"))
            let noReason = try await browser.post(
                "/console/city/vouchers/\(wanted.id)/decide", [("decision", "reject"), ("reason", " ")])
            #expect(
                noReason.status == .unprocessableContent && noReason.html.contains(#"id="reason-v\#(wanted.id)-error""#)
            )
            #expect(try await world.count("SELECT count(*) FROM vouchers") == 0)
            #expect(try await world.count("SELECT count(*) FROM audit_log") == audit)

            _ = try await browser.get("/console/city")
            let approved = try await browser.post(
                "/console/city/vouchers/\(wanted.id)/decide", [("decision", "approve"), ("amount", "10,000")])
            #expect(approved.status == .seeOther && approved.location == "/console/city")
            #expect(
                try await world.count(
                    "SELECT count(*) FROM vouchers WHERE face_fen = 1000000 AND enterprise_org_id = \(wuhanEnterprise.organizationID!)"
                ) == 1)
            #expect(
                try await world.count(
                    "SELECT count(*) FROM audit_log WHERE action = 'voucher.approve' AND target_id = '\(wanted.id)'")
                    == 1)
            #expect(
                try await browser.get("/console/city").html.contains("/console/city/vouchers/\(wanted.id)/decide")
                    == false)
        }
    }

    @Test func policyEditorShowsTheDomainsErrorInlineThenCreatesAndAmends() async throws {
        let world = try await ConsoleWorld(listings: false)
        let scenario = CityScenario(world: world)
        let admin = try await world.user(.cityAdmin, kind: .government, city: .wuhan, username: "wh.admin")
        let until = Display.date(world.clock.now().addingTimeInterval(200 * CityScenario.day))
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(admin.username, admin.password)
            let editor = try await browser.get("/console/city/policies/new")
            #expect(editor.status == .ok)
            #expect(editor.html.components(separatedBy: #"name="providerCities""#).count - 1 == 5)
            #expect(
                editor.html.components(separatedBy: #"name="providerCities" value=""#).dropFirst().allSatisfy {
                    $0.prefix(40).contains("checked")
                })
            var fields: [(String, String)] =
                [
                    ("year", String(scenario.year)), ("budget", "1,000,000"), ("unit", "1000"), ("cap", "2000000"),
                    ("ratio_rd", "50"), ("ratio_testing", "40.5"), ("validUntil", until), ("modes", "tongdui"),
                    ("modes", "tongyong"),
                    ("eligibility", "tech_sme"), ("maxRevenueBand", "20m_to_100m"),
                ] + CityCode.allCases.map { ("providerCities", $0.rawValue) }
            // One invalid field: the yearly cap above the budget.
            let audit = try await world.count("SELECT count(*) FROM audit_log")
            let refused = try await browser.post("/console/city/policies/new", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains(#"<p class="field-error" id="yearlyCapFen-error">年度额度不能超过预算</p>"#))
            #expect(refused.html.contains(#"aria-invalid="true" aria-describedby="yearlyCapFen-error""#))
            #expect(refused.html.contains(#"value="40.5""#), "what was typed is kept")
            #expect(try await world.count("SELECT count(*) FROM voucher_policies") == 0)
            #expect(try await world.count("SELECT count(*) FROM audit_log") == audit)

            fields[3] = ("cap", "20000")
            let created = try await browser.post("/console/city/policies/new", fields)
            #expect(created.status == .seeOther && created.location == "/console/city/policies")
            #expect(
                try await world.count("SELECT count(*) FROM voucher_policies WHERE city = 'WH' AND current = 1") == 1)
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'voucher_policy.create'") == 1)
            let policy = try #require(
                try await world.services.policies.list(city: .wuhan, year: nil, includeSuperseded: false).first)
            #expect(policy.budgetFen == 100_000_000 && policy.yearlyCapFen == 2_000_000 && policy.unitFen == 100_000)
            #expect(
                policy.categories == [
                    .init(category: .rd, ratioPermille: 500), .init(category: .testing, ratioPermille: 405),
                ])
            #expect(policy.eligibility == .init(anyOf: [.techSME], maxRevenueBand: .from20mTo100m))
            #expect(Display.date(policy.validUntil.addingTimeInterval(-1)) == until)

            let list = try await browser.get("/console/city/policies")
            #expect(list.html.contains("v1") && list.html.contains("¥1,000,000.00") && list.html.contains("检验检测 40.5%"))
            let amend = try await browser.get("/console/city/policies/\(policy.id)/amend")
            #expect(amend.status == .ok && amend.html.contains(#"value="1000000""#) && amend.html.contains("readonly"))
            fields[1] = ("budget", "1500000")
            let amended = try await browser.post("/console/city/policies/\(policy.id)/amend", fields)
            #expect(amended.status == .seeOther)
            #expect(try await world.count("SELECT count(*) FROM voucher_policies WHERE city = 'WH'") == 2)
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'voucher_policy.amend'") == 1)
            let versions = try await browser.get("/console/city/policies")
            #expect(
                versions.html.contains("v2") && versions.html.contains("¥1,500,000.00")
                    && versions.html.contains("已被取代"))
            // The superseded version cannot be amended: no link, and the domain says so.
            #expect(versions.html.contains("/console/city/policies/\(policy.id)/amend") == false)
            let stale = try await browser.post("/console/city/policies/\(policy.id)/amend", fields)
            #expect(stale.status == .unprocessableContent && stale.html.contains("只能修订当前版本"))
        }
    }

    @Test func challengeQueueApprovesTheCitysEnterpriseChallenge() async throws {
        let world = try await ConsoleWorld(listings: false)
        let scenario = CityScenario(world: world)
        let owner = try await scenario.enterprise(.huangshi)
        let input = NewChallenge(
            year: scenario.year, title: "高纯石英砂提纯工艺攻关", description: "面向光伏坩埚用高纯石英砂的提纯工艺。", goals: "纯度达到 99.998%",
            indicators: ["纯度 ≥ 99.998%"], fields: [.optoelectronics], keywords: nil, rewardFen: 50_000_000,
            tranches: [.init(name: "立项", amountFen: 30_000_000), .init(name: "验收", amountFen: 20_000_000)],
            deadline: world.clock.now().addingTimeInterval(60 * CityScenario.day), eligibility: nil,
            reviewMode: .expert, raceSlots: nil,
            externalRef: nil, ownerOrganizationId: nil
        )
        let draft = try await world.services.challenges.create(input, by: owner)
        let pending = try await world.services.challenges.transition(
            draft.id, ChallengeTransition(event: .submit), by: owner)
        #expect(pending.state == .pendingApproval)
        let huangshi = try await world.user(.cityAdmin, kind: .government, city: .huangshi, username: "hs.admin")
        let wuhan = try await world.user(.cityAdmin, kind: .government, city: .wuhan, username: "wh.admin")
        try await world.test { client in
            let other = Browser(client)
            try await other.signIn(wuhan.username, wuhan.password)
            #expect(try await other.get("/console/city").html.contains("高纯石英砂提纯工艺攻关") == false)

            let browser = Browser(client)
            try await browser.signIn(huangshi.username, huangshi.password)
            let queue = try await browser.get("/console/city")
            #expect(queue.html.contains("高纯石英砂提纯工艺攻关") && queue.html.contains("¥500,000.00"))
            let refused = try await browser.post(
                "/console/city/challenges/\(draft.id)/decide", [("decision", "reject"), ("reason", "")])
            #expect(
                refused.status == .unprocessableContent && refused.html.contains(#"id="reason-c\#(draft.id)-error""#))
            _ = try await browser.get("/console/city")
            let approved = try await browser.post(
                "/console/city/challenges/\(draft.id)/decide", [("decision", "approve")])
            #expect(approved.status == .seeOther)
            #expect(try await world.services.challenges.get(draft.id, viewer: nil).state == .published)
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'challenge.approve'") == 1)
        }
    }

    @Test func anomaliesListFlaggedRedemptionsForTheIssuingCitysReview() async throws {
        let world = try await ConsoleWorld(listings: false)
        let scenario = CityScenario(world: world)
        let lab = try await scenario.organization(.provider, .wuhan)
        try await scenario.list(lab, .wuhan)
        try await scenario.policy(.huangshi)
        let enterprise = try await scenario.enterprise(.huangshi)
        let voucher = try await scenario.voucher(enterprise, amount: 1_000_000)
        var opened: [Redemption] = []
        for index in 1...3 {
            opened.append(
                try await world.services.redemptions.open(
                    NewRedemption(
                        voucherId: voucher.id, providerOrganizationId: lab, contractNumber: "WH-T-00\(index)",
                        category: .testing, contractFen: 200_000),
                    by: enterprise
                ))
        }
        let flagged = try #require(opened.last)
        #expect(flagged.flags == ["provider_concentration"] && flagged.review == .pending)
        let huangshi = try await world.user(.cityAdmin, kind: .government, city: .huangshi, username: "hs.admin")
        let wuhan = try await world.user(.cityAdmin, kind: .government, city: .wuhan, username: "wh.admin")
        try await world.test { client in
            // Wuhan sees it (made with its provider) but the review is Huangshi's.
            let other = Browser(client)
            try await other.signIn(wuhan.username, wuhan.password)
            let seen = try await other.get("/console/city/anomalies")
            #expect(seen.status == .ok && seen.html.contains("WH-T-003"))
            #expect(seen.html.contains("/console/city/redemptions/\(flagged.id)/step") == false)

            let browser = Browser(client)
            try await browser.signIn(huangshi.username, huangshi.password)
            let page = try await browser.get("/console/city/anomalies")
            #expect(
                page.html.contains("服务机构集中度过高") && page.html.contains("WH-T-003")
                    && page.html.contains("WH-T-001") == false)
            let refused = try await browser.post(
                "/console/city/redemptions/\(flagged.id)/step", [("step", "reject_review"), ("reason", "")])
            #expect(
                refused.status == .unprocessableContent && refused.html.contains(#"id="reason-r\#(flagged.id)-error""#))
            #expect(
                try await scenario.text("SELECT review FROM voucher_redemptions WHERE id = \(flagged.id)") == "pending")
            _ = try await browser.get("/console/city/anomalies")
            let approved = try await browser.post(
                "/console/city/redemptions/\(flagged.id)/step", [("step", "approve_review")])
            #expect(approved.status == .seeOther && approved.location == "/console/city/anomalies")
            #expect(
                try await scenario.text("SELECT review FROM voucher_redemptions WHERE id = \(flagged.id)") == "approved"
            )
            #expect(
                try await world.count("SELECT count(*) FROM audit_log WHERE action = 'redemption.approve_review'") == 1)
        }
    }
}
