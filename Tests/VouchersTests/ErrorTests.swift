import Foundation
import GRDB
import Identity
import Kernel
import Store
import Testing
@testable import Vouchers

/// A Huangshi policy (¥10M budget, ¥200k cap, ¥1,000 units), Wuhan's listed testing lab and a
/// Huangshi enterprise holding one voucher.
struct ErrorFixture {
    static let validUntil = Date(timeIntervalSince1970: 1_806_422_400)  // 2027-03-31

    let world: VouchersWorld
    let city: Actor
    let enterprise: Actor
    let lab: Int64
    let voucher: Voucher

    static func make(face: Int64 = 10_000_000, policy: NewVoucherPolicy? = nil) async throws -> ErrorFixture {
        let world = try VouchersWorld()
        let city = try await world.cityAdmin(.huangshi)
        if let policy {
            _ = try await world.policies.create(policy, by: city)
        } else {
            try await world.policy(.huangshi)
        }
        let lab = try await world.listedProvider(.wuhan, 1)
        let enterprise = try await world.enterprise(.huangshi)
        let voucher = try await world.voucher(enterprise, amount: face)
        return ErrorFixture(world: world, city: city, enterprise: enterprise, lab: lab, voucher: voucher)
    }

    static func policy(
        year: Int = 2026, budget: Int64 = 1_000_000_000, unit: Int64 = 100_000, cap: Int64 = 20_000_000,
        categories: [VoucherPolicy.CategoryRule] = [
            .init(category: .rd, ratioPermille: 500), .init(category: .testing, ratioPermille: 500),
        ],
        eligibility: VoucherPolicy.Eligibility? = nil, validUntil: Date = validUntil, modes: [RedemptionMode]? = nil,
        providerCities: [CityCode]? = nil, holdHours: Int? = nil
    ) -> NewVoucherPolicy {
        NewVoucherPolicy(
            year: year, budgetFen: budget, unitFen: unit, yearlyCapFen: cap, categories: categories,
            eligibility: eligibility,
            validUntil: validUntil, modes: modes, providerCities: providerCities, holdHours: holdHours
        )
    }

    func open(
        _ contract: String = "C-1", category: ServiceCategory = .testing, fen: Int64 = 2_000_000,
        provider: Int64? = nil,
        mode: RedemptionMode? = nil, invoice: String? = nil, voucher: Int64? = nil
    ) async throws -> Redemption {
        try await world.redemptions.open(
            NewRedemption(
                voucherId: voucher ?? self.voucher.id, providerOrganizationId: provider ?? lab,
                contractNumber: contract, category: category,
                contractFen: fen, mode: mode, invoiceNumber: invoice
            ),
            by: enterprise
        )
    }

    func step(
        _ id: Int64, _ step: RedemptionStep.Kind, reason: String? = nil, invoice: String? = nil, by actor: Actor
    ) async throws -> Redemption {
        try await world.redemptions.step(
            id, RedemptionStep(step: step, invoiceNumber: invoice, reason: reason), by: actor)
    }

    var labActor: Actor { world.actor(.orgAdmin, lab, .wuhan) }

    func providerEntry(_ organization: Int64) async throws -> Provider {
        try #require(try await world.database.read { db in try ProviderService.find(db, organization: organization) })
    }
}

/// Every refusal with its precise code, and the database exactly as before each one
/// (`VouchersWorld.refused` compares row counts and states of the ledger, audit log,
/// idempotency keys and every voucher table).
struct ErrorTests {
    @Test func amountsMustBePositive() async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        for amount: Int64 in [0, -100_000] {
            let applied = try await world.refused("amount_must_be_positive", .invalid) {
                try await world.vouchers.apply(NewVoucherApplication(amountFen: amount), by: f.enterprise)
            }
            #expect(applied?.field == "amountFen")
            let opened = try await world.refused("amount_must_be_positive", .invalid) { try await f.open(fen: amount) }
            #expect(opened?.field == "contractFen")
        }
        let wuhan = try await world.cityAdmin(.wuhan)
        for (input, field) in [
            (ErrorFixture.policy(budget: 0), "budgetFen"), (ErrorFixture.policy(unit: 0), "unitFen"),
            (ErrorFixture.policy(cap: 0), "yearlyCapFen"),
        ] {
            let refused = try await world.refused("amount_must_be_positive", .invalid) {
                try await world.policies.create(input, by: wuhan)
            }
            #expect(refused?.field == field)
        }
        let application = try await world.vouchers.apply(NewVoucherApplication(amountFen: 1_000_000), by: f.enterprise)
        try await world.refused("amount_must_be_positive", .invalid) {
            try await world.vouchers.decide(application.id, VoucherDecision(approve: true, amountFen: 0), by: f.city)
        }
    }

    /// Absurd amounts are refused by rule, never by an arithmetic overflow (which would crash the server).
    @Test func hugeAmountsAreRefusedWithoutOverflow() async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let refused = try await world.refused("amount_too_large", .invalid) { try await f.open(fen: .max) }
        #expect(refused?.field == "contractFen")
        let hugeUnits = Int64.max - Int64.max % VouchersWorld.unit
        try await world.refused("exceeds_yearly_cap", .conflict) {
            try await world.vouchers.apply(NewVoucherApplication(amountFen: hugeUnits), by: f.enterprise)
        }
        try await world.refused("amount_not_unit_multiple", .invalid) {
            try await world.vouchers.apply(NewVoucherApplication(amountFen: .max), by: f.enterprise)
        }
        // The largest contract accepted still works: its voucher part is capped by the balance.
        let largest = try await f.open(fen: RedemptionService.contractCeilingFen)
        #expect(largest.voucherFen == f.voucher.faceFen)
        try await world.expectClean()
    }

    @Test func amountsMustBeWholeUnits() async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let applied = try await world.refused("amount_not_unit_multiple", .invalid) {
            try await world.vouchers.apply(NewVoucherApplication(amountFen: 150_000), by: f.enterprise)
        }
        #expect(applied?.field == "amountFen")
        let application = try await world.vouchers.apply(NewVoucherApplication(amountFen: 1_000_000), by: f.enterprise)
        try await world.refused("amount_not_unit_multiple", .invalid) {
            try await world.vouchers.decide(
                application.id, VoucherDecision(approve: true, amountFen: 150_000), by: f.city)
        }
        try await world.refused("amount_above_requested", .invalid) {
            try await world.vouchers.decide(
                application.id, VoucherDecision(approve: true, amountFen: 1_100_000), by: f.city)
        }
        let policy = try await world.refused("amount_not_unit_multiple", .invalid) {
            try await world.policies.create(ErrorFixture.policy(cap: 150_000), by: try await world.cityAdmin(.wuhan))
        }
        #expect(policy?.field == "yearlyCapFen")
        // A lower, whole amount is fine.
        let lower = try await world.vouchers.decide(
            application.id, VoucherDecision(approve: true, amountFen: 500_000), by: f.city)
        #expect(lower.status == .approved)
        #expect(
            try await world.vouchers.voucher(try #require(lower.voucherId), viewer: f.enterprise).faceFen == 500_000)
    }

    @Test func expiredVoucherTakesNoRedemption() async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        world.clock.set(ErrorFixture.validUntil)
        try await world.refused("voucher_expired", .conflict) { try await f.open() }
        #expect(try await world.vouchers.expireDue() == 1)
        try await world.refused("voucher_expired", .conflict) { try await f.open() }
        try await world.refused("voucher_not_found", .notFound) { try await f.open(voucher: 999_999) }
    }

    enum ProviderState: String, CaseIterable, Sendable {
        case notRegistered, applied, inNotice, objected, rejected, suspended, delisted
    }

    /// A provider takes new redemptions only when listed.
    @Test(arguments: ProviderState.allCases)
    func providerNotListed(_ state: ProviderState) async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let wuhan = try await world.cityAdmin(.wuhan)
        let candidate = try await world.providerActor(.wuhan, 2)
        func applied() async throws -> Provider {
            try await world.providers.apply(NewProvider(categories: [.testing]), by: candidate)
        }
        switch state {
        case .notRegistered:
            break
        case .applied:
            _ = try await applied()
        case .inNotice:
            _ = try await world.providers.act(try await applied().id, ProviderAction(action: .approve), by: wuhan)
        case .objected:
            let entry = try await world.providers.act(
                try await applied().id, ProviderAction(action: .approve), by: wuhan)
            _ = try await world.providers.object(entry.id, NewObjection(reason: "资质证书已过期"), by: f.enterprise)
            world.clock.advance(by: 8 * VouchersWorld.day)
        case .rejected:
            _ = try await world.providers.act(
                try await applied().id, ProviderAction(action: .reject, reason: "资质不全"), by: wuhan)
        case .suspended, .delisted:
            let entry = try await world.providers.act(
                try await applied().id, ProviderAction(action: .approve), by: wuhan)
            world.clock.advance(by: 7 * VouchersWorld.day)
            let action: ProviderAction.Kind = state == .suspended ? .suspend : .delist
            _ = try await world.providers.act(entry.id, ProviderAction(action: action, reason: "信用记录异常"), by: wuhan)
        }
        let refused = try await world.refused("provider_not_listed", .conflict) {
            try await f.open(provider: candidate.organizationID!)
        }
        #expect(refused != nil)
    }

    /// A suspended or delisted provider takes no new redemption; its open ones can still be
    /// completed or cancelled.
    @Test(arguments: [ProviderAction.Kind.suspend, .delist])
    func openRedemptionsOutliveSuspension(_ action: ProviderAction.Kind) async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let first = try await f.open("C-1")
        let second = try await f.open("C-2")
        let entry = try await f.providerEntry(f.lab)
        _ = try await world.providers.act(
            entry.id, ProviderAction(action: action, reason: "被投诉，调查中"), by: try await world.cityAdmin(.wuhan))
        try await world.refused("provider_not_listed", .conflict) { try await f.open("C-3") }
        _ = try await f.step(first.id, .confirm, invoice: "INV-1", by: f.labActor)
        #expect(try await f.step(first.id, .accept, by: f.enterprise).status == .captured)
        #expect(try await f.step(second.id, .cancel, reason: "机构被暂停", by: f.labActor).status == .cancelled)
        #expect(try await world.balance("payable:HS:2026:\(f.lab)") == 1_000_000)
        try await world.expectClean()
    }

    @Test func categoryRules() async throws {
        // The policy covers R&D and testing only; Xianning is not among its provider cities.
        let f = try await ErrorFixture.make(policy: ErrorFixture.policy(providerCities: [.huangshi, .wuhan]))
        let world = f.world
        let notCovered = try await world.refused("category_not_covered", .invalid) {
            try await f.open(category: .instrumentSharing)
        }
        #expect(notCovered?.field == "category")
        let testingOnly = try await world.listedProvider(.wuhan, 2, categories: [.testing])
        let notRegistered = try await world.refused("provider_category_not_registered", .invalid) {
            try await f.open(category: .rd, provider: testingOnly)
        }
        #expect(notRegistered?.field == "category")
        let xianning = try await world.listedProvider(.xianning)
        try await world.refused("provider_city_not_accepted", .conflict) { try await f.open(provider: xianning) }
        let huangshi = try await world.listedProvider(.huangshi)
        #expect(try await f.open(provider: huangshi).status == .held)
    }

    @Test func modeAndInvoiceRules() async throws {
        let f = try await ErrorFixture.make(policy: ErrorFixture.policy(modes: [.tongyong]))
        let world = f.world
        let mode = try await world.refused("mode_not_allowed", .invalid) { try await f.open() }
        #expect(mode?.field == "mode")
        let invoice = try await world.refused("invoice_required", .invalid) { try await f.open(mode: .tongyong) }
        #expect(invoice?.field == "invoiceNumber")
        #expect(try await f.open(mode: .tongyong, invoice: "INV-1").status == .claimed)
    }

    @Test func exceedsAvailableBalance() async throws {
        let f = try await ErrorFixture.make(face: 1_000_000)
        let world = f.world
        // 50 % of ¥1,000 is ¥500: less than one unit.
        try await world.refused("contract_below_unit", .invalid) { try await f.open(fen: 100_000) }
        let all = try await f.open("C-1", fen: 4_000_000)
        #expect(all.voucherFen == 1_000_000)
        let refused = try await world.refused("exceeds_available_balance", .conflict) { try await f.open("C-2") }
        #expect(refused?.details["availableFen"] == .int(0))
    }

    @Test func exceedsYearlyCap() async throws {
        let f = try await ErrorFixture.make(face: 15_000_000)  // cap ¥200,000: ¥50,000 left
        let world = f.world
        let refused = try await world.refused("exceeds_yearly_cap", .conflict) {
            try await world.vouchers.apply(NewVoucherApplication(amountFen: 6_000_000), by: f.enterprise)
        }
        #expect(refused?.details == ["capFen": .int(20_000_000), "usedFen": .int(15_000_000)])
        // Two applications that fit alone but not together: the second approval is refused.
        let first = try await world.vouchers.apply(NewVoucherApplication(amountFen: 3_000_000), by: f.enterprise)
        let second = try await world.vouchers.apply(NewVoucherApplication(amountFen: 3_000_000), by: f.enterprise)
        _ = try await world.vouchers.decide(first.id, VoucherDecision(approve: true), by: f.city)
        try await world.refused("exceeds_yearly_cap", .conflict) {
            try await world.vouchers.decide(second.id, VoucherDecision(approve: true), by: f.city)
        }
        // Refused at application too, now that ¥180,000 is issued.
        try await world.refused("exceeds_yearly_cap", .conflict) {
            try await world.vouchers.apply(NewVoucherApplication(amountFen: 3_000_000), by: f.enterprise)
        }
    }

    @Test func budgetExhausted() async throws {
        let world = try VouchersWorld()
        try await world.policy(.huangshi, budget: 20_000_000, cap: 20_000_000)
        let city = try await world.cityAdmin(.huangshi)
        _ = try await world.voucher(try await world.enterprise(.huangshi, 0), amount: 15_000_000)
        let application = try await world.vouchers.apply(
            NewVoucherApplication(amountFen: 10_000_000), by: try await world.enterprise(.huangshi, 1))
        try await world.refused("budget_exhausted", .conflict) {
            try await world.vouchers.decide(application.id, VoucherDecision(approve: true), by: city)
        }
        // What is left can still be approved.
        let lower = try await world.vouchers.decide(
            application.id, VoucherDecision(approve: true, amountFen: 5_000_000), by: city)
        #expect(lower.status == .approved)
        #expect(try await world.balance("unallocated:HS:2026") == 0)
        try await world.expectClean()
    }

    /// Deciding belongs to the application's city: another city's admin gets `wrong_city`,
    /// the enterprise itself `forbidden`, anyone else `voucher_application_not_found`.
    @Test func decidingBelongsToTheCity() async throws {
        let world = try VouchersWorld()
        try await world.policy(.huangshi)
        let enterprise = try await world.enterprise(.huangshi)
        let application = try await world.vouchers.apply(NewVoucherApplication(amountFen: 1_000_000), by: enterprise)
        let approve = VoucherDecision(approve: true)
        try await world.refused("wrong_city", .forbidden) {
            try await world.vouchers.decide(application.id, approve, by: try await world.cityAdmin(.wuhan))
        }
        try await world.refused("forbidden", .forbidden) {
            try await world.vouchers.decide(application.id, approve, by: enterprise)
        }
        try await world.refused("voucher_application_not_found", .notFound) {
            try await world.vouchers.decide(application.id, approve, by: try await world.enterprise(.huangshi, 1))
        }
        try await world.refused("voucher_application_not_found", .notFound) {
            try await world.vouchers.decide(999_999, approve, by: try await world.cityAdmin(.huangshi))
        }
        #expect(
            try await world.vouchers.decide(application.id, approve, by: try await world.cityAdmin(.huangshi)).status
                == .approved)
    }

    /// Tech-SME or high-tech policies: only high-tech enterprises with revenue up to ¥100M.
    @Test func eligibility() async throws {
        let world = try VouchersWorld()
        let rule = VoucherPolicy.Eligibility(anyOf: [.highTech], maxRevenueBand: .from20mTo100m)
        _ = try await world.policies.create(
            ErrorFixture.policy(eligibility: rule), by: try await world.cityAdmin(.huangshi))
        var eligible = 0
        for organization in try await world.organizations(.enterprise, .huangshi) {
            let attributes = try await world.organization(organization).attributes
            let bands = RevenueBand.allCases
            let expected = attributes.highTech && attributes.revenueBand.map { bands.firstIndex(of: $0)! <= 1 } == true
            let enterprise = world.actor(.orgAdmin, organization, .huangshi)
            if expected {
                eligible += 1
                #expect(
                    try await world.vouchers.apply(NewVoucherApplication(amountFen: 1_000_000), by: enterprise).status
                        == .pending)
            } else {
                let refused = try await world.refused("not_eligible", .forbidden) {
                    try await world.vouchers.apply(NewVoucherApplication(amountFen: 1_000_000), by: enterprise)
                }
                #expect(refused?.details["maxRevenueBand"] == .string("20m_to_100m"))
            }
        }
        #expect(eligible >= 1 && eligible < 6, "the seeds give both outcomes")
    }

    @Test func applicationRules() async throws {
        let world = try VouchersWorld()
        try await world.policy(.huangshi)
        try await world.refused("no_policy", .conflict) {
            try await world.vouchers.apply(
                NewVoucherApplication(amountFen: 1_000_000), by: try await world.enterprise(.xianning))
        }
        try await world.refused("organization_kind_not_allowed", .forbidden) {
            try await world.vouchers.apply(
                NewVoucherApplication(amountFen: 1_000_000), by: try await world.providerActor(.huangshi))
        }
        try await world.refused("organization_kind_not_allowed", .forbidden) {
            try await world.providers.apply(
                NewProvider(categories: [.testing]), by: try await world.enterprise(.huangshi))
        }
        let application = try await world.vouchers.apply(
            NewVoucherApplication(amountFen: 1_000_000), by: try await world.enterprise(.huangshi))
        let rejected = try await world.vouchers.decide(
            application.id, VoucherDecision(approve: false, reason: "材料不全"), by: try await world.cityAdmin(.huangshi))
        #expect(rejected.status == .rejected && rejected.reason == "材料不全" && rejected.voucherId == nil)
        // A day after the policy's end (2027-03-31) its year is closed to new applications.
        world.clock.set(ErrorFixture.validUntil.addingTimeInterval(VouchersWorld.day))
        try await world.refused("policy_closed", .conflict) {
            try await world.vouchers.apply(
                NewVoucherApplication(amountFen: 1_000_000, year: 2026), by: try await world.enterprise(.huangshi))
        }
    }

    @Test func policyVersions() async throws {
        let world = try VouchersWorld()
        let city = try await world.cityAdmin(.huangshi)
        let first = try await world.policy(.huangshi)
        try await world.refused("policy_exists", .conflict) { try await world.policy(.huangshi) }
        _ = try await world.voucher(try await world.enterprise(.huangshi), amount: 15_000_000)
        let below = try await world.refused("budget_below_issued", .conflict) {
            try await world.policies.amend(first.id, ErrorFixture.policy(budget: 10_000_000, cap: 10_000_000), by: city)
        }
        #expect(below?.details["unallocatedFen"] == .int(1_000_000_000 - 15_000_000))
        try await world.refused("year_fixed", .invalid) {
            try await world.policies.amend(first.id, ErrorFixture.policy(year: 2027), by: city)
        }
        try await world.refused("forbidden", .forbidden) {
            try await world.policies.amend(
                first.id, ErrorFixture.policy(budget: 2_000_000_000), by: try await world.cityAdmin(.wuhan))
        }
        try await world.refused("voucher_policy_not_found", .notFound) {
            try await world.policies.amend(999_999, ErrorFixture.policy(), by: city)
        }

        let second = try await world.policies.amend(first.id, ErrorFixture.policy(budget: 2_000_000_000), by: city)
        #expect(second.version == 2 && second.current)
        #expect(try await world.policies.get(first.id).current == false)
        try await world.refused("policy_superseded", .conflict) {
            try await world.policies.amend(first.id, ErrorFixture.policy(), by: city)
        }
        // Down to exactly what is issued: allowed, and the budget is then exhausted.
        let third = try await world.policies.amend(
            second.id, ErrorFixture.policy(budget: 15_000_000, cap: 15_000_000), by: city)
        #expect(third.version == 3)
        #expect(try await world.balance("unallocated:HS:2026") == 0)
        #expect(try await world.balance("treasury:HS:2026") == -15_000_000)
        let versions = try await world.policies.list(city: .huangshi, year: 2026, includeSuperseded: true)
        #expect(versions.map(\.version) == [3, 2, 1])
        // Only the newest version is current, in the list as in `get`.
        #expect(versions.map(\.current) == [true, false, false])
        try await world.expectClean()
    }

    struct PolicyCase: Sendable, CustomTestStringConvertible {
        var code: String
        var field: String
        var input: NewVoucherPolicy
        var testDescription: String { "\(code) (\(field))" }
    }

    static let invalidPolicies: [PolicyCase] = [
        PolicyCase(code: "year_out_of_range", field: "year", input: ErrorFixture.policy(year: 2024)),
        PolicyCase(code: "budget_too_large", field: "budgetFen", input: ErrorFixture.policy(budget: 100_000_000_001)),
        PolicyCase(
            code: "cap_exceeds_budget", field: "yearlyCapFen",
            input: ErrorFixture.policy(budget: 10_000_000, cap: 20_000_000)),
        PolicyCase(code: "categories_invalid", field: "categories", input: ErrorFixture.policy(categories: [])),
        PolicyCase(
            code: "categories_invalid", field: "categories",
            input: ErrorFixture.policy(categories: [
                .init(category: .rd, ratioPermille: 500), .init(category: .rd, ratioPermille: 600),
            ])
        ),
        PolicyCase(
            code: "ratio_out_of_range", field: "categories",
            input: ErrorFixture.policy(categories: [.init(category: .rd, ratioPermille: 0)])),
        PolicyCase(
            code: "ratio_out_of_range", field: "categories",
            input: ErrorFixture.policy(categories: [.init(category: .rd, ratioPermille: 1_001)])),
        PolicyCase(
            code: "valid_until_in_past", field: "validUntil",
            input: ErrorFixture.policy(validUntil: VouchersWorld.start)),
        PolicyCase(code: "modes_invalid", field: "modes", input: ErrorFixture.policy(modes: [])),
        PolicyCase(code: "modes_invalid", field: "modes", input: ErrorFixture.policy(modes: [.tongdui, .tongdui])),
        PolicyCase(
            code: "provider_cities_invalid", field: "providerCities", input: ErrorFixture.policy(providerCities: [])),
        PolicyCase(code: "hold_hours_out_of_range", field: "holdHours", input: ErrorFixture.policy(holdHours: 0)),
        PolicyCase(
            code: "hold_hours_out_of_range", field: "holdHours", input: ErrorFixture.policy(holdHours: 24 * 90 + 1)),
    ]

    @Test(arguments: invalidPolicies)
    func invalidPolicy(_ policy: PolicyCase) async throws {
        let world = try VouchersWorld()
        let refused = try await world.refused(policy.code, .invalid) {
            try await world.policies.create(policy.input, by: try await world.cityAdmin(.ezhou))
        }
        #expect(refused?.field == policy.field)
    }

    /// Wrong transitions are 409 conflicts naming the state and the states the step needs.
    @Test func wrongStateTransitions() async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let redemption = try await f.open()
        _ = try await f.step(redemption.id, .confirm, invoice: "INV-1", by: f.labActor)
        let again = try await world.refused("redemption_wrong_state", .conflict) {
            try await f.step(redemption.id, .confirm, invoice: "INV-2", by: f.labActor)
        }
        #expect(again?.details == ["state": .string("delivered"), "allowedFrom": .array([.string("held")])])
        _ = try await f.step(redemption.id, .accept, by: f.enterprise)
        let dispute = try await world.refused("redemption_wrong_state", .conflict) {
            try await f.step(redemption.id, .dispute, reason: "晚了", by: f.enterprise)
        }
        #expect(dispute?.details == ["state": .string("captured"), "allowedFrom": .array([.string("delivered")])])
        let cancel = try await world.refused("redemption_wrong_state", .conflict) {
            try await f.step(redemption.id, .cancel, by: f.enterprise)
        }
        // The enterprise cancels only before delivery (or its own 通用 claim).
        #expect(cancel?.details["allowedFrom"] == .array(["held", "claimed"].map { .string($0) }))
        let claim = try await world.refused("redemption_wrong_state", .conflict) {
            try await f.step(redemption.id, .approveClaim, by: f.city)
        }
        #expect(claim?.details["allowedFrom"] == .array([.string("claimed")]))

        let application = try await world.vouchers.apply(NewVoucherApplication(amountFen: 1_000_000), by: f.enterprise)
        _ = try await world.vouchers.decide(application.id, VoucherDecision(approve: true), by: f.city)
        let decided = try await world.refused("application_wrong_state", .conflict) {
            try await world.vouchers.decide(application.id, VoucherDecision(approve: false, reason: "重复"), by: f.city)
        }
        #expect(decided?.details == ["state": .string("approved"), "allowedFrom": .array([.string("pending")])])

        let entry = try await f.providerEntry(f.lab)
        let wuhan = try await world.cityAdmin(.wuhan)
        let approve = try await world.refused("provider_wrong_state", .conflict) {
            try await world.providers.act(entry.id, ProviderAction(action: .approve), by: wuhan)
        }
        #expect(approve?.details == ["state": .string("listed"), "allowedFrom": .array([.string("applied")])])
        let reinstate = try await world.refused("provider_wrong_state", .conflict) {
            try await world.providers.act(entry.id, ProviderAction(action: .reinstate), by: wuhan)
        }
        #expect(reinstate?.details["allowedFrom"] == .array([.string("suspended")]))
    }

    /// Enterprise and provider share a phone or an email: the redemption is held, but capture
    /// waits for the issuing city's approval.
    @Test(arguments: ["phone", "email"])
    func relatedPartiesWaitForTheCity(_ shared: String) async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let lab = try await world.organization(f.lab)
        try await world.setContact(
            f.enterprise.organizationID!, phone: shared == "phone" ? lab.contact.phone : "0714-0000000",
            email: shared == "email" ? lab.contact.email : "someone@else.example"
        )
        let redemption = try await f.open()
        #expect(redemption.status == .held && redemption.review == .pending && redemption.flags == ["related_parties"])
        #expect(try await world.balance("held:\(f.voucher.id)") == 1_000_000)
        _ = try await f.step(redemption.id, .confirm, invoice: "INV-1", by: f.labActor)
        // The enterprise's acceptance is kept; capture waits for the city.
        let waiting = try await f.step(redemption.id, .accept, by: f.enterprise)
        #expect(waiting.status == .delivered && waiting.review == .pending && waiting.acceptedAt != nil)
        #expect(try await world.balance("held:\(f.voucher.id)") == 1_000_000)
        // Only the issuing city reviews: not the provider's city (which can read it), not the parties.
        try await world.refused("forbidden", .forbidden) {
            try await f.step(redemption.id, .approveReview, by: try await world.cityAdmin(.wuhan))
        }
        try await world.refused("forbidden", .forbidden) {
            try await f.step(redemption.id, .approveReview, by: f.enterprise)
        }
        try await world.refused("redemption_not_found", .notFound) {
            try await f.step(redemption.id, .approveReview, by: try await world.cityAdmin(.xianning))
        }
        let anomalies = try await world.redemptions.list(
            viewer: f.city, status: nil, flaggedOnly: true, page: PageRequest())
        #expect(anomalies.items.map(\.id) == [redemption.id])
        let approved = try await f.step(redemption.id, .approveReview, by: f.city)
        #expect(approved.review == .approved && approved.status == .captured)
        try await world.refused("no_review_pending", .conflict) {
            try await f.step(redemption.id, .approveReview, by: f.city)
        }
        try await world.expectClean()
    }

    @Test func rejectedReviewReleasesTheHold() async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let lab = try await world.organization(f.lab)
        try await world.setContact(f.enterprise.organizationID!, phone: lab.contact.phone, email: nil)
        let redemption = try await f.open()
        try await world.refused("reason_required", .invalid) {
            try await f.step(redemption.id, .rejectReview, by: f.city)
        }
        let rejected = try await f.step(redemption.id, .rejectReview, reason: "关联交易", by: f.city)
        #expect(rejected.status == .rejected && rejected.review == .rejected)
        #expect(
            try await world.vouchers.voucher(f.voucher.id, viewer: f.enterprise).balances.availableFen
                == f.voucher.faceFen)
        try await world.expectClean()
    }

    @Test func flaggedClaimNeedsReviewBeforeApproval() async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let lab = try await world.organization(f.lab)
        try await world.setContact(f.enterprise.organizationID!, phone: nil, email: lab.contact.email)
        let claim = try await f.open(mode: .tongyong, invoice: "INV-1")
        #expect(claim.status == .claimed && claim.review == .pending)
        try await world.refused("review_pending", .conflict) { try await f.step(claim.id, .approveClaim, by: f.city) }
        _ = try await f.step(claim.id, .approveReview, by: f.city)
        #expect(try await f.step(claim.id, .approveClaim, by: f.city).status == .captured)
        try await world.expectClean()
    }

    /// The third redemption of an enterprise, all with one provider, is over the 60 % share.
    @Test func providerConcentration() async throws {
        let f = try await ErrorFixture.make()
        let first = try await f.open("C-1")
        let second = try await f.open("C-2")
        let third = try await f.open("C-3")
        #expect(first.flags.isEmpty && second.flags.isEmpty)
        #expect(third.flags == ["provider_concentration"] && third.review == .pending)
        // Cancelled ones count too: cancelling does not hide where the money was meant to go.
        _ = try await f.step(third.id, .cancel, by: f.enterprise)
        _ = try await f.step(second.id, .cancel, by: f.enterprise)
        #expect(try await f.open("C-4").flags == ["provider_concentration"])
    }

    /// Contracts just under ¥100,000 (within 5 %) the third time in a row.
    @Test func thresholdSplitting() async throws {
        let f = try await ErrorFixture.make(face: 20_000_000)
        let world = f.world
        let providers = [f.lab, try await world.listedProvider(.xianning), try await world.listedProvider(.huangshi)]
        var flags: [[String]] = []
        for (index, provider) in providers.enumerated() {
            flags.append(try await f.open("C-\(index)", fen: 9_600_000, provider: provider).flags)
        }
        #expect(flags == [[], [], ["threshold_splitting"]])
        // Not near a threshold, and the pair's contracts together stay under it: no flag.
        #expect(try await f.open("C-9", fen: 300_000, provider: providers[1]).flags.isEmpty)
    }

    @Test func reasonsAreRequired() async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let redemption = try await f.open("C-1")
        _ = try await f.step(redemption.id, .confirm, invoice: "INV-1", by: f.labActor)
        for reason in [nil, "   "] {
            let refused = try await world.refused("reason_required", .invalid) {
                try await f.step(redemption.id, .dispute, reason: reason, by: f.enterprise)
            }
            #expect(refused?.field == "reason")
        }
        _ = try await f.step(redemption.id, .accept, by: f.enterprise)
        try await world.refused("reason_required", .invalid) { try await f.step(redemption.id, .reverse, by: f.city) }
        let claim = try await f.open("C-2", mode: .tongyong, invoice: "INV-2")
        try await world.refused("reason_required", .invalid) { try await f.step(claim.id, .rejectClaim, by: f.city) }
        let application = try await world.vouchers.apply(NewVoucherApplication(amountFen: 1_000_000), by: f.enterprise)
        try await world.refused("reason_required", .invalid) {
            try await world.vouchers.decide(application.id, VoucherDecision(approve: false), by: f.city)
        }

        let wuhan = try await world.cityAdmin(.wuhan)
        let entry = try await f.providerEntry(f.lab)
        for action in [ProviderAction.Kind.suspend, .delist] {
            try await world.refused("reason_required", .invalid) {
                try await world.providers.act(entry.id, ProviderAction(action: action), by: wuhan)
            }
        }
        let candidate = try await world.providers.apply(
            NewProvider(categories: [.testing]), by: try await world.providerActor(.wuhan, 2))
        try await world.refused("reason_required", .invalid) {
            try await world.providers.act(candidate.id, ProviderAction(action: .reject), by: wuhan)
        }
        _ = try await world.providers.act(candidate.id, ProviderAction(action: .approve), by: wuhan)
        _ = try await world.providers.object(candidate.id, NewObjection(reason: "虚假宣传"), by: f.enterprise)
        world.clock.advance(by: 8 * VouchersWorld.day)
        try await world.refused("reason_required", .invalid) {
            try await world.providers.act(candidate.id, ProviderAction(action: .overrule), by: wuhan)
        }
    }

    @Test func settlementRules() async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let redemption = try await f.open()
        _ = try await f.step(redemption.id, .confirm, invoice: "INV-1", by: f.labActor)
        _ = try await f.step(redemption.id, .accept, by: f.enterprise)
        for period in ["2026-13", "2026-00", "2026-1", "26-11", "2026/11", "", "2026-11-01", "abcd-ef"] {
            let refused = try await world.refused("period_invalid", .invalid) {
                try await world.settlements.approve(NewSettlement(period: period), by: f.city)
            }
            #expect(refused?.field == "period")
            try await world.refused("period_invalid", .invalid) {
                try await world.settlements.report(period: period, viewer: f.city)
            }
        }
        try await world.refused("period_not_ended", .conflict) {
            try await world.settlements.approve(NewSettlement(period: "2026-11"), by: f.city)
        }
        try await world.refused("nothing_to_settle", .conflict) {
            try await world.settlements.approve(NewSettlement(period: "2026-10"), by: f.city)
        }
        world.clock.advance(by: 20 * VouchersWorld.day)
        try await world.refused("forbidden", .forbidden) {
            try await world.settlements.approve(NewSettlement(period: "2026-11"), by: f.enterprise)
        }
        try await world.refused("nothing_to_settle", .conflict) {
            try await world.settlements.approve(NewSettlement(period: "2026-11"), by: try await world.cityAdmin(.wuhan))
        }
        let batch = try await world.settlements.approve(NewSettlement(period: "2026-11"), by: f.city)
        try await world.refused("settlement_exists", .conflict) {
            try await world.settlements.approve(NewSettlement(period: "2026-11"), by: f.city)
        }
        try await world.refused("settlement_pending", .conflict) {
            try await f.step(redemption.id, .reverse, reason: "退款", by: f.city)
        }
        let payer = try await world.secondCityAdmin(.huangshi)
        try await world.refused("same_person", .forbidden) {
            try await world.settlements.pay(batch.id, SettlementPayment(paymentReference: "HS-1"), by: f.city)
        }
        try await world.refused("required", .invalid) {
            try await world.settlements.pay(batch.id, SettlementPayment(paymentReference: " "), by: payer)
        }
        try await world.refused("settlement_not_found", .notFound) {
            try await world.settlements.pay(999_999, SettlementPayment(paymentReference: "x"), by: payer)
        }
        _ = try await world.settlements.pay(batch.id, SettlementPayment(paymentReference: "HS-1"), by: payer)
        let again = try await world.refused("settlement_wrong_state", .conflict) {
            try await world.settlements.pay(batch.id, SettlementPayment(paymentReference: "HS-2"), by: payer)
        }
        #expect(again?.details == ["state": .string("paid"), "allowedFrom": .array([.string("approved")])])
        try await world.expectClean()
    }
}
