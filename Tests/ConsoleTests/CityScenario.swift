@testable import Console
import Foundation
import GRDB
import Identity
import Kernel
import Store
import Testing
import Vouchers

/// Voucher set-ups for the city and provider page tests, made through the domain services as
/// Tests/VouchersTests/VouchersWorld.swift does: policies, listed providers, vouchers.
struct CityScenario {
    static let day: TimeInterval = 86_400
    static let unit: Int64 = 100_000  // ¥1,000

    let world: ConsoleWorld

    /// The year the world's clock is in, in China.
    var year: Int { CityInput.calendar.component(.year, from: world.clock.now()) }

    func organization(_ kind: OrganizationKind, _ city: CityCode, _ index: Int = 0) async throws -> Int64 {
        let ids = try await world.database.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM organizations WHERE kind = ? AND city = ? ORDER BY id",
                arguments: [kind.rawValue, city.rawValue])
        }
        return ids[index]
    }

    func name(_ organization: Int64) async throws -> String {
        try await world.database.read { db in
            try String.fetchOne(db, sql: "SELECT name FROM organizations WHERE id = ?", arguments: [organization]) ?? ""
        }
    }

    /// One person per (organisation, role): separation of duties tells people apart by user.
    func actor(_ role: Role, _ organization: Int64, _ city: CityCode) -> Actor {
        let index = Int64(Role.allCases.firstIndex(of: role) ?? 0)
        return Actor(
            userID: 1_000_000 + organization * 10 + index, organizationID: organization, city: city, role: role,
            requestID: "test")
    }

    func cityAdmin(_ city: CityCode) async throws -> Actor {
        actor(.cityAdmin, try await organization(.government, city), city)
    }

    func enterprise(_ city: CityCode, _ index: Int = 0) async throws -> Actor {
        actor(.orgAdmin, try await organization(.enterprise, city, index), city)
    }

    /// This year's policy for the city: 50 % for testing and R&D, ¥1,000 units, open 300 days.
    @discardableResult
    func policy(_ city: CityCode) async throws -> VoucherPolicy {
        try await world.services.policies.create(
            NewVoucherPolicy(
                year: year, budgetFen: 1_000_000_000, unitFen: Self.unit, yearlyCapFen: 20_000_000,
                categories: [.init(category: .rd, ratioPermille: 500), .init(category: .testing, ratioPermille: 500)],
                validUntil: world.clock.now().addingTimeInterval(300 * Self.day)
            ),
            by: try await cityAdmin(city)
        )
    }

    /// The organisation listed in the registry: apply, approve, the notice days pass.
    func list(_ organization: Int64, _ city: CityCode) async throws {
        let applied = try await world.services.providers.apply(
            NewProvider(categories: ServiceCategory.allCases), by: actor(.orgAdmin, organization, city))
        _ = try await world.services.providers.act(
            applied.id, ProviderAction(action: .approve), by: try await cityAdmin(city))
        world.clock.advance(by: 7 * Self.day + 60)
        #expect(try await world.services.providers.get(applied.id, viewer: nil).status == .listed)
    }

    /// A voucher issued to the enterprise through application and approval.
    func voucher(_ enterprise: Actor, amount: Int64) async throws -> Voucher {
        let application = try await world.services.vouchers.apply(
            NewVoucherApplication(amountFen: amount), by: enterprise)
        let approved = try await world.services.vouchers.decide(
            application.id, VoucherDecision(approve: true), by: try await cityAdmin(enterprise.city!))
        return try await world.services.vouchers.voucher(try #require(approved.voucherId), viewer: enterprise)
    }

    func text(_ sql: String) async throws -> String? {
        try await world.database.read { db in try String.fetchOne(db, sql: sql) }
    }
}
