@testable import Console
import Deals
import Foundation
import GRDB
import Identity
import Kernel
import Testing
import Vouchers

/// Paying a voucher into a technology contract from the console (issue 16): the redeem form
/// offers the enterprise's signed contracts; a city whose policy requires one refuses typed
/// terms next to the contract choice, and nothing is written.
struct RedeemContractPagesTests {
    static let day: TimeInterval = 86_400

    @Test func aSignedContractIsChosenAndTypedTermsAreRefused() async throws {
        let world = try await ConsoleWorld(listings: false)
        let user = try await world.user(.orgAdmin, kind: .enterprise, city: .huangshi, username: "hs.contract")
        let huangshi = try await EnterprisePagesTests.cityAdmin(world, .huangshi)
        let wuhan = try await EnterprisePagesTests.cityAdmin(world, .wuhan)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Display.china
        let now = world.clock.now()
        let policy = try await world.services.policies.create(
            NewVoucherPolicy(
                year: calendar.component(.year, from: now), budgetFen: 1_000_000_000, unitFen: 100_000,
                yearlyCapFen: 20_000_000, categories: [.init(category: .testing, ratioPermille: 500)],
                validUntil: now.addingTimeInterval(120 * Self.day), contractRule: .signed),
            by: huangshi)
        #expect(policy.contractRule == .signed)
        let providerOrg = try #require(
            try await world.database.read { db in
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM organizations WHERE kind = 'provider' AND city = 'WH' ORDER BY id")
            })
        let provider = Actor(
            userID: 9_001, organizationID: providerOrg, city: .wuhan, role: .orgAdmin, requestID: "test-provider")
        let entry = try await world.services.providers.apply(NewProvider(categories: [.testing]), by: provider)
        _ = try await world.services.providers.act(entry.id, ProviderAction(action: .approve), by: wuhan)
        world.clock.advance(by: 7 * Self.day + 1)
        let enterprise = Actor(
            userID: 9_002, organizationID: user.organization, city: .huangshi, role: .orgAdmin, requestID: "test-e")
        let application = try await world.services.vouchers.apply(
            NewVoucherApplication(amountFen: 5_000_000), by: enterprise)
        let voucher = try #require(
            try await world.services.vouchers.decide(application.id, VoucherDecision(approve: true), by: huangshi)
                .voucherId)
        let start = world.clock.now()
        let draft = try await world.services.contracts.create(
            NewContract(
                buyerOrganizationId: user.organization, sellerOrganizationId: providerOrg,
                terms: ContractTerms(
                    type: .service, title: "隔膜检测技术服务合同", valueFen: 4_000_000,
                    instalments: [.init(dueOn: start.addingTimeInterval(30 * Self.day), amountFen: 4_000_000)],
                    termStart: start, termEnd: start.addingTimeInterval(180 * Self.day),
                    fileSha256: String(repeating: "ab", count: 32),
                    listingIds: [], needId: nil, connectionId: nil)),
            by: enterprise)
        _ = try await world.services.contracts.confirm(draft.id, termsHash: draft.termsHash, by: enterprise)
        _ = try await world.services.contracts.confirm(draft.id, termsHash: draft.termsHash, by: provider)

        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(user.username, user.password)
            let form = try await browser.get("/console/vouchers/\(voucher)/redeem?city=WH")
            #expect(form.status == .ok)
            #expect(form.html.contains(#"<option value="\#(draft.id)">TC-\#(draft.id) · 隔膜检测技术服务合同"#))
            var fields: [(String, String)] = [
                ("provider", String(providerOrg)), ("technologyContract", ""), ("contractNumber", "HT-2026-009"),
                ("category", "testing"), ("contractValue", "40000"), ("mode", "tongdui"), ("invoice", ""),
            ]
            let typed = try await browser.post("/console/vouchers/\(voucher)/redeem", fields)
            #expect(typed.status == .unprocessableContent)
            #expect(typed.html.contains(#"id="technologyContractId-error">本市政策要求兑付双方签署的平台技术合同"#))
            #expect(try await world.count("SELECT count(*) FROM voucher_redemptions") == 0)
            _ = try await browser.get("/console/vouchers/\(voucher)/redeem?city=WH")
            fields[1] = ("technologyContract", String(draft.id))
            let opened = try await browser.post("/console/vouchers/\(voucher)/redeem", fields)
            #expect(opened.status == .seeOther && opened.location == "/console/vouchers?done=opened")
            #expect(
                try await world.count(
                    "SELECT count(*) FROM voucher_redemptions WHERE contract_fen = 4000000 AND voucher_fen = 2000000")
                    == 1)
        }
    }
}
