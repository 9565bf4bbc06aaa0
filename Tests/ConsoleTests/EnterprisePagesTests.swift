@testable import Console
import Foundation
import GRDB
import HTTPTypes
import Identity
import Kernel
@testable import Listings
import Testing
import Vouchers

/// The enterprise pages: needs, matches and feedback, the voucher wallet, redemptions, and
/// applying to a challenge — each write through the domain, each refusal inline.
struct EnterprisePagesTests {
    static let day: TimeInterval = 86_400

    @Test func postNeedSeeMatchesRecordFeedback() async throws {
        let world = try await ConsoleWorld()
        let user = try await world.user(.orgMember, kind: .enterprise, city: .huangshi, username: "hs.engineer")
        let future = Display.date(world.clock.now().addingTimeInterval(60 * Self.day))
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(user.username, user.password)
            let list = try await browser.get("/console/needs")
            #expect(list.status == .ok && list.html.contains("/console/needs/new"))
            #expect(try await browser.get("/console/needs/new").status == .ok)

            let needs = try await world.count("SELECT count(*) FROM listings WHERE kind = 'need'")
            let audit = try await world.count("SELECT count(*) FROM audit_log")
            var fields: [(String, String)] = [
                ("title", "高镍三元正极残碱水洗工艺需求"), ("description", "我公司生产高镍三元正极材料，需要降低残碱的水洗工艺，要求不损伤容量。"),
                ("fields", "new_energy_vehicles"), ("budgetMin", "200000"), ("budgetMax", "50000"),
                ("deadline", future),
                ("mode", "joint_development"), ("keywords", "高镍三元，残碱, 水洗"),
            ]
            // One invalid field: the budget's maximum below its minimum.
            let refused = try await browser.post("/console/needs", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains(#"<p class="field-error" id="budget_maxFen-error">最高金额不能低于最低金额</p>"#))
            #expect(refused.html.contains(#"aria-describedby="budget_maxFen-error""#))
            #expect(refused.html.contains("高镍三元正极残碱水洗工艺需求"), "what was typed is kept")
            #expect(try await world.count("SELECT count(*) FROM listings WHERE kind = 'need'") == needs)
            #expect(try await world.count("SELECT count(*) FROM audit_log") == audit)

            fields[4] = ("budgetMax", "500000.50")
            let posted = try await browser.post("/console/needs", fields)
            #expect(posted.status == .seeOther && posted.location == "/console/needs?done=created")
            #expect(try await world.count("SELECT count(*) FROM listings WHERE kind = 'need'") == needs + 1)
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'need.create'") >= 1)
            let need = try await world.database.read { db in
                try Int64.fetchOne(
                    db, sql: "SELECT max(id) FROM listings WHERE kind = 'need' AND owner_org_id = ?",
                    arguments: [user.organization])
            }
            let id = try #require(need)
            let stored = try await world.services.needs.get(id, viewer: nil)
            #expect(stored.budget.minFen == 20_000_000 && stored.budget.maxFen == 50_000_050)
            #expect(stored.keywords == ["高镍三元", "残碱", "水洗"])
            let listed = try await browser.get("/console/needs?done=created")
            #expect(listed.html.contains("需求已发布") && listed.html.contains("/console/needs/\(id)/matches"))

            let matches = try await browser.get("/console/needs/\(id)/matches")
            #expect(matches.status == .ok)
            #expect(matches.html.contains("<svg class=\"chart\""))
            #expect(matches.html.contains("<mark>"))
            #expect(matches.html.contains("一种降低高镍三元正极残碱的水洗方法") || matches.html.contains("<mark>高镍三元</mark>"))
            let candidate = try #require(Self.value(of: "candidateId", in: matches.html).flatMap(Int64.init))
            #expect(matches.html.contains("href=\"/console/patents/\(candidate)\""))
            #expect(try await browser.get("/console/needs/\(id)/matches?kind=organisation").status == .ok)
            // Another enterprise's need has no matches page for this one.
            let foreign = try #require(
                try await world.database.read { db in
                    try Int64.fetchOne(
                        db, sql: "SELECT id FROM listings WHERE kind = 'need' AND owner_org_id <> ? ORDER BY id",
                        arguments: [user.organization])
                })
            #expect(try await browser.get("/console/needs/\(foreign)/matches").status == .notFound)

            _ = try await browser.get("/console/needs/\(id)/matches")
            let feedback = try await browser.post(
                "/console/needs/\(id)/feedback",
                [
                    ("kind", "patent"), ("candidateKind", "patent"), ("candidateId", String(candidate)),
                    ("action", "contacted"),
                ])
            #expect(
                feedback.status == .seeOther
                    && feedback.location == "/console/needs/\(id)/matches?kind=patent&done=contacted")
            #expect(
                try await world.count(
                    "SELECT count(*) FROM match_feedback WHERE subject_kind = 'need' AND subject_id = \(id) AND candidate_id = \(candidate) AND action = 'contacted'"
                ) == 1)
            #expect(
                try await world.count(
                    "SELECT count(*) FROM audit_log WHERE action = 'match.feedback' AND target_type = 'match_feedback'")
                    == 1)
            #expect(try await browser.get(feedback.location ?? "").html.contains("已记录您的反馈"))
        }
    }

    @Test func walletApplyRedeemAccept() async throws {
        let world = try await ConsoleWorld(listings: false)
        let user = try await world.user(.orgAdmin, kind: .enterprise, city: .huangshi, username: "hs.wallet")
        let huangshi = try await Self.cityAdmin(world, .huangshi)
        let wuhan = try await Self.cityAdmin(world, .wuhan)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Display.china
        let now = world.clock.now()
        _ = try await world.services.policies.create(
            NewVoucherPolicy(
                year: calendar.component(.year, from: now), budgetFen: 1_000_000_000, unitFen: 100_000,
                yearlyCapFen: 20_000_000,
                categories: [.init(category: .rd, ratioPermille: 500), .init(category: .testing, ratioPermille: 500)],
                validUntil: now.addingTimeInterval(120 * Self.day)
            ), by: huangshi)
        // A Wuhan provider listed through the registry: applies, approved, notice passes (before
        // signing in: the session would not outlive the week).
        let providerOrg = try #require(
            try await world.database.read { db in
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM organizations WHERE kind = 'provider' AND city = 'WH' ORDER BY id")
            })
        let provider = Actor(
            userID: 9_001, organizationID: providerOrg, city: .wuhan, role: .orgAdmin, requestID: "test-provider")
        let entry = try await world.services.providers.apply(
            NewProvider(categories: [.rd, .testing, .instrumentSharing]), by: provider)
        _ = try await world.services.providers.act(entry.id, ProviderAction(action: .approve), by: wuhan)
        world.clock.advance(by: 7 * Self.day + 1)
        let name = try #require(
            try await world.database.read { db in
                try String.fetchOne(db, sql: "SELECT name FROM organizations WHERE id = ?", arguments: [providerOrg])
            })

        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(user.username, user.password)
            #expect(try await browser.get("/console/vouchers").html.contains("¥0.00"))
            // Not a whole number of ¥1,000 units: refused next to the amount, nothing written.
            let refused = try await browser.post("/console/vouchers/apply", [("amount", "1500")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains(#"id="amountFen-error">金额须为券面单位（1000 元）的整数倍"#))
            #expect(try await world.count("SELECT count(*) FROM voucher_applications") == 0)
            _ = try await browser.get("/console/vouchers")
            let applied = try await browser.post("/console/vouchers/apply", [("amount", "50,000")])
            #expect(applied.status == .seeOther && applied.location == "/console/vouchers?done=applied")
            #expect(
                try await world.count(
                    "SELECT count(*) FROM voucher_applications WHERE amount_fen = 5000000 AND status = 'pending'") == 1)
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'voucher.apply'") == 1)

            // The Huangshi city admin approves through the domain.
            let application = try #require(
                try await world.database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM voucher_applications")
                })
            let decided = try await world.services.vouchers.decide(
                application, VoucherDecision(approve: true), by: huangshi)
            let voucher = try #require(decided.voucherId)
            let wallet = try await browser.get("/console/vouchers")
            #expect(wallet.html.contains("<strong class=\"num\">¥50,000.00</strong>") && wallet.html.contains("已批准"))
            #expect(wallet.html.contains("/console/vouchers/\(voucher)/redeem"))

            let form = try await browser.get("/console/vouchers/\(voucher)/redeem?city=WH&category=rd")
            #expect(form.status == .ok && form.html.contains(name) && form.html.contains("value=\"\(providerOrg)\""))
            #expect(try await browser.get("/console/vouchers/\(voucher)/redeem?city=HS").html.contains(name) == false)
            _ = try await browser.get("/console/vouchers/\(voucher)/redeem?city=WH")
            var redemption: [(String, String)] = [
                ("provider", String(providerOrg)), ("contractNumber", "HT-2026-001"),
                ("category", "instrument_sharing"),
                ("contractValue", "20000"), ("mode", "tongdui"), ("invoice", ""), ("filterCity", "WH"),
            ]
            // The policy does not cover instrument sharing: the domain's message next to the category.
            let uncovered = try await browser.post("/console/vouchers/\(voucher)/redeem", redemption)
            #expect(uncovered.status == .unprocessableContent)
            #expect(uncovered.html.contains(#"id="category-error">该服务类别不在政策支持范围内"#))
            #expect(uncovered.html.contains("HT-2026-001"))
            #expect(try await world.count("SELECT count(*) FROM voucher_redemptions") == 0)
            redemption[2] = ("category", "rd")
            let opened = try await browser.post("/console/vouchers/\(voucher)/redeem", redemption)
            #expect(opened.status == .seeOther && opened.location == "/console/vouchers?done=opened")
            #expect(
                try await world.count(
                    "SELECT count(*) FROM voucher_redemptions WHERE status = 'held' AND voucher_fen = 1000000") == 1)
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'redemption.open'") == 1)
            let held = try await browser.get("/console/vouchers?done=opened")
            #expect(
                held.html.contains("HT-2026-001") && held.html.contains("已冻结")
                    && !held.html.contains("value=\"accept\""))

            // The provider confirms delivery through the domain; the enterprise accepts here.
            let id = try #require(
                try await world.database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM voucher_redemptions")
                })
            _ = try await world.services.redemptions.step(
                id, RedemptionStep(step: .confirm, invoiceNumber: "INV-0001"), by: provider)
            let delivered = try await browser.get("/console/vouchers")
            #expect(delivered.html.contains("value=\"accept\"") && delivered.html.contains("value=\"dispute\""))
            // A dispute needs a reason: the domain's message on that redemption's row, nothing changed.
            let unexplained = try await browser.post(
                "/console/redemptions/\(id)/step", [("step", "dispute"), ("reason", " ")])
            #expect(unexplained.status == .unprocessableContent)
            #expect(unexplained.html.contains(#"id="redemption-\#(id)-error">此操作须说明理由"#))
            #expect(try await world.count("SELECT count(*) FROM voucher_redemptions WHERE status = 'delivered'") == 1)
            let accepted = try await browser.post("/console/redemptions/\(id)/step", [("step", "accept")])
            #expect(accepted.status == .seeOther)
            #expect(try await world.count("SELECT count(*) FROM voucher_redemptions WHERE status = 'captured'") == 1)
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'redemption.accept'") == 1)
            let captured = try await browser.get("/console/vouchers")
            #expect(
                captured.html.contains("<strong class=\"num\">¥10,000.00</strong>")
                    && captured.html.contains("<strong class=\"num\">¥40,000.00</strong>"))
            // A second accept is a conflict shown on the wallet, not a stack trace.
            let again = try await browser.post("/console/redemptions/\(id)/step", [("step", "accept")])
            #expect(again.status == .conflict && again.html.contains("role=\"alert\""))
        }
    }

    @Test func onlyEnterprisesSeeTheirPages() async throws {
        let world = try await ConsoleWorld(listings: false)
        let university = try await world.user(.orgAdmin, kind: .university, city: .wuhan, username: "wh.tto")
        let provider = try await world.user(.orgAdmin, kind: .provider, city: .wuhan, username: "wh.provider")
        try await world.test { client in
            let anonymous = Browser(client)
            for path in ["/console/needs", "/console/needs/new", "/console/vouchers", "/console/challenges/1/apply"] {
                let page = try await anonymous.get(path)
                #expect(page.status == .seeOther && page.location?.hasPrefix("/console/login") == true, "\(path)")
            }
            let browser = Browser(client)
            try await browser.signIn(university.username, university.password)
            for path in ["/console/needs", "/console/needs/new", "/console/vouchers", "/console/vouchers/1/redeem"] {
                #expect(try await browser.get(path).status == .forbidden, "\(path)")
            }
            _ = try await browser.get("/console")
            #expect(try await browser.post("/console/needs", [("title", "x")]).status == .forbidden)
            let other = Browser(client)
            try await other.signIn(provider.username, provider.password)
            #expect(try await other.get("/console/needs").status == .forbidden)
            #expect(try await other.get("/console/vouchers").status == .forbidden)
        }
    }

    @Test func titlesAreEscaped() async throws {
        let world = try await ConsoleWorld(listings: false)
        let user = try await world.user(.orgAdmin, kind: .enterprise, city: .wuhan, username: "wh.escape")
        let actor = Actor(
            userID: 1, organizationID: user.organization, city: .wuhan, role: .orgAdmin, requestID: "test")
        _ = try await world.services.needs.create(
            NewNeed(
                title: "<script>alert(1)</script>", description: "描述", fields: [.ai], keywords: nil,
                budget: PriceRange(negotiable: true), deadline: world.clock.now().addingTimeInterval(30 * Self.day),
                cooperationMode: .consulting, visibility: nil, externalRef: nil, ownerOrganizationId: nil
            ), by: actor)
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(user.username, user.password)
            let page = try await browser.get("/console/needs")
            #expect(page.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.html.contains("<script>alert") == false)
        }
    }

    @Test func applyToAChallenge() async throws {
        let world = try await ConsoleWorld()
        let user = try await world.user(.orgMember, kind: .enterprise, city: .wuhan, username: "wh.applicant")
        let provider = try await world.user(.orgAdmin, kind: .provider, city: .wuhan, username: "wh.registry")
        let open = try await world.services.challenges.list(year: nil, page: PageRequest(limit: 100), viewer: nil).items
            .first {
                $0.state == .published && $0.ownerOrganizationId != user.organization
                    && ($0.eligibility.organizationKinds.isEmpty
                        || $0.eligibility.organizationKinds.contains(.enterprise))
                    && ($0.eligibility.cities.isEmpty || $0.eligibility.cities.contains(.wuhan))
            }
        let challenge = try #require(open)
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(user.username, user.password)
            let form = try await browser.get("/console/challenges/\(challenge.id)/apply")
            #expect(form.status == .ok && form.html.contains(challenge.title) && form.html.contains("name=\"plan\""))
            let before = try await world.count("SELECT count(*) FROM challenge_applications")
            let refused = try await browser.post(
                "/console/challenges/\(challenge.id)/apply",
                [("plan", "  "), ("budget", "300000"), ("team", "王工，负责人，高级工程师")])
            #expect(refused.status == .unprocessableContent && refused.html.contains("id=\"plan-error\""))
            #expect(try await world.count("SELECT count(*) FROM challenge_applications") == before)
            let sent = try await browser.post(
                "/console/challenges/\(challenge.id)/apply",
                [
                    ("plan", "分三阶段完成样机、中试与示范应用。"), ("budget", "300000"), ("team", "王工，负责人，高级工程师\n李工, 工艺"),
                ])
            #expect(sent.status == .seeOther && sent.location == "/console/challenges/\(challenge.id)/apply?done=sent")
            #expect(try await world.count("SELECT count(*) FROM challenge_applications") == before + 1)
            #expect(
                try await world.count(
                    "SELECT count(*) FROM audit_log WHERE action = 'challenge.apply' AND actor_user_id IS NOT NULL")
                    >= 1)
            #expect(try await browser.get(sent.location ?? "").html.contains("申报已提交"))

            // A provider's role may apply, but the challenge service refuses its kind: shown on the form.
            let other = Browser(client)
            try await other.signIn(provider.username, provider.password)
            _ = try await other.get("/console/challenges/\(challenge.id)/apply")
            let refusedKind = try await other.post(
                "/console/challenges/\(challenge.id)/apply", [("plan", "方案"), ("budget", "1000"), ("team", "张三")])
            #expect(refusedKind.status == .forbidden && refusedKind.html.contains("role=\"alert\""))
        }
    }

    static func cityAdmin(_ world: ConsoleWorld, _ city: CityCode) async throws -> Actor {
        let organization = try await world.database.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM organizations WHERE kind = 'government' AND city = ? ORDER BY id",
                arguments: [city.rawValue])
        }
        return Actor(
            userID: 9_100, organizationID: try #require(organization), city: city, role: .cityAdmin,
            requestID: "test-city")
    }

    /// The value of the first hidden input called `name`.
    static func value(of name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
