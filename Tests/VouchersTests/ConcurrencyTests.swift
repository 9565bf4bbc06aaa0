import Foundation
import GRDB
import Identity
import Kernel
import Store
import Testing
@testable import Vouchers

/// Many requests at once against one voucher, one budget, one yearly cap, one redemption: the
/// single writer (`AppDatabase` serialises write transactions, and every check reads inside the
/// transaction that writes) means exactly the expected number succeed and nothing is overspent —
/// in memory and on a WAL file with concurrent readers, as in production.
struct ConcurrencyTests {
    enum Storage: String, CaseIterable, Sendable {
        case memory, disk
    }

    static let clients = 64

    /// The outcome of each of many concurrent calls: successes and refusal codes.
    struct Outcomes<Value: Sendable>: Sendable {
        var successes: [Value] = []
        var refusals: [String: Int] = [:]
        var other: [String] = []
    }

    static func race<Value: Sendable>(
        _ count: Int, _ body: @escaping @Sendable (Int) async throws -> Value
    ) async -> Outcomes<Value> {
        await withTaskGroup(of: Result<Value, any Error>.self) { group in
            for index in 0..<count {
                group.addTask {
                    do { return .success(try await body(index)) } catch { return .failure(error) }
                }
            }
            var outcomes = Outcomes<Value>()
            for await result in group {
                switch result {
                case .success(let value): outcomes.successes.append(value)
                case .failure(let error as DomainError): outcomes.refusals[error.code, default: 0] += 1
                case .failure(let error): outcomes.other.append(String(describing: error))
                }
            }
            return outcomes
        }
    }

    /// ¥10,000 in ¥1,000 units; 64 contracts of ¥2,000 at 50 % each want exactly one unit.
    @Test(arguments: Storage.allCases)
    func sixtyFourRedemptionsAgainstOneVoucher(_ storage: Storage) async throws {
        let world = try VouchersWorld(onDisk: storage == .disk)
        defer { world.removeFiles() }
        if storage == .disk { #expect(try world.database.writerSynchronousMode() == 2) }
        try await world.policy(.huangshi)
        let lab = try await world.listedProvider(.wuhan, 1)
        let enterprise = try await world.enterprise(.huangshi)
        let voucher = try await world.voucher(enterprise, amount: 1_000_000)
        let redemptions = world.redemptions

        let outcomes = await Self.race(Self.clients) { index in
            try await redemptions.open(
                NewRedemption(
                    voucherId: voucher.id, providerOrganizationId: lab, contractNumber: "WH-\(index)",
                    category: .testing, contractFen: 200_000),
                by: world.actor(.orgMember, enterprise.organizationID!, .huangshi, request: "open-\(index)")
            )
        }
        #expect(outcomes.successes.count == 10)
        #expect(outcomes.successes.allSatisfy { $0.voucherFen == 100_000 && $0.status == .held })
        #expect(outcomes.refusals == ["exceeds_available_balance": 54])
        #expect(outcomes.other.isEmpty, "\(outcomes.other)")

        let after = try await world.vouchers.voucher(voucher.id, viewer: enterprise)
        #expect(
            after.balances
                == Voucher.Balances(availableFen: 0, heldFen: 1_000_000, capturedFen: 0, expiredFen: 0, revokedFen: 0))
        #expect(try await world.transfers("hold") == 10)
        #expect(try await world.audits("redemption.open") == 10)
        #expect(try await world.count("SELECT count(*) FROM voucher_redemptions") == 10)
        try await world.expectClean()
    }

    /// 64 enterprises each ask for ¥10,000 from a ¥100,000 budget; all approvals at once.
    @Test(arguments: Storage.allCases)
    func approvalsAgainstOneBudget(_ storage: Storage) async throws {
        let world = try VouchersWorld(onDisk: storage == .disk)
        defer { world.removeFiles() }
        try await world.policy(.huangshi, budget: 10_000_000, cap: 10_000_000)
        let enterprises = try await world.insertEnterprises(Self.clients, city: .huangshi)
        var applications: [Int64] = []
        for organization in enterprises {
            let enterprise = world.actor(.orgAdmin, organization, .huangshi)
            applications.append(
                try await world.vouchers.apply(NewVoucherApplication(amountFen: 1_000_000), by: enterprise).id)
        }
        let city = try await world.cityAdmin(.huangshi)
        let vouchers = world.vouchers
        let pending = applications
        let outcomes = await Self.race(Self.clients) { index in
            try await vouchers.decide(pending[index], VoucherDecision(approve: true), by: city)
        }
        #expect(outcomes.successes.count == 10)
        #expect(outcomes.refusals == ["budget_exhausted": 54])
        #expect(outcomes.other.isEmpty, "\(outcomes.other)")
        #expect(try await world.balance("unallocated:HS:2026") == 0)
        #expect(try await world.count("SELECT coalesce(sum(face_fen), 0) FROM vouchers") == 10_000_000)
        #expect(try await world.count("SELECT count(*) FROM voucher_applications WHERE status = 'pending'") == 54)
        #expect(try await world.transfers("issue") == 10)
        try await world.expectClean()
    }

    /// One enterprise with 64 pending ¥1,000 applications and a ¥5,000 yearly cap: five approved.
    @Test(arguments: Storage.allCases)
    func approvalsAgainstOneYearlyCap(_ storage: Storage) async throws {
        let world = try VouchersWorld(onDisk: storage == .disk)
        defer { world.removeFiles() }
        try await world.policy(.huangshi, cap: 500_000)
        let enterprise = try await world.enterprise(.huangshi)
        var applications: [Int64] = []
        for _ in 0..<Self.clients {
            applications.append(
                try await world.vouchers.apply(NewVoucherApplication(amountFen: 100_000), by: enterprise).id)
        }
        let city = try await world.cityAdmin(.huangshi)
        let vouchers = world.vouchers
        let pending = applications
        let outcomes = await Self.race(Self.clients) { index in
            try await vouchers.decide(pending[index], VoucherDecision(approve: true), by: city)
        }
        #expect(outcomes.successes.count == 5)
        #expect(outcomes.refusals == ["exceeds_yearly_cap": 59])
        #expect(outcomes.other.isEmpty, "\(outcomes.other)")
        #expect(
            try await world.count(
                "SELECT coalesce(sum(face_fen), 0) FROM vouchers WHERE enterprise_org_id = ?",
                [enterprise.organizationID!]) == 500_000
        )
        #expect(try await world.balance("unallocated:HS:2026") == 1_000_000_000 - 500_000)
        try await world.expectClean()
    }

    /// 32 accepts and 32 cancels of one delivered redemption at once: exactly one wins.
    @Test(arguments: Storage.allCases)
    func acceptAndCancelRace(_ storage: Storage) async throws {
        let world = try VouchersWorld(onDisk: storage == .disk)
        defer { world.removeFiles() }
        try await world.policy(.huangshi)
        let lab = try await world.listedProvider(.wuhan, 1)
        let enterprise = try await world.enterprise(.huangshi)
        let voucher = try await world.voucher(enterprise, amount: 1_000_000)
        let held = try await world.held(voucher, by: enterprise, provider: lab)
        _ = try await world.confirm(held, provider: lab, city: .wuhan)
        let redemptions = world.redemptions

        let outcomes = await Self.race(Self.clients) { index in
            let step = index % 2 == 0 ? RedemptionStep(step: .accept) : RedemptionStep(step: .cancel, reason: "改用其他机构")
            return try await redemptions.step(
                held.id, step,
                by: world.actor(.orgAdmin, enterprise.organizationID!, .huangshi, request: "race-\(index)"))
        }
        #expect(outcomes.successes.count == 1)
        #expect(outcomes.refusals == ["redemption_wrong_state": 63])
        #expect(outcomes.other.isEmpty, "\(outcomes.other)")
        let winner = try #require(outcomes.successes.first)
        let after = try await world.vouchers.voucher(voucher.id, viewer: enterprise).balances
        if winner.status == .captured {
            #expect(after.capturedFen == 1_000_000 && after.availableFen == 0 && after.heldFen == 0)
            #expect(try await world.transfers("capture") == 1)
            #expect(try await world.transfers("release") == 0)
        } else {
            #expect(winner.status == .cancelled)
            #expect(after.availableFen == 1_000_000 && after.heldFen == 0 && after.capturedFen == 0)
            #expect(try await world.transfers("release") == 1)
            #expect(try await world.transfers("capture") == 0)
        }
        try await world.expectClean()
    }

    /// A client retrying one request 64 times at once with its `Idempotency-Key`: one hold, and
    /// every answer is the first result.
    @Test func sixtyFourRetriesWithOneKey() async throws {
        let world = try VouchersWorld()
        try await world.policy(.huangshi)
        let lab = try await world.listedProvider(.wuhan, 1)
        let enterprise = try await world.enterprise(.huangshi)
        let voucher = try await world.voucher(enterprise, amount: 10_000_000)
        var keyed = enterprise
        keyed.userID = 4_242
        keyed.idempotency = IdempotencyClaim(key: "retry-1", requestHash: "same-request")
        let actor = keyed
        let redemptions = world.redemptions
        let input = NewRedemption(
            voucherId: voucher.id, providerOrganizationId: lab, contractNumber: "C-1", category: .testing,
            contractFen: 2_000_000)
        let outcomes = await Self.race(Self.clients) { _ in try await redemptions.open(input, by: actor) }
        #expect(outcomes.successes.count == Self.clients && outcomes.refusals.isEmpty && outcomes.other.isEmpty)
        #expect(Set(outcomes.successes.map(\.id)).count == 1)
        #expect(outcomes.successes.allSatisfy { $0 == outcomes.successes[0] })
        #expect(try await world.transfers("hold") == 1)
        #expect(try await world.audits("redemption.open") == 1)
        #expect(try await world.balance("held:\(voucher.id)") == 1_000_000)
        try await world.expectClean()
    }

    /// The jobs may overlap (two instances, a retry): each voucher expires and each hold is
    /// released exactly once.
    @Test func overlappingExpiryAndReleaseJobs() async throws {
        let world = try VouchersWorld()
        try await world.policy(.huangshi)
        let lab = try await world.listedProvider(.wuhan, 1)
        var holds = 0
        for index in 0..<6 {
            let enterprise = try await world.enterprise(.huangshi, index)
            let voucher = try await world.voucher(enterprise, amount: 1_000_000)
            _ = try await world.held(voucher, by: enterprise, provider: lab, contract: "C-\(index)")
            holds += 1
        }
        world.clock.advance(by: 200 * VouchersWorld.day)
        let vouchers = world.vouchers
        let redemptions = world.redemptions
        let expired = await Self.race(8) { _ in try await vouchers.expireDue() }
        let released = await Self.race(8) { _ in try await redemptions.releaseExpiredHolds() }
        #expect(
            expired.other.isEmpty && expired.refusals.isEmpty && released.other.isEmpty && released.refusals.isEmpty)
        #expect(expired.successes.reduce(0, +) == 6)
        #expect(released.successes.reduce(0, +) == holds)
        #expect(try await world.audits("voucher.expire") == 6)
        #expect(try await world.audits("redemption.release") == holds)
        #expect(try await world.balance("unallocated:HS:2026") == 1_000_000_000)
        try await world.expectClean()
    }
}
