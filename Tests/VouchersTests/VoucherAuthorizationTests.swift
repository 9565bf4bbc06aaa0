import Foundation
import GRDB
import Identity
import Kernel
import Store
import Testing
@testable import Vouchers

/// Who may do what, as a table: every actor × every voucher operation, each on a fresh copy of
/// one prepared world. Enterprises act on their own vouchers, providers on redemptions made
/// with them, city admins on their own city's policies, vouchers, providers and settlements
/// (and read redemptions that cross their border), auditors read everything; the rest is
/// 404 when they may not even see the thing, 403 when they may see it but not act.
struct VoucherAuthorizationTests {
    enum Who: String, CaseIterable, Sendable {
        case enterprise, enterpriseMember, otherEnterprise, provider, otherProvider
        case issuingCity, providerCity, otherCity, auditor, expert
    }

    enum What: String, CaseIterable, Sendable {
        case readVoucher, listVouchers, openRedemption, readRedemption, listRedemptions
        case confirm, accept, cancel, approveReview, approveClaim, reverse
        case decideApplication, listApplications, createPolicy, amendPolicy, reviewProvider
        case settlementReport, approveSettlement, paySettlement, readSettlement
    }

    enum Outcome: Sendable, Equatable, CustomStringConvertible {
        case allowed
        case refused(String)
        var description: String {
            switch self {
            case .allowed: "allowed"
            case .refused(let code): code
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var who: Who
        var what: What
        var expected: Outcome
        var testDescription: String { "\(who.rawValue) \(what.rawValue) → \(expected)" }
    }

    /// A list that does not show the item answers with this (for the table's sake).
    static let hidden = "hidden"

    struct Rule {
        var what: What
        var allowed: Set<Who>
        var otherwise: String
        var except: [Who: String] = [:]
    }

    static let rules: [Rule] = [
        Rule(
            what: .readVoucher, allowed: [.enterprise, .enterpriseMember, .issuingCity, .auditor],
            otherwise: "voucher_not_found"),
        Rule(
            what: .listVouchers, allowed: [.enterprise, .enterpriseMember, .issuingCity, .auditor], otherwise: hidden),
        Rule(
            what: .openRedemption, allowed: [.enterprise, .enterpriseMember], otherwise: "voucher_not_found",
            except: [.issuingCity: "forbidden", .auditor: "forbidden"]
        ),
        // R3: Huangshi's voucher with Wuhan's lab — the issuing and the provider's city both read it.
        Rule(
            what: .readRedemption,
            allowed: [.enterprise, .enterpriseMember, .provider, .issuingCity, .providerCity, .auditor],
            otherwise: "redemption_not_found"
        ),
        Rule(
            what: .listRedemptions,
            allowed: [.enterprise, .enterpriseMember, .provider, .issuingCity, .providerCity, .auditor],
            otherwise: hidden
        ),
        Rule(
            what: .confirm, allowed: [.provider], otherwise: "redemption_not_found",
            except: [
                .enterprise: "forbidden", .enterpriseMember: "forbidden", .issuingCity: "forbidden",
                .providerCity: "forbidden", .auditor: "forbidden",
            ]
        ),
        Rule(
            what: .accept, allowed: [.enterprise, .enterpriseMember], otherwise: "redemption_not_found",
            except: [
                .provider: "forbidden", .issuingCity: "forbidden", .providerCity: "forbidden", .auditor: "forbidden",
            ]
        ),
        Rule(
            what: .cancel, allowed: [.enterprise, .enterpriseMember, .provider], otherwise: "redemption_not_found",
            except: [.issuingCity: "forbidden", .providerCity: "forbidden", .auditor: "forbidden"]
        ),
        Rule(
            what: .approveReview, allowed: [.issuingCity], otherwise: "redemption_not_found",
            except: [
                .enterprise: "forbidden", .enterpriseMember: "forbidden", .provider: "forbidden",
                .providerCity: "forbidden", .auditor: "forbidden",
            ]
        ),
        // R4: a 通用 claim for work by a Huangshi provider.
        Rule(
            what: .approveClaim, allowed: [.issuingCity], otherwise: "redemption_not_found",
            except: [.enterprise: "forbidden", .enterpriseMember: "forbidden", .auditor: "forbidden"]
        ),
        // R2: a captured 通用 claim for work by a Xianning provider: Xianning may read, not reverse.
        Rule(
            what: .reverse, allowed: [.issuingCity], otherwise: "redemption_not_found",
            except: [
                .enterprise: "forbidden", .enterpriseMember: "forbidden", .otherCity: "forbidden",
                .auditor: "forbidden",
            ]
        ),
        Rule(
            what: .decideApplication, allowed: [.issuingCity], otherwise: "voucher_application_not_found",
            except: [
                .providerCity: "wrong_city", .otherCity: "wrong_city", .enterprise: "forbidden",
                .enterpriseMember: "forbidden", .auditor: "forbidden",
            ]
        ),
        Rule(
            what: .listApplications, allowed: [.enterprise, .enterpriseMember, .issuingCity, .auditor],
            otherwise: hidden),
        // Each city admin creates its own city's policy (for 2027).
        Rule(what: .createPolicy, allowed: [.issuingCity, .providerCity, .otherCity], otherwise: "forbidden"),
        Rule(what: .amendPolicy, allowed: [.issuingCity], otherwise: "forbidden"),
        // Q: a Wuhan provider's application.
        Rule(what: .reviewProvider, allowed: [.providerCity], otherwise: "forbidden"),
        Rule(
            what: .settlementReport, allowed: [.issuingCity, .providerCity, .otherCity, .auditor],
            otherwise: "forbidden"),
        Rule(
            what: .approveSettlement, allowed: [.issuingCity], otherwise: "forbidden",
            except: [.providerCity: "nothing_to_settle", .otherCity: "nothing_to_settle"]
        ),
        Rule(what: .paySettlement, allowed: [.issuingCity], otherwise: "forbidden"),
        Rule(what: .readSettlement, allowed: [.issuingCity, .auditor], otherwise: "settlement_not_found"),
    ]

    static let rows: [Row] = rules.flatMap { rule in
        Who.allCases.map { who in
            Row(
                who: who, what: rule.what,
                expected: rule.allowed.contains(who) ? .allowed : .refused(rule.except[who] ?? rule.otherwise))
        }
    }

    @Test func tableCoversEveryOperation() {
        #expect(Set(Self.rules.map(\.what)) == Set(What.allCases))
        #expect(Self.rows.count == What.allCases.count * Who.allCases.count)
    }

    @Test(arguments: rows)
    func access(_ row: Row) async throws {
        let prepared = try await PreparedWorld.shared.get()
        let world = try VouchersWorld(copying: prepared.world.database)
        world.clock.set(prepared.now)
        let batch = try await prepared.prepare(row.what, in: world)
        let actor = prepared.actor(row.who, in: world)
        switch row.expected {
        case .allowed:
            try await prepared.perform(row.what, as: actor, batch: batch, in: world)
            try await world.expectClean()
        case .refused(let code):
            try await world.refused(code) { try await prepared.perform(row.what, as: actor, batch: batch, in: world) }
        }
    }
}

/// Built once, copied for each row: Huangshi's 2026 policy; Wuhan's lab, a Xianning and a
/// Huangshi provider listed, a Wuhan provider's application pending; a Huangshi enterprise's
/// ¥100,000 voucher with R1 (held, related parties: review pending), R2 (通用, captured, Xianning),
/// R3 (通兑, delivered, Wuhan's lab), R4 (通用, claimed, Huangshi); a pending application; the
/// clock on 2027-01-02, so December can be settled.
struct PreparedWorld: Sendable {
    actor Cache {
        var task: Task<PreparedWorld, any Error>?
        func get() async throws -> PreparedWorld {
            if let task { return try await task.value }
            let task = Task { try await PreparedWorld.build() }
            self.task = task
            return try await task.value
        }
    }

    static let shared = Cache()

    let world: VouchersWorld
    let now: Date
    let policy: Int64
    let enterprise: Int64
    let otherEnterprise: Int64
    let lab: Int64
    let otherProvider: Int64
    let platform: Int64
    let university: Int64
    let voucher: Int64
    let r1: Int64, r2: Int64, r3: Int64, r4: Int64
    let application: Int64
    let candidate: Int64

    static func build() async throws -> PreparedWorld {
        let world = try VouchersWorld()
        // Holds last 90 days: the rows act in January on a hold opened in November.
        let policy = try await world.policy(.huangshi, holdHours: 24 * 90)
        let lab = try await world.listedProvider(.wuhan, 1)
        let xianning = try await world.listedProvider(.xianning)
        let huangshi = try await world.listedProvider(.huangshi)
        let candidate = try await world.providers.apply(
            NewProvider(categories: [.testing]), by: try await world.providerActor(.wuhan, 2))
        let enterprise = try await world.enterprise(.huangshi)
        let city = try await world.cityAdmin(.huangshi)
        let voucher = try await world.voucher(enterprise, amount: 10_000_000)
        func open(_ provider: Int64, _ contract: String, mode: RedemptionMode = .tongdui) async throws -> Redemption {
            try await world.redemptions.open(
                NewRedemption(
                    voucherId: voucher.id, providerOrganizationId: provider, contractNumber: contract,
                    category: .testing, contractFen: 2_000_000,
                    mode: mode, invoiceNumber: mode == .tongyong ? "INV-\(contract)" : nil
                ),
                by: enterprise
            )
        }
        let r3 = try await open(lab, "R3")
        _ = try await world.confirm(r3, provider: lab, city: .wuhan)
        let r2 = try await open(xianning, "R2", mode: .tongyong)
        _ = try await world.redemptions.step(r2.id, RedemptionStep(step: .approveClaim), by: city)
        let r4 = try await open(huangshi, "R4", mode: .tongyong)
        // r1 is flagged by a relation the enterprise declares and withdraws again (a shared
        // phone would stay in the contact history and flag r3 too when it is accepted).
        let relations = RelationService(database: world.database)
        let declared = try await relations.declare(
            enterprise.organizationID!,
            NewOrganizationRelation(
                kind: .relatedParty, relatedCreditCode: try await world.organization(lab).creditCode),
            by: enterprise
        )
        let r1 = try await open(lab, "R1")
        _ = try await relations.withdraw(enterprise.organizationID!, relation: declared.id, by: enterprise)
        #expect(r1.review == .pending && r2.review == .none && r3.review == .none && r4.review == .none)
        let application = try await world.vouchers.apply(NewVoucherApplication(amountFen: 1_000_000), by: enterprise)
        world.clock.set(Date(timeIntervalSince1970: 1_798_855_200))  // 2027-01-02 10:00 China time
        return PreparedWorld(
            world: world, now: world.clock.now(), policy: policy.id, enterprise: enterprise.organizationID!,
            otherEnterprise: try await world.organizations(.enterprise, .huangshi)[1], lab: lab,
            otherProvider: try await world.organizations(.provider, .wuhan)[0],
            platform: try await world.organizations(.platform, .wuhan)[0],
            university: try await world.organizations(.university, .wuhan)[0], voucher: voucher.id, r1: r1.id,
            r2: r2.id, r3: r3.id, r4: r4.id,
            application: application.id, candidate: candidate.id
        )
    }

    func actor(_ who: VoucherAuthorizationTests.Who, in world: VouchersWorld) -> Actor {
        switch who {
        case .enterprise: world.actor(.orgAdmin, enterprise, .huangshi, user: 1)
        case .enterpriseMember: world.actor(.orgMember, enterprise, .huangshi, user: 2)
        case .otherEnterprise: world.actor(.orgAdmin, otherEnterprise, .huangshi, user: 3)
        case .provider: world.actor(.orgMember, lab, .wuhan, user: 4)
        case .otherProvider: world.actor(.orgAdmin, otherProvider, .wuhan, user: 5)
        case .issuingCity, .providerCity, .otherCity:
            Actor(
                userID: 6, organizationID: 0,
                city: who == .issuingCity ? .huangshi : who == .providerCity ? .wuhan : .xianning, role: .cityAdmin,
                requestID: "t")
        case .auditor: world.actor(.auditor, platform, .wuhan, user: 7)
        case .expert: world.actor(.expert, university, .wuhan, user: 8)
        }
    }

    /// What must exist before the row's actor acts (done by the issuing city).
    func prepare(_ what: VoucherAuthorizationTests.What, in world: VouchersWorld) async throws -> Int64? {
        guard what == .paySettlement || what == .readSettlement else { return nil }
        // Approved by a colleague: the one who approves does not record the payment.
        return try await world.settlements.approve(
            NewSettlement(period: "2026-12"), by: try await world.secondCityAdmin(.huangshi)
        ).id
    }

    func perform(
        _ what: VoucherAuthorizationTests.What, as actor: Actor, batch: Int64?, in world: VouchersWorld
    ) async throws {
        func hidden() -> DomainError {
            DomainError(.notFound, code: VoucherAuthorizationTests.hidden, zh: "不在列表中", en: "Not in the list")
        }
        switch what {
        case .readVoucher:
            #expect(try await world.vouchers.voucher(voucher, viewer: actor).id == voucher)
        case .listVouchers:
            let page = try await world.vouchers.list(viewer: actor, page: PageRequest(limit: 100))
            if actor.role == .cityAdmin { #expect(page.items.allSatisfy { $0.city == actor.city }) }
            guard page.items.contains(where: { $0.id == voucher }) else { throw hidden() }
        case .openRedemption:
            let opened = try await world.redemptions.open(
                NewRedemption(
                    voucherId: voucher, providerOrganizationId: lab, contractNumber: "NEW", category: .rd,
                    contractFen: 2_000_000), by: actor
            )
            #expect(opened.status == .held)
        case .readRedemption:
            #expect(try await world.redemptions.get(r3, viewer: actor).id == r3)
        case .listRedemptions:
            let page = try await world.redemptions.list(
                viewer: actor, status: nil, flaggedOnly: false, page: PageRequest(limit: 100))
            guard page.items.contains(where: { $0.id == r3 }) else { throw hidden() }
        case .confirm:
            #expect(
                try await world.redemptions.step(r1, RedemptionStep(step: .confirm, invoiceNumber: "INV-9"), by: actor)
                    .status == .delivered)
        case .accept:
            #expect(try await world.redemptions.step(r3, RedemptionStep(step: .accept), by: actor).status == .captured)
        case .cancel:
            // Before delivery (after it, the enterprise accepts or disputes).
            #expect(
                try await world.redemptions.step(r1, RedemptionStep(step: .cancel, reason: "取消"), by: actor).status
                    == .cancelled)
        case .approveReview:
            #expect(
                try await world.redemptions.step(r1, RedemptionStep(step: .approveReview), by: actor).review
                    == .approved)
        case .approveClaim:
            #expect(
                try await world.redemptions.step(r4, RedemptionStep(step: .approveClaim), by: actor).status == .captured
            )
        case .reverse:
            #expect(
                try await world.redemptions.step(r2, RedemptionStep(step: .reverse, reason: "退款"), by: actor).status
                    == .reversed)
        case .decideApplication:
            #expect(
                try await world.vouchers.decide(application, VoucherDecision(approve: true), by: actor).status
                    == .approved)
        case .listApplications:
            let page = try await world.vouchers.applications(viewer: actor, status: nil, page: PageRequest(limit: 100))
            guard page.items.contains(where: { $0.id == application }) else { throw hidden() }
        case .createPolicy:
            let created = try await world.policies.create(
                ErrorFixture.policy(year: 2027, validUntil: Date(timeIntervalSince1970: 1_830_211_200)), by: actor
            )
            #expect(created.city == actor.city && created.year == 2027)
        case .amendPolicy:
            #expect(
                try await world.policies.amend(policy, ErrorFixture.policy(budget: 2_000_000_000), by: actor).version
                    == 2)
        case .reviewProvider:
            #expect(
                try await world.providers.act(candidate, ProviderAction(action: .approve), by: actor).status
                    == .inNotice)
        case .settlementReport:
            let report = try await world.settlements.report(period: "2026-12", viewer: actor)
            if actor.role == .cityAdmin {
                #expect(report.lines.allSatisfy { $0.issuingCity == actor.city })
            } else {
                #expect(report.matrix["HS"]?["XN"] == 1_000_000)
            }
        case .approveSettlement:
            #expect(
                try await world.settlements.approve(NewSettlement(period: "2026-12"), by: actor).totalFen == 1_000_000)
        case .paySettlement:
            #expect(
                try await world.settlements.pay(
                    try #require(batch), SettlementPayment(paymentReference: "P-1"), by: actor
                ).status == .paid)
        case .readSettlement:
            #expect(try await world.settlements.get(try #require(batch), viewer: actor).id == batch)
        }
    }
}
