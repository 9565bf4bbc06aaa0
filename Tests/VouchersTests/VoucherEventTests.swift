import Foundation
import GRDB
import Identity
import Kernel
import Store
import Testing
@testable import Vouchers

/// Voucher writes tell whoever must act next, in the same transaction (the outbox): the city's
/// administrators of an application, the enterprise of the decision, the provider of a held
/// redemption, the enterprise of a delivery, both parties of a settled one; a refused write
/// tells nobody.
struct VoucherEventTests {
    struct Told: Equatable {
        var kind: String
        var users: Set<Int64>
    }

    func told(_ world: VouchersWorld, after id: Int64 = 0) async throws -> [Told] {
        try await world.database.read { db in
            try AppDatabase.outboxEvents(db, after: id, limit: 100).map { Told(kind: $0.kind, users: Set($0.users)) }
        }
    }

    func lastEventID(_ world: VouchersWorld) async throws -> Int64 {
        try await world.database.read { db in try AppDatabase.outboxEvents(db, after: 0, limit: 10_000).last?.id ?? 0 }
    }

    /// A real user (events go to users that exist and are active).
    func user(_ world: VouchersWorld, _ role: Role, in organization: Int64, _ name: String) async throws -> Int64 {
        try await UserService(database: world.database, passwords: Passwords(cost: 4)).create(
            in: organization, NewUser(username: name, displayName: name, role: role, password: "correct horse battery"),
            by: world.system
        ).user.id
    }

    @Test func eachStepTellsWhoeverActsNext() async throws {
        let world = try VouchersWorld()
        try await world.policy(.huangshi)
        let provider = try await world.listedProvider(.wuhan)
        let enterprise = try await world.enterprise(.huangshi)
        let huangshi = try await world.cityAdmin(.huangshi)
        let clerk = try await user(world, .cityAdmin, in: huangshi.organizationID!, "hs-clerk")
        let wuhanClerk = try await user(
            world, .cityAdmin, in: try await world.cityAdmin(.wuhan).organizationID!, "wh-clerk")
        let buyer = try await user(world, .orgMember, in: enterprise.organizationID!, "buyer")
        let seller = try await user(world, .orgAdmin, in: provider, "seller")
        var mark = try await lastEventID(world)

        let application = try await world.vouchers.apply(NewVoucherApplication(amountFen: 10_000_000), by: enterprise)
        #expect(
            try await told(world, after: mark) == [Told(kind: "voucher_application.awaiting_decision", users: [clerk])])
        #expect(!(try await told(world, after: mark)).contains { $0.users.contains(wuhanClerk) }, "not another city's")
        mark = try await lastEventID(world)
        let approved = try await world.vouchers.decide(application.id, VoucherDecision(approve: true), by: huangshi)
        #expect(try await told(world, after: mark) == [Told(kind: "voucher_application.decided", users: [buyer])])

        mark = try await lastEventID(world)
        let opened = try await world.redemptions.open(
            NewRedemption(
                voucherId: try #require(approved.voucherId), providerOrganizationId: provider, contractNumber: "WH-T-9",
                category: .testing, contractFen: 6_000_000),
            by: enterprise)
        #expect(try await told(world, after: mark) == [Told(kind: "redemption.awaiting_confirmation", users: [seller])])

        mark = try await lastEventID(world)
        _ = try await world.redemptions.step(
            opened.id, RedemptionStep(step: .confirm, invoiceNumber: "INV-9"),
            by: world.actor(.orgAdmin, provider, .wuhan))
        #expect(try await told(world, after: mark) == [Told(kind: "redemption.awaiting_acceptance", users: [buyer])])

        mark = try await lastEventID(world)
        _ = try await world.redemptions.step(opened.id, RedemptionStep(step: .accept), by: enterprise)
        #expect(try await told(world, after: mark) == [Told(kind: "redemption.settled", users: [buyer, seller])])
    }

    @Test func aRefusedWriteTellsNobody() async throws {
        let world = try VouchersWorld()
        try await world.policy(.huangshi)
        let enterprise = try await world.enterprise(.huangshi)
        _ = try await user(world, .cityAdmin, in: try await world.cityAdmin(.huangshi).organizationID!, "hs-clerk")
        let mark = try await lastEventID(world)
        await #expect(throws: DomainError.self) {
            _ = try await world.vouchers.apply(NewVoucherApplication(amountFen: 123), by: enterprise)
        }
        await #expect(throws: DomainError.self) {
            _ = try await world.vouchers.apply(
                NewVoucherApplication(amountFen: 10_000_000), by: world.actor(.orgMember, 1, .wuhan))
        }
        #expect(try await told(world, after: mark).isEmpty)
    }
}
