import Foundation
import GRDB
import Identity
import Kernel
@_spi(Testing) import Store
import Testing
@testable import Vouchers

/// Ledger scenarios as tables: each step is an operation and the exact balances after it —
/// the voucher's available / held / captured / expired, the city's unallocated budget, what is
/// payable to and settled with each payee — and `LedgerCheck` must be clean after every step.
///
/// The cast: a Huangshi enterprise holding one Huangshi voucher, Wuhan's testing lab (通兑) and
/// a Xianning R&D provider (通用 claims are paid to the enterprise). Budget ¥1,000,000, units ¥1,000.
struct LedgerScenarioTests {
    static let budget: Int64 = 100_000_000
    static let hour: TimeInterval = 3_600

    enum Payee: String, Sendable, CaseIterable {
        case lab, rd, enterprise
    }

    indirect enum Op: Sendable, CustomStringConvertible {
        /// Apply and approve a voucher of this face.
        case issue(Int64)
        /// 通兑 with Wuhan's lab: label, category, contract value.
        case open(String, ServiceCategory, Int64)
        /// 通用 claim for work by the Xianning provider.
        case claim(String, ServiceCategory, Int64)
        case confirm(String)
        case accept(String)
        case dispute(String)
        case cancel(String)
        case cancelByProvider(String)
        case approveClaim(String)
        case rejectClaim(String)
        case reverse(String)
        case advance(hours: Double)
        case releaseHolds(expect: Int)
        case expire(expect: Int)
        /// Approve Huangshi's settlement batch for the period.
        case settle(String)
        case pay
        /// The operation must be refused with this code, and change nothing.
        case refused(String, Op)

        var description: String {
            switch self {
            case .issue(let face): "issue \(face)"
            case .open(let label, let category, let fen): "open \(label) \(category.rawValue) \(fen)"
            case .claim(let label, let category, let fen): "claim \(label) \(category.rawValue) \(fen)"
            case .confirm(let label): "confirm \(label)"
            case .accept(let label): "accept \(label)"
            case .dispute(let label): "dispute \(label)"
            case .cancel(let label): "cancel \(label)"
            case .cancelByProvider(let label): "provider cancels \(label)"
            case .approveClaim(let label): "approve claim \(label)"
            case .rejectClaim(let label): "reject claim \(label)"
            case .reverse(let label): "reverse \(label)"
            case .advance(let hours): "advance \(hours) h"
            case .releaseHolds(let count): "release expired holds (\(count))"
            case .expire(let count): "expire due vouchers (\(count))"
            case .settle(let period): "approve settlement \(period)"
            case .pay: "pay the batch"
            case .refused(let code, let op): "\(op) → \(code)"
            }
        }
    }

    /// Exact balances after a step (everything not named is zero).
    struct Expected: Sendable, Equatable, CustomStringConvertible {
        var available: Int64 = 0
        var held: Int64 = 0
        var captured: Int64 = 0
        var expired: Int64 = 0
        var unallocated: Int64 = LedgerScenarioTests.budget
        var payable: [Payee: Int64] = [:]
        var settled: [Payee: Int64] = [:]
        /// Paid, then reversed: owed back by the payee.
        var receivable: [Payee: Int64] = [:]

        var description: String {
            "available \(available), held \(held), captured \(captured), expired \(expired), unallocated \(unallocated), "
                + "payable \(Payee.allCases.map { "\($0.rawValue)=\(payable[$0] ?? 0)" }), "
                + "settled \(Payee.allCases.map { "\($0.rawValue)=\(settled[$0] ?? 0)" }), "
                + "receivable \(Payee.allCases.map { "\($0.rawValue)=\(receivable[$0] ?? 0)" })"
        }
    }

    struct Step: Sendable {
        var op: Op
        var expected: Expected
        init(_ op: Op, _ expected: Expected) {
            self.op = op
            self.expected = expected
        }
    }

    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var holdHours: Int? = nil
        var steps: [Step]
        var testDescription: String { name }
    }

    static let B = budget

    static let scenarios: [Scenario] = [
        Scenario(
            name: "issue, hold, capture, settle and pay",
            steps: [
                Step(.issue(10_000_000), Expected(available: 10_000_000, unallocated: B - 10_000_000)),
                Step(
                    .open("r1", .testing, 6_000_000),
                    Expected(available: 7_000_000, held: 3_000_000, unallocated: B - 10_000_000)),
                Step(.confirm("r1"), Expected(available: 7_000_000, held: 3_000_000, unallocated: B - 10_000_000)),
                Step(
                    .accept("r1"),
                    Expected(
                        available: 7_000_000, captured: 3_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 3_000_000])),
                Step(
                    .refused("period_not_ended", .settle("2026-11")),
                    Expected(
                        available: 7_000_000, captured: 3_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 3_000_000])
                ),
                Step(
                    .advance(hours: 8 * 24),
                    Expected(
                        available: 7_000_000, captured: 3_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 3_000_000])),
                Step(
                    .settle("2026-11"),
                    Expected(
                        available: 7_000_000, captured: 3_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 3_000_000])),
                Step(
                    .refused("settlement_exists", .settle("2026-11")),
                    Expected(
                        available: 7_000_000, captured: 3_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 3_000_000])
                ),
                Step(
                    .pay,
                    Expected(
                        available: 7_000_000, captured: 3_000_000, unallocated: B - 10_000_000,
                        settled: [.lab: 3_000_000])),
                Step(
                    .refused("settlement_wrong_state", .pay),
                    Expected(
                        available: 7_000_000, captured: 3_000_000, unallocated: B - 10_000_000,
                        settled: [.lab: 3_000_000])
                ),
            ]),
        Scenario(
            name: "parts in whole units, capped by the balance; cancelling releases the hold",
            steps: [
                Step(.issue(1_000_000), Expected(available: 1_000_000, unallocated: B - 1_000_000)),
                // 50 % of ¥2,500 is ¥1,250: one ¥1,000 unit.
                Step(
                    .open("r1", .testing, 250_000),
                    Expected(available: 900_000, held: 100_000, unallocated: B - 1_000_000)),
                // 50 % of ¥30,000 wants ¥15,000; the voucher has ¥9,000 left: all of it.
                Step(.open("r2", .rd, 3_000_000), Expected(held: 1_000_000, unallocated: B - 1_000_000)),
                Step(
                    .refused("exceeds_available_balance", .open("r3", .testing, 2_000_000)),
                    Expected(held: 1_000_000, unallocated: B - 1_000_000)),
                Step(.cancel("r2"), Expected(available: 900_000, held: 100_000, unallocated: B - 1_000_000)),
                Step(
                    .refused("redemption_wrong_state", .accept("r2")),
                    Expected(available: 900_000, held: 100_000, unallocated: B - 1_000_000)),
                Step(.confirm("r1"), Expected(available: 900_000, held: 100_000, unallocated: B - 1_000_000)),
                // After delivery the enterprise accepts or disputes; the provider may still withdraw.
                Step(
                    .refused("redemption_wrong_state", .cancel("r1")),
                    Expected(available: 900_000, held: 100_000, unallocated: B - 1_000_000)),
                Step(.cancelByProvider("r1"), Expected(available: 1_000_000, unallocated: B - 1_000_000)),
                Step(
                    .open("r4", .technologyTransfer, 1_000_000),
                    Expected(available: 400_000, held: 600_000, unallocated: B - 1_000_000)),
            ]),
        Scenario(
            name: "a hold not captured within its window is released", holdHours: 48,
            steps: [
                Step(.issue(10_000_000), Expected(available: 10_000_000, unallocated: B - 10_000_000)),
                Step(
                    .open("r1", .testing, 2_000_000),
                    Expected(available: 9_000_000, held: 1_000_000, unallocated: B - 10_000_000)),
                Step(
                    .open("r2", .testing, 4_000_000),
                    Expected(available: 7_000_000, held: 3_000_000, unallocated: B - 10_000_000)),
                Step(.confirm("r2"), Expected(available: 7_000_000, held: 3_000_000, unallocated: B - 10_000_000)),
                Step(.advance(hours: 47), Expected(available: 7_000_000, held: 3_000_000, unallocated: B - 10_000_000)),
                Step(
                    .releaseHolds(expect: 0),
                    Expected(available: 7_000_000, held: 3_000_000, unallocated: B - 10_000_000)),
                Step(
                    .accept("r2"),
                    Expected(
                        available: 7_000_000, held: 1_000_000, captured: 2_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 2_000_000])),
                Step(
                    .advance(hours: 1),
                    Expected(
                        available: 7_000_000, held: 1_000_000, captured: 2_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 2_000_000])),
                Step(
                    .releaseHolds(expect: 1),
                    Expected(
                        available: 8_000_000, captured: 2_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 2_000_000])),
                Step(
                    .refused("redemption_wrong_state", .confirm("r1")),
                    Expected(
                        available: 8_000_000, captured: 2_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 2_000_000])
                ),
                Step(
                    .releaseHolds(expect: 0),
                    Expected(
                        available: 8_000_000, captured: 2_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 2_000_000])),
            ]),
        Scenario(
            name: "expiry returns the unused balance, and later a released hold, to the budget",
            steps: [
                Step(.issue(10_000_000), Expected(available: 10_000_000, unallocated: B - 10_000_000)),
                Step(
                    .open("r1", .testing, 4_000_000),
                    Expected(available: 8_000_000, held: 2_000_000, unallocated: B - 10_000_000)),
                Step(.confirm("r1"), Expected(available: 8_000_000, held: 2_000_000, unallocated: B - 10_000_000)),
                Step(
                    .accept("r1"),
                    Expected(
                        available: 8_000_000, captured: 2_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 2_000_000])),
                // 2027-03-04: still valid.
                Step(
                    .advance(hours: 100 * 24),
                    Expected(
                        available: 8_000_000, captured: 2_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 2_000_000])),
                Step(
                    .expire(expect: 0),
                    Expected(
                        available: 8_000_000, captured: 2_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 2_000_000])),
                Step(
                    .open("r2", .testing, 2_000_000),
                    Expected(
                        available: 7_000_000, held: 1_000_000, captured: 2_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 2_000_000])
                ),
                // 2027-04-03: past the end date, before the expiry job has run.
                Step(
                    .advance(hours: 30 * 24),
                    Expected(
                        available: 7_000_000, held: 1_000_000, captured: 2_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 2_000_000])
                ),
                Step(
                    .refused("voucher_expired", .open("r3", .testing, 2_000_000)),
                    Expected(
                        available: 7_000_000, held: 1_000_000, captured: 2_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 2_000_000])
                ),
                Step(
                    .expire(expect: 1),
                    Expected(
                        held: 1_000_000, captured: 2_000_000, expired: 7_000_000, unallocated: B - 3_000_000,
                        payable: [.lab: 2_000_000])
                ),
                Step(
                    .refused("voucher_expired", .open("r3", .testing, 2_000_000)),
                    Expected(
                        held: 1_000_000, captured: 2_000_000, expired: 7_000_000, unallocated: B - 3_000_000,
                        payable: [.lab: 2_000_000])
                ),
                Step(
                    .expire(expect: 0),
                    Expected(
                        held: 1_000_000, captured: 2_000_000, expired: 7_000_000, unallocated: B - 3_000_000,
                        payable: [.lab: 2_000_000])
                ),
                // The hold's 30-day window (opened 2027-03-04) has ended too: released into the budget.
                Step(
                    .releaseHolds(expect: 1),
                    Expected(
                        captured: 2_000_000, expired: 8_000_000, unallocated: B - 2_000_000, payable: [.lab: 2_000_000])
                ),
            ]),
        Scenario(
            name: "cancelling a hold of an expired voucher returns it to the budget",
            steps: [
                Step(.issue(5_000_000), Expected(available: 5_000_000, unallocated: B - 5_000_000)),
                Step(.advance(hours: 120 * 24), Expected(available: 5_000_000, unallocated: B - 5_000_000)),
                Step(
                    .open("r1", .rd, 3_000_000),
                    Expected(available: 3_500_000, held: 1_500_000, unallocated: B - 5_000_000)),
                Step(
                    .advance(hours: 10 * 24),
                    Expected(available: 3_500_000, held: 1_500_000, unallocated: B - 5_000_000)),
                Step(.expire(expect: 1), Expected(held: 1_500_000, expired: 3_500_000, unallocated: B - 1_500_000)),
                Step(.cancel("r1"), Expected(expired: 5_000_000, unallocated: B)),
            ]),
        Scenario(
            name: "a reversal before settlement leaves the payable; nothing is left to settle",
            steps: [
                Step(.issue(10_000_000), Expected(available: 10_000_000, unallocated: B - 10_000_000)),
                Step(
                    .open("r1", .testing, 6_000_000),
                    Expected(available: 7_000_000, held: 3_000_000, unallocated: B - 10_000_000)),
                Step(.confirm("r1"), Expected(available: 7_000_000, held: 3_000_000, unallocated: B - 10_000_000)),
                Step(
                    .accept("r1"),
                    Expected(
                        available: 7_000_000, captured: 3_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 3_000_000])),
                Step(.reverse("r1"), Expected(available: 7_000_000, captured: 3_000_000, unallocated: B - 7_000_000)),
                Step(
                    .refused("redemption_wrong_state", .reverse("r1")),
                    Expected(available: 7_000_000, captured: 3_000_000, unallocated: B - 7_000_000)),
                Step(
                    .advance(hours: 8 * 24),
                    Expected(available: 7_000_000, captured: 3_000_000, unallocated: B - 7_000_000)),
                Step(
                    .refused("nothing_to_settle", .settle("2026-11")),
                    Expected(available: 7_000_000, captured: 3_000_000, unallocated: B - 7_000_000)),
            ]),
        Scenario(
            name: "after payment a reversal is owed back by the payee, not refunded to the budget",
            steps: [
                Step(.issue(10_000_000), Expected(available: 10_000_000, unallocated: B - 10_000_000)),
                Step(
                    .open("r1", .testing, 6_000_000),
                    Expected(available: 7_000_000, held: 3_000_000, unallocated: B - 10_000_000)),
                Step(.confirm("r1"), Expected(available: 7_000_000, held: 3_000_000, unallocated: B - 10_000_000)),
                Step(
                    .accept("r1"),
                    Expected(
                        available: 7_000_000, captured: 3_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 3_000_000])),
                Step(
                    .open("r2", .testing, 2_000_000),
                    Expected(
                        available: 6_000_000, held: 1_000_000, captured: 3_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 3_000_000])),
                Step(
                    .confirm("r2"),
                    Expected(
                        available: 6_000_000, held: 1_000_000, captured: 3_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 3_000_000])),
                Step(
                    .accept("r2"),
                    Expected(
                        available: 6_000_000, captured: 4_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 4_000_000])),
                Step(
                    .advance(hours: 8 * 24),
                    Expected(
                        available: 6_000_000, captured: 4_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 4_000_000])),
                Step(
                    .settle("2026-11"),
                    Expected(
                        available: 6_000_000, captured: 4_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 4_000_000])),
                Step(
                    .refused("settlement_pending", .reverse("r1")),
                    Expected(
                        available: 6_000_000, captured: 4_000_000, unallocated: B - 10_000_000,
                        payable: [.lab: 4_000_000])
                ),
                Step(
                    .pay,
                    Expected(
                        available: 6_000_000, captured: 4_000_000, unallocated: B - 10_000_000,
                        settled: [.lab: 4_000_000])),
                Step(
                    .reverse("r1"),
                    Expected(
                        available: 6_000_000, captured: 4_000_000, unallocated: B - 10_000_000,
                        settled: [.lab: 1_000_000], receivable: [.lab: 3_000_000])
                ),
                Step(
                    .advance(hours: 31 * 24),
                    Expected(
                        available: 6_000_000, captured: 4_000_000, unallocated: B - 10_000_000,
                        settled: [.lab: 1_000_000], receivable: [.lab: 3_000_000])
                ),
                Step(
                    .refused("nothing_to_settle", .settle("2026-12")),
                    Expected(
                        available: 6_000_000, captured: 4_000_000, unallocated: B - 10_000_000,
                        settled: [.lab: 1_000_000], receivable: [.lab: 3_000_000])
                ),
            ]),
        Scenario(
            name: "通用: an approved claim is payable to the enterprise, a rejected one released",
            steps: [
                Step(.issue(10_000_000), Expected(available: 10_000_000, unallocated: B - 10_000_000)),
                Step(
                    .claim("r1", .rd, 5_000_000),
                    Expected(available: 7_500_000, held: 2_500_000, unallocated: B - 10_000_000)),
                Step(
                    .approveClaim("r1"),
                    Expected(
                        available: 7_500_000, captured: 2_500_000, unallocated: B - 10_000_000,
                        payable: [.enterprise: 2_500_000])),
                Step(
                    .claim("r2", .rd, 2_000_000),
                    Expected(
                        available: 6_500_000, held: 1_000_000, captured: 2_500_000, unallocated: B - 10_000_000,
                        payable: [.enterprise: 2_500_000])
                ),
                Step(
                    .refused("redemption_wrong_state", .confirm("r2")),
                    Expected(
                        available: 6_500_000, held: 1_000_000, captured: 2_500_000, unallocated: B - 10_000_000,
                        payable: [.enterprise: 2_500_000])
                ),
                Step(
                    .rejectClaim("r2"),
                    Expected(
                        available: 7_500_000, captured: 2_500_000, unallocated: B - 10_000_000,
                        payable: [.enterprise: 2_500_000])),
                Step(
                    .advance(hours: 8 * 24),
                    Expected(
                        available: 7_500_000, captured: 2_500_000, unallocated: B - 10_000_000,
                        payable: [.enterprise: 2_500_000])),
                Step(
                    .settle("2026-11"),
                    Expected(
                        available: 7_500_000, captured: 2_500_000, unallocated: B - 10_000_000,
                        payable: [.enterprise: 2_500_000])),
                Step(
                    .pay,
                    Expected(
                        available: 7_500_000, captured: 2_500_000, unallocated: B - 10_000_000,
                        settled: [.enterprise: 2_500_000])),
            ]),
    ]

    /// The running scenario's world and names.
    final class Run {
        let world: VouchersWorld
        let enterprise: Actor
        let city: Actor
        let lab: Int64
        let rd: Int64
        var voucher: Voucher?
        var redemptions: [String: Int64] = [:]
        /// Each redemption's provider and its city.
        var providers: [String: (Int64, CityCode)] = [:]
        var batch: Int64?

        init(world: VouchersWorld, enterprise: Actor, city: Actor, lab: Int64, rd: Int64) {
            self.world = world
            self.enterprise = enterprise
            self.city = city
            self.lab = lab
            self.rd = rd
        }

        func id(_ label: String) throws -> Int64 { try #require(redemptions[label], "no redemption \(label)") }

        func payee(_ payee: Payee) -> Int64 {
            switch payee {
            case .lab: lab
            case .rd: rd
            case .enterprise: enterprise.organizationID!
            }
        }

        func perform(_ op: Op) async throws {
            let world = self.world
            switch op {
            case .issue(let face):
                voucher = try await world.voucher(enterprise, amount: face)
            case .open(let label, let category, let fen):
                let voucher = try #require(voucher)
                redemptions[label] = try await world.redemptions.open(
                    NewRedemption(
                        voucherId: voucher.id, providerOrganizationId: lab, contractNumber: "WH-\(label)",
                        category: category, contractFen: fen),
                    by: enterprise
                ).id
                providers[label] = (lab, .wuhan)
            case .claim(let label, let category, let fen):
                let voucher = try #require(voucher)
                let claim = try await world.redemptions.open(
                    NewRedemption(
                        voucherId: voucher.id, providerOrganizationId: rd, contractNumber: "XN-\(label)",
                        category: category, contractFen: fen,
                        mode: .tongyong, invoiceNumber: "INV-XN-\(label)"
                    ),
                    by: enterprise
                )
                #expect(claim.status == .claimed && claim.payeeOrganizationId == enterprise.organizationID)
                redemptions[label] = claim.id
                providers[label] = (rd, .xianning)
            case .confirm(let label):
                let (organization, city) = try #require(providers[label])
                let provider = world.actor(.orgMember, organization, city)
                _ = try await world.redemptions.step(
                    try id(label), RedemptionStep(step: .confirm, invoiceNumber: "INV-\(label)"), by: provider)
            case .accept(let label):
                let accepted = try await world.redemptions.step(
                    try id(label), RedemptionStep(step: .accept), by: enterprise)
                #expect(accepted.status == .captured)
            case .dispute(let label):
                _ = try await world.redemptions.step(
                    try id(label), RedemptionStep(step: .dispute, reason: "报告缺少检测数据"), by: enterprise)
            case .cancel(let label):
                let cancelled = try await world.redemptions.step(
                    try id(label), RedemptionStep(step: .cancel, reason: "合同取消"), by: enterprise)
                #expect(cancelled.status == .cancelled)
            case .cancelByProvider(let label):
                let provider = world.actor(.orgAdmin, lab, .wuhan)
                _ = try await world.redemptions.step(
                    try id(label), RedemptionStep(step: .cancel, reason: "无法按期交付"), by: provider)
            case .approveClaim(let label):
                _ = try await world.redemptions.step(try id(label), RedemptionStep(step: .approveClaim), by: city)
            case .rejectClaim(let label):
                let rejected = try await world.redemptions.step(
                    try id(label), RedemptionStep(step: .rejectClaim, reason: "发票与合同不符"), by: city)
                #expect(rejected.status == .rejected)
            case .reverse(let label):
                let reversed = try await world.redemptions.step(
                    try id(label), RedemptionStep(step: .reverse, reason: "服务未实际提供，已退款"), by: city)
                #expect(reversed.status == .reversed)
            case .advance(let hours):
                world.clock.advance(by: hours * LedgerScenarioTests.hour)
            case .releaseHolds(let expected):
                #expect(try await world.redemptions.releaseExpiredHolds() == expected)
            case .expire(let expected):
                #expect(try await world.vouchers.expireDue() == expected)
            case .settle(let period):
                batch = try await world.settlements.approve(NewSettlement(period: period), by: city).id
            case .pay:
                let payer = try await world.secondCityAdmin(.huangshi)
                let paid = try await world.settlements.pay(
                    try #require(batch), SettlementPayment(paymentReference: "HS-PAY-\(batch ?? 0)"), by: payer)
                #expect(paid.status == .paid)
            case .refused(let code, let inner):
                try await world.refused(code) { try await self.perform(inner) }
            }
        }

        func check(_ expected: Expected, after step: Int, _ op: Op) async throws {
            let note = Comment(rawValue: "step \(step): \(op)")
            let voucher = try #require(self.voucher, note)
            let balances = try await world.vouchers.voucher(voucher.id, viewer: city).balances
            var actual = Expected(
                available: balances.availableFen, held: balances.heldFen, captured: balances.capturedFen,
                expired: balances.expiredFen,
                unallocated: try await world.balance("unallocated:HS:2026")
            )
            for payee in Payee.allCases {
                let payable = try await world.balance("payable:HS:2026:\(self.payee(payee))")
                let settled = try await world.balance("settled:HS:2026:\(self.payee(payee))")
                if payable != 0 { actual.payable[payee] = payable }
                if settled != 0 { actual.settled[payee] = settled }
                let receivable = try await world.balance("receivable:HS:2026:\(self.payee(payee))")
                if receivable != 0 { actual.receivable[payee] = receivable }
            }
            #expect(actual == expected, note)
            #expect(balances.revokedFen == 0, note)
            // The voucher's reading agrees with the ledger accounts, and the treasury funded exactly the budget.
            #expect(try await world.balance("available:\(voucher.id)") == balances.availableFen, note)
            #expect(try await world.balance("held:\(voucher.id)") == balances.heldFen, note)
            #expect(try await world.balance("treasury:HS:2026") == -LedgerScenarioTests.budget, note)
            try await world.expectClean(note.rawValue)
        }
    }

    @Test(arguments: scenarios)
    func scenario(_ scenario: Scenario) async throws {
        let world = try VouchersWorld()
        try await world.policy(.huangshi, budget: Self.budget, holdHours: scenario.holdHours)
        let lab = try await world.listedProvider(.wuhan, 1)
        let rd = try await world.listedProvider(.xianning)
        let run = Run(
            world: world, enterprise: try await world.enterprise(.huangshi), city: try await world.cityAdmin(.huangshi),
            lab: lab, rd: rd
        )
        for (index, step) in scenario.steps.enumerated() {
            try await run.perform(step.op)
            try await run.check(step.expected, after: index + 1, step.op)
        }
    }

    /// Every transfer is immutable: the ledger refuses UPDATE and DELETE outright.
    @Test func transfersAreAppendOnly() async throws {
        let world = try VouchersWorld()
        try await world.policy(.huangshi)
        _ = try await world.voucher(try await world.enterprise(.huangshi), amount: 1_000_000)
        let replace = """
            INSERT OR REPLACE INTO ledger_transfers (id, debit_account_id, credit_account_id, amount, kind, request_id, created_at)
            SELECT id, debit_account_id, credit_account_id, amount * 2, kind, request_id, created_at FROM ledger_transfers
            """
        for sql in ["UPDATE ledger_transfers SET amount = amount + 1", "DELETE FROM ledger_transfers", replace] {
            let error = #expect(throws: DatabaseError.self, "\(sql)") {
                try world.database.testWriter.write { db in try db.execute(sql: sql) }
            }
            #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER, "\(sql)")
        }
        #expect(try await world.transfers("issue") == 1)
        try await world.expectClean()
    }

    /// The check finds a tampered cached balance and a transfer that breaks a voucher's face.
    @Test func ledgerCheckCatchesTampering() async throws {
        let world = try VouchersWorld()
        try await world.policy(.huangshi)
        let voucher = try await world.voucher(try await world.enterprise(.huangshi), amount: 1_000_000)
        try await world.expectClean()
        try await world.database.testWriter.write { db in
            try db.execute(
                sql: "UPDATE ledger_accounts SET balance = balance + 100 WHERE code = ?",
                arguments: ["available:\(voucher.id)"])
        }
        let report = try await world.ledger()
        #expect(!report.clean)
        #expect(report.violations.contains { $0.contains("available:\(voucher.id)") && $0.contains("cached balance") })
    }
}
