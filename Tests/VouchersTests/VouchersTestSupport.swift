import Foundation
import GRDB
import Identity
import Kernel
@_spi(Testing) import Store
import Testing
@testable import Vouchers

/// Runs `body`, which must be refused with a `DomainError` of this code (and kind, when
/// given). Returns the error for further checks of its details.
@discardableResult
func expectRefusal<T>(
    _ code: String, _ kind: DomainError.Kind? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async -> DomainError? {
    do {
        let value = try await body()
        Issue.record("expected the refusal \(code), got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as DomainError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let kind {
            #expect(error.kind == kind, "\(error.code): kind \(error.kind) ≠ \(kind)", sourceLocation: sourceLocation)
        }
        return error
    } catch {
        Issue.record("expected the refusal \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Everything a refused request must leave as it was: row counts of the ledger, the audit log,
/// idempotency keys and every voucher table, with the rows' states and documents.
struct Snapshot: Equatable, Sendable {
    var counts: [String: Int]
    var state: [String: String]
}

extension VouchersWorld {
    static let trackedTables = [
        "ledger_accounts", "ledger_transfers", "audit_log", "idempotency_keys", "voucher_policies", "voucher_providers",
        "voucher_applications", "vouchers", "voucher_redemptions", "voucher_settlements",
    ]

    func snapshot() async throws -> Snapshot {
        try await database.read { db in
            var counts: [String: Int] = [:]
            for table in Self.trackedTables {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1
            }
            let queries = [
                "balances":
                    "SELECT group_concat(id || '=' || balance, ',') FROM (SELECT id, balance FROM ledger_accounts ORDER BY id)",
                "policies":
                    "SELECT group_concat(id || ':' || current, ',') FROM (SELECT id, current FROM voucher_policies ORDER BY id)",
                "providers":
                    "SELECT group_concat(id || ':' || status || ':' || document, ',') FROM (SELECT * FROM voucher_providers ORDER BY id)",
                "applications":
                    "SELECT group_concat(id || ':' || status, ',') FROM (SELECT id, status FROM voucher_applications ORDER BY id)",
                "vouchers":
                    "SELECT group_concat(id || ':' || status, ',') FROM (SELECT id, status FROM vouchers ORDER BY id)",
                "redemptions":
                    "SELECT group_concat(id || ':' || status || ':' || document, ',') FROM (SELECT * FROM voucher_redemptions ORDER BY id)",
                "settlements":
                    "SELECT group_concat(id || ':' || status || ':' || document, ',') FROM (SELECT * FROM voucher_settlements ORDER BY id)",
            ]
            var state: [String: String] = [:]
            for (name, sql) in queries { state[name] = try String.fetchOne(db, sql: sql) ?? "" }
            return Snapshot(counts: counts, state: state)
        }
    }

    /// Expects `body` to be refused with `code` and the database to be exactly as before.
    @discardableResult
    func refused<T>(
        _ code: String, _ kind: DomainError.Kind? = nil, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> T
    ) async throws -> DomainError? {
        let before = try await snapshot()
        let error = await expectRefusal(code, kind, sourceLocation: sourceLocation, body)
        let after = try await snapshot()
        #expect(before == after, "the refused \(code) changed the database", sourceLocation: sourceLocation)
        return error
    }

    func count(_ sql: String, _ arguments: StatementArguments = StatementArguments()) async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    func transfers(_ kind: String) async throws -> Int {
        try await count("SELECT count(*) FROM ledger_transfers WHERE kind = ?", [kind])
    }

    func audits(_ action: String) async throws -> Int {
        try await count("SELECT count(*) FROM audit_log WHERE action = ?", [action])
    }

    /// Adds `count` plain enterprises to a city (for tests that need many applicants).
    func insertEnterprises(_ count: Int, city: CityCode) async throws -> [Int64] {
        let now = Timestamp.millis(clock.now())
        return try await database.testWriter.write { db in
            var ids: [Int64] = []
            for index in 0..<count {
                try db.execute(
                    sql:
                        "INSERT INTO organizations (kind, name, city, credit_code, created_at, updated_at) VALUES ('enterprise', ?, ?, ?, ?, ?)",
                    arguments: ["测试企业\(index)", city.rawValue, String(format: "914299%012d", index), now, now]
                )
                ids.append(db.lastInsertedRowID)
            }
            return ids
        }
    }

    /// Gives an organisation a phone and email (to make related parties).
    /// Changes the contact details as an organisation does (so their history is kept).
    func setContact(_ organization: Int64, phone: String?, email: String?) async throws {
        _ = try await OrganizationService(database: database, cacheLifetime: 0).update(
            organization, OrganizationPatch(contact: Organization.Contact(phone: phone, email: email)), by: system
        )
    }

    func organization(_ id: Int64) async throws -> Organization {
        try #require(try await database.read { db in try OrganizationDirectory.organization(db, id: id) })
    }

    /// A 通兑 redemption held with the provider, then confirmed (delivered) when asked.
    func held(
        _ voucher: Voucher, by enterprise: Actor, provider: Int64, contract: String = "C-1",
        category: ServiceCategory = .testing,
        contractFen: Int64 = 2_000_000
    ) async throws -> Redemption {
        try await redemptions.open(
            NewRedemption(
                voucherId: voucher.id, providerOrganizationId: provider, contractNumber: contract, category: category,
                contractFen: contractFen),
            by: enterprise
        )
    }

    func confirm(_ redemption: Redemption, provider: Int64, city: CityCode) async throws -> Redemption {
        try await redemptions.step(
            redemption.id, RedemptionStep(step: .confirm, invoiceNumber: "INV-\(redemption.id)"),
            by: actor(.orgAdmin, provider, city))
    }
}
