import Foundation
import GRDB
import Identity
import Kernel
@_spi(Testing) import Store
import Testing
@testable import Vouchers

/// The fraud rules at their edges: thresholds just under, at and just over; the look-back
/// windows; a shared address. And the ledger's last-line refusals, which no business rule may
/// let through.
struct FraudRuleEdgeTests {
    /// "Just under" a threshold is within 5 % below it; the threshold itself and above are not.
    @Test(
        arguments: [
            (9_499_999, false), (9_500_000, true), (9_999_999, true), (10_000_000, false), (10_000_001, false),
            (47_500_000, true), (50_000_000, false), (99_999_999, true), (100_000_000, false),
        ] as [(Int64, Bool)])
    func nearAThreshold(_ fen: Int64, _ near: Bool) {
        #expect(FraudRules().isNearThreshold(fen) == near, "\(fen)")
    }

    /// A pair's contracts adding up to a threshold are flagged when the sum reaches it, not
    /// before; a contract alone at the threshold is not a split.
    @Test(arguments: [(4_999_999, false), (5_000_000, true), (5_000_001, true)] as [(Int64, Bool)])
    func pairSumAcrossAThreshold(_ second: Int64, _ flagged: Bool) async throws {
        let world = try VouchersWorld()
        var rules = FraudRules()
        rules.thresholdsFen = [10_000_000]
        rules.minimumForShare = 1_000
        try await policy(world, rules)
        let lab = try await world.listedProvider(.wuhan, 1)
        let enterprise = try await world.enterprise(.huangshi)
        let voucher = try await world.voucher(enterprise, amount: 20_000_000)
        #expect(
            try await world.held(voucher, by: enterprise, provider: lab, contract: "A", contractFen: 5_000_000).flags
                .isEmpty)
        let second = try await world.held(voucher, by: enterprise, provider: lab, contract: "B", contractFen: second)
        #expect(second.flags == (flagged ? ["threshold_splitting"] : []))
        try await world.expectClean()
    }

    /// Contracts older than the splitting window no longer add up.
    @Test func theSplittingWindowEnds() async throws {
        let world = try VouchersWorld()
        var rules = FraudRules()
        rules.thresholdsFen = [10_000_000]
        rules.minimumForShare = 1_000
        rules.splittingWindowDays = 30
        try await policy(world, rules)
        let lab = try await world.listedProvider(.wuhan, 1)
        let enterprise = try await world.enterprise(.huangshi)
        let voucher = try await world.voucher(enterprise, amount: 20_000_000)
        _ = try await world.held(voucher, by: enterprise, provider: lab, contract: "A", contractFen: 6_000_000)
        world.clock.advance(by: 29 * VouchersWorld.day)
        #expect(
            try await world.held(voucher, by: enterprise, provider: lab, contract: "B", contractFen: 4_000_000).flags
                == ["threshold_splitting"])
        world.clock.advance(by: 31 * VouchersWorld.day)
        #expect(
            try await world.held(voucher, by: enterprise, provider: lab, contract: "C", contractFen: 4_000_000).flags
                .isEmpty)
    }

    /// Concentration looks back `concentrationWindowDays`: older redemptions do not count.
    @Test func theConcentrationWindowEnds() async throws {
        let world = try VouchersWorld()
        var rules = FraudRules()
        rules.minimumForShare = 2
        rules.concentrationWindowDays = 10
        try await policy(world, rules)
        let lab = try await world.listedProvider(.wuhan, 1)
        let enterprise = try await world.enterprise(.huangshi)
        let voucher = try await world.voucher(enterprise, amount: 20_000_000)
        _ = try await world.held(voucher, by: enterprise, provider: lab, contract: "A")
        world.clock.advance(by: 11 * VouchersWorld.day)
        #expect(try await world.held(voucher, by: enterprise, provider: lab, contract: "B").flags.isEmpty)
        #expect(
            try await world.held(voucher, by: enterprise, provider: lab, contract: "C").flags == [
                "provider_concentration"
            ])
    }

    /// The same address written with full-width digits and other spacing is shared.
    @Test func aSharedAddressFlags() async throws {
        let world = try VouchersWorld()
        try await world.policy(.huangshi)
        let lab = try await world.listedProvider(.wuhan, 1)
        let enterprise = try await world.enterprise(.huangshi)
        let voucher = try await world.voucher(enterprise, amount: 10_000_000)
        let organizations = OrganizationService(database: world.database, cacheLifetime: 0)
        _ = try await organizations.update(
            lab, OrganizationPatch(contact: .init(address: "武汉市东湖新技术开发区高新大道 999 号")), by: world.system)
        _ = try await organizations.update(
            enterprise.organizationID!, OrganizationPatch(contact: .init(address: "武汉市东湖新技术开发区高新大道９９９号")),
            by: world.system
        )
        #expect(try await world.held(voucher, by: enterprise, provider: lab).flags == ["related_parties"])
    }

    /// `Ledger.transfer` refuses what no rule may allow, whatever its caller checked.
    @Test func theLedgersLastLineRefusals() async throws {
        let world = try VouchersWorld()
        try await world.policy(.huangshi)
        let voucher = try await world.voucher(try await world.enterprise(.huangshi), amount: 1_000_000)
        let now = world.clock.now()
        let codes = try await world.database.testWriter.write { db -> [String] in
            let available = try Ledger.available(db, voucher: voucher.id, city: .huangshi, year: 2026, now: now)
            let held = try Ledger.held(db, voucher: voucher.id, city: .huangshi, year: 2026, now: now)
            var codes: [String] = []
            for amount in [0, -1, 1_000_001] as [Int64] {
                do {
                    try Ledger.transfer(
                        db, from: available, to: held, amount: amount, kind: .hold, requestID: "t", now: now)
                    codes.append("moved \(amount)")
                } catch let error as DomainError {
                    codes.append(error.code)
                }
            }
            return codes
        }
        #expect(codes == ["amount_must_be_positive", "amount_must_be_positive", "insufficient_balance"])
        #expect(try await world.balance("available:\(voucher.id)") == 1_000_000)
        try await world.expectClean()
    }

    func policy(_ world: VouchersWorld, _ rules: FraudRules) async throws {
        _ = try await world.policies.create(
            NewVoucherPolicy(
                year: 2026, budgetFen: 1_000_000_000, unitFen: VouchersWorld.unit, yearlyCapFen: 20_000_000,
                categories: [.init(category: .testing, ratioPermille: 500)],
                validUntil: Date(timeIntervalSince1970: 1_806_422_400),
                fraudRules: rules
            ),
            by: try await world.cityAdmin(.huangshi)
        )
    }
}
