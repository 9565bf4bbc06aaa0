import Foundation
import GRDB
import Identity
import Kernel
import Store
import Testing
@testable import Vouchers

/// Every write that moves money takes an `Idempotency-Key`: the same key and request again
/// returns the first result with no second transfer and no second audit entry; the same key
/// with another request is refused; keys belong to one caller.
struct IdempotencyTests {
    /// The actor as one user (keys are scoped per user) sending this key with this request digest.
    static func keyed(_ actor: Actor, user: Int64, _ key: String, _ hash: String) -> Actor {
        var keyed = actor
        keyed.userID = user
        keyed.idempotency = IdempotencyClaim(key: key, requestHash: hash)
        return keyed
    }

    @Test func openReplaysTheFirstResult() async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let input = NewRedemption(
            voucherId: f.voucher.id, providerOrganizationId: f.lab, contractNumber: "C-1", category: .testing,
            contractFen: 2_000_000)
        let enterprise = Self.keyed(f.enterprise, user: 2_001, "open-1", "hash-a")
        let first = try await world.redemptions.open(input, by: enterprise)
        // The provider confirms in between; the replay still answers what the first call answered.
        _ = try await f.step(first.id, .confirm, invoice: "INV-1", by: f.labActor)
        let replay = try await world.redemptions.open(input, by: enterprise)
        #expect(replay == first)
        #expect(replay.status == .held)
        #expect(try await world.count("SELECT count(*) FROM voucher_redemptions") == 1)
        #expect(try await world.transfers("hold") == 1)
        #expect(try await world.audits("redemption.open") == 1)
        #expect(try await world.balance("held:\(f.voucher.id)") == 1_000_000)
        #expect(try await world.count("SELECT count(*) FROM idempotency_keys WHERE key = 'open-1'") == 1)

        // The same key with another request: refused, nothing written.
        try await world.refused("idempotency_key_reused", .invalid) {
            try await world.redemptions.open(input, by: Self.keyed(f.enterprise, user: 2_001, "open-1", "hash-b"))
        }
        // Another user's key of the same name is theirs: a new redemption.
        let other = try await world.redemptions.open(
            NewRedemption(
                voucherId: f.voucher.id, providerOrganizationId: f.lab, contractNumber: "C-2", category: .testing,
                contractFen: 2_000_000),
            by: Self.keyed(f.enterprise, user: 2_002, "open-1", "hash-b")
        )
        #expect(other.id != first.id)
        #expect(try await world.transfers("hold") == 2)
        try await world.expectClean()
    }

    @Test func acceptReplaysTheFirstResult() async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let held = try await f.open()
        _ = try await f.step(held.id, .confirm, invoice: "INV-1", by: f.labActor)
        let enterprise = Self.keyed(f.enterprise, user: 2_001, "accept-1", "hash-a")
        let first = try await world.redemptions.step(held.id, RedemptionStep(step: .accept), by: enterprise)
        let replay = try await world.redemptions.step(held.id, RedemptionStep(step: .accept), by: enterprise)
        #expect(first.status == .captured && replay == first)
        #expect(try await world.transfers("capture") == 1)
        #expect(try await world.audits("redemption.accept") == 1)
        #expect(try await world.balance("payable:HS:2026:\(f.lab)") == 1_000_000)
        // Without the key, a retry is a second request: refused by the state machine.
        try await world.refused("redemption_wrong_state", .conflict) {
            try await world.redemptions.step(held.id, RedemptionStep(step: .accept), by: f.enterprise)
        }
        try await world.refused("idempotency_key_reused", .invalid) {
            try await world.redemptions.step(
                held.id, RedemptionStep(step: .accept), by: Self.keyed(f.enterprise, user: 2_001, "accept-1", "hash-b"))
        }
        try await world.expectClean()
    }

    @Test func approvalReplaysTheFirstResult() async throws {
        let world = try VouchersWorld()
        try await world.policy(.huangshi)
        let application = try await world.vouchers.apply(
            NewVoucherApplication(amountFen: 5_000_000), by: try await world.enterprise(.huangshi))
        let city = Self.keyed(try await world.cityAdmin(.huangshi), user: 3_001, "approve-1", "hash-a")
        let first = try await world.vouchers.decide(application.id, VoucherDecision(approve: true), by: city)
        let replay = try await world.vouchers.decide(application.id, VoucherDecision(approve: true), by: city)
        #expect(first.status == .approved && replay == first)
        #expect(try await world.count("SELECT count(*) FROM vouchers") == 1)
        #expect(try await world.transfers("issue") == 1)
        #expect(try await world.audits("voucher.approve") == 1)
        #expect(try await world.balance("unallocated:HS:2026") == 1_000_000_000 - 5_000_000)
        try await world.refused("idempotency_key_reused", .invalid) {
            try await world.vouchers.decide(
                application.id, VoucherDecision(approve: false, reason: "x"),
                by: Self.keyed(try await world.cityAdmin(.huangshi), user: 3_001, "approve-1", "hash-b")
            )
        }
        try await world.expectClean()
    }

    @Test func paymentReplaysTheFirstResult() async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let held = try await f.open()
        _ = try await f.step(held.id, .confirm, invoice: "INV-1", by: f.labActor)
        _ = try await f.step(held.id, .accept, by: f.enterprise)
        world.clock.advance(by: 20 * VouchersWorld.day)
        let batch = try await world.settlements.approve(NewSettlement(period: "2026-11"), by: f.city)
        let city = Self.keyed(f.city, user: 3_001, "pay-1", "hash-a")
        let first = try await world.settlements.pay(batch.id, SettlementPayment(paymentReference: "HS-1"), by: city)
        let replay = try await world.settlements.pay(batch.id, SettlementPayment(paymentReference: "HS-1"), by: city)
        #expect(first.status == .paid && replay == first)
        #expect(try await world.transfers("settle") == 1)
        #expect(try await world.audits("settlement.pay") == 1)
        #expect(try await world.balance("settled:HS:2026:\(f.lab)") == 1_000_000)
        try await world.expectClean()
    }

    /// A refused request stores nothing under its key: once the cause is gone, the same key runs.
    @Test func refusedRequestIsNotRemembered() async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let entry = try await f.providerEntry(f.lab)
        let wuhan = try await world.cityAdmin(.wuhan)
        _ = try await world.providers.act(entry.id, ProviderAction(action: .suspend, reason: "调查"), by: wuhan)
        let enterprise = Self.keyed(f.enterprise, user: 2_001, "open-1", "hash-a")
        let input = NewRedemption(
            voucherId: f.voucher.id, providerOrganizationId: f.lab, contractNumber: "C-1", category: .testing,
            contractFen: 2_000_000)
        try await world.refused("provider_not_listed", .conflict) {
            try await world.redemptions.open(input, by: enterprise)
        }
        _ = try await world.providers.act(entry.id, ProviderAction(action: .reinstate), by: wuhan)
        let opened = try await world.redemptions.open(input, by: enterprise)
        #expect(try await world.redemptions.open(input, by: enterprise) == opened)
        #expect(try await world.transfers("hold") == 1)
    }

    /// Keys are kept for a day (the store's lifetime); after that the same key is a new request.
    @Test func keysExpireAfterTheirLifetime() async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let enterprise = Self.keyed(f.enterprise, user: 2_001, "open-1", "hash-a")
        let input = NewRedemption(
            voucherId: f.voucher.id, providerOrganizationId: f.lab, contractNumber: "C-1", category: .testing,
            contractFen: 2_000_000)
        let first = try await world.redemptions.open(input, by: enterprise)
        world.clock.advance(by: world.database.idempotencyLifetime - 1)
        #expect(try await world.redemptions.open(input, by: enterprise) == first)
        world.clock.advance(by: 1)
        // The key is forgotten: the request runs again, and the contract rule refuses a second
        // subsidy for the same contract (a replay would have answered the first result).
        try await world.refused("contract_fully_subsidised", .conflict) {
            try await world.redemptions.open(input, by: enterprise)
        }
        let other = NewRedemption(
            voucherId: f.voucher.id, providerOrganizationId: f.lab, contractNumber: "C-2", category: .testing,
            contractFen: 2_000_000)
        let later = try await world.redemptions.open(
            other, by: Self.keyed(f.enterprise, user: 2_001, "open-1", "hash-b"))
        #expect(later.id != first.id)
        #expect(try await world.transfers("hold") == 2)
        try await world.expectClean()
    }
}
