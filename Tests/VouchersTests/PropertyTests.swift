import Foundation
import GRDB
import Identity
import Kernel
import PropertyBased
import Store
import Testing
@testable import Vouchers

/// Random operation sequences (x-sheep/swift-property-based generates them and shrinks a failing
/// one): applications and approvals, redemptions in both modes with every step, reviews,
/// claims, reversals, provider suspensions, the clock, expiry, hold release and monthly
/// settlement. After every operation every invariant must hold, and a refused operation must
/// leave the database exactly as it was.
struct PropertyTests {
    @Test func randomSequencesKeepEveryInvariant() async {
        await propertyCheck(count: 25, input: Gen.int(in: 0...Int(Int32.max)).array(of: 30...80)) { codes in
            let machine = try await Machine.make()
            for (index, code) in codes.enumerated() {
                try await machine.step(code, index: index)
            }
            try await machine.finish()
        }
    }

    /// One sequence's world and what it has made so far.
    final class Machine {
        static let huangshiBudget: Int64 = 60_000_000
        static let cap: Int64 = 20_000_000
        static let contracts: [Int64] = [
            100_000, 250_000, 1_000_000, 2_000_000, 2_000_000, 3_000_000, 4_500_000, 4_500_000, 9_600_000, 9_800_000,
            30_000_000,
        ]

        let world: VouchersWorld
        let enterprises: [Actor]
        /// Listed providers: (organisation, city, registry id).
        let providers: [(Int64, CityCode, Int64)]
        var vouchers: [Int64] = []
        var redemptions: [Int64] = []
        var batches: [Int64] = []
        var log: [String] = []
        var refusals: [String: Int] = [:]
        /// Audit entries expected: one per successful write, none for a refusal.
        var audits = 0

        init(world: VouchersWorld, enterprises: [Actor], providers: [(Int64, CityCode, Int64)]) {
            self.world = world
            self.enterprises = enterprises
            self.providers = providers
        }

        static func make() async throws -> Machine {
            let world = try VouchersWorld()
            try await world.policy(.huangshi, budget: huangshiBudget, cap: cap, holdHours: 72)
            try await world.policy(.wuhan, cap: cap, holdHours: 24 * 10)
            // Four providers through the registry, on notice together: listed after seven days.
            var providers: [(Int64, CityCode, Int64)] = []
            for (city, index, categories) in [
                (CityCode.wuhan, 1, [ServiceCategory.testing, .rd]), (.xianning, 0, ServiceCategory.allCases),
                (.huangshi, 0, [.testing, .instrumentSharing]),
                (.wuhan, 0, [.technologyTransfer]),
            ] {
                let applicant = try await world.providerActor(city, index)
                let entry = try await world.providers.apply(NewProvider(categories: categories), by: applicant)
                _ = try await world.providers.act(
                    entry.id, ProviderAction(action: .approve), by: try await world.cityAdmin(city))
                providers.append((applicant.organizationID!, city, entry.id))
            }
            world.clock.advance(by: 7 * VouchersWorld.day)
            var enterprises: [Actor] = []
            for index in 0..<3 {
                enterprises.append(try await world.enterprise(.huangshi, index))
                enterprises.append(try await world.enterprise(.wuhan, index))
            }
            let machine = Machine(world: world, enterprises: enterprises, providers: providers)
            // Two vouchers to start with, so that redemptions come early.
            machine.vouchers.append(try await world.voucher(enterprises[0], amount: 15_000_000).id)
            machine.vouchers.append(try await world.voucher(enterprises[1], amount: 20_000_000).id)
            machine.audits = try await world.count("SELECT count(*) FROM audit_log")
            return machine
        }

        func pick<T>(_ items: [T], _ seed: Int) -> T? { items.isEmpty ? nil : items[seed % items.count] }

        func admin(_ city: CityCode) async throws -> Actor { try await world.cityAdmin(city) }

        /// Mostly one the step applies to (in one of `states`, under review when asked); one
        /// time in five any redemption, so that wrong states are tried too.
        func redemption(
            _ seed: Int, _ states: [Redemption.Status], underReview: Bool = false
        ) async throws -> Redemption? {
            var candidates = redemptions
            if seed % 5 != 0 {
                let list = states.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                candidates = try await world.database.read { db in
                    try Int64.fetchAll(
                        db,
                        sql:
                            "SELECT id FROM voucher_redemptions WHERE status IN (\(list)) AND (? = 0 OR review = 'pending') ORDER BY id",
                        arguments: [underReview]
                    )
                }
            }
            guard let id = pick(candidates, seed / 5) else { return nil }
            return try await world.redemptions.get(id, viewer: .system("property", requestID: "read"))
        }

        func providerActor(_ redemption: Redemption) -> Actor {
            world.actor(.orgAdmin, redemption.providerOrganizationId, redemption.providerCity)
        }

        func enterpriseActor(_ redemption: Redemption) -> Actor {
            world.actor(.orgAdmin, redemption.enterpriseOrganizationId, redemption.issuingCity)
        }

        /// Decodes one operation from `code` and runs it.
        func step(_ code: Int, index: Int) async throws {
            let text = try await perform(Self.operations[code % Self.operations.count], code / Self.operations.count)
            log.append("\(index): \(text)")
            try await checkInvariants(after: index)
        }

        /// One write: counted for the audit log when it succeeds; when refused, it must have
        /// changed nothing.
        func write<T>(_ body: () async throws -> T) async throws -> T? {
            let before = try await world.snapshot()
            do {
                let value = try await body()
                audits += 1
                return value
            } catch let error as DomainError {
                refusals[error.code, default: 0] += 1
                log.append("   refused \(error.code)")
                let after = try await world.snapshot()
                #expect(before == after, "refused \(error.code) changed the database\n\(log.joined(separator: "\n"))")
                return nil
            }
        }

        static let calendar: Calendar = {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
            return calendar
        }()

        /// The operations, weighted by how often they come up.
        static let operations: [Int] = [
            0, 0, 0, 2, 2, 2, 2, 2, 4, 4, 4, 5, 5, 5, 6, 7, 8, 9, 9, 10, 10, 11, 12, 13, 13, 13, 14, 15, 16, 16, 17,
        ]

        func perform(_ op: Int, _ seed: Int) async throws -> String {
            switch op {
            case 0:
                guard let enterprise = pick(enterprises, seed) else { return "no enterprise" }
                let units = Int64(1 + (seed / 8) % 60)
                guard
                    let application = try await write({
                        try await world.vouchers.apply(
                            NewVoucherApplication(amountFen: units * VouchersWorld.unit, year: 2026), by: enterprise)
                    })
                else { return "apply \(units) units: refused" }
                let decision: VoucherDecision =
                    switch (seed / 512) % 6 {
                    case 0: VoucherDecision(approve: false, reason: "材料不全")
                    case 1: VoucherDecision(approve: true, amountFen: max(1, units / 2) * VouchersWorld.unit)
                    default: VoucherDecision(approve: true)
                    }
                let city = try await admin(enterprise.city!)
                guard
                    let decided = try await write({
                        try await world.vouchers.decide(application.id, decision, by: city)
                    })
                else {
                    return "apply \(units) units, decision refused"
                }
                if let voucher = decided.voucherId { vouchers.append(voucher) }
                return "apply \(units) units → \(decided.status.rawValue)"
            case 2:
                guard let voucherID = pick(vouchers, seed), let provider = pick(providers, seed / 7) else {
                    return "nothing to open"
                }
                let voucher = try await world.vouchers.voucher(
                    voucherID, viewer: .system("property", requestID: "read"))
                let registered = try await world.providers.get(provider.2, viewer: nil).categories
                let category =
                    (seed / 53) % 6 == 0
                    ? ServiceCategory.allCases[(seed / 13) % 4] : registered[(seed / 13) % registered.count]
                let contract = Self.contracts[(seed / 211) % Self.contracts.count]
                let tongyong = (seed / 1_699) % 4 == 0
                let input = NewRedemption(
                    voucherId: voucherID, providerOrganizationId: provider.0, contractNumber: "C-\(redemptions.count)",
                    category: category,
                    contractFen: contract, mode: tongyong ? .tongyong : .tongdui,
                    invoiceNumber: tongyong ? "INV-\(redemptions.count)" : nil
                )
                let enterprise = world.actor(.orgMember, voucher.enterpriseOrganizationId, voucher.city)
                guard let opened = try await write({ try await world.redemptions.open(input, by: enterprise) }) else {
                    return "open on \(voucherID) \(category.rawValue) \(contract): refused"
                }
                redemptions.append(opened.id)
                return "open \(opened.id) \(opened.mode.rawValue) \(opened.voucherFen) flags \(opened.flags)"
            case 4:
                guard let redemption = try await redemption(seed, [.held]) else { return "nothing to confirm" }
                let actor = providerActor(redemption)
                _ = try await write {
                    try await world.redemptions.step(
                        redemption.id, RedemptionStep(step: .confirm, invoiceNumber: "INV-\(redemption.id)"), by: actor)
                }
                return "confirm \(redemption.id)"
            case 5:
                guard let redemption = try await redemption(seed, [.delivered, .disputed]) else {
                    return "nothing to accept"
                }
                let actor = enterpriseActor(redemption)
                _ = try await write {
                    try await world.redemptions.step(redemption.id, RedemptionStep(step: .accept), by: actor)
                }
                return "accept \(redemption.id)"
            case 6:
                guard let redemption = try await redemption(seed, [.delivered]) else { return "nothing to dispute" }
                let actor = enterpriseActor(redemption)
                _ = try await write {
                    try await world.redemptions.step(
                        redemption.id, RedemptionStep(step: .dispute, reason: "不满意"), by: actor)
                }
                return "dispute \(redemption.id)"
            case 7:
                guard let redemption = try await redemption(seed, [.held, .delivered, .disputed, .claimed]) else {
                    return "nothing to cancel"
                }
                let actor = (seed / 97) % 2 == 0 ? enterpriseActor(redemption) : providerActor(redemption)
                _ = try await write {
                    try await world.redemptions.step(
                        redemption.id, RedemptionStep(step: .cancel, reason: "取消"), by: actor)
                }
                return "cancel \(redemption.id)"
            case 8:
                guard
                    let redemption = try await redemption(
                        seed, [.held, .delivered, .disputed, .claimed], underReview: true)
                else {
                    return "nothing to review"
                }
                let approve = (seed / 97) % 3 != 0
                let step =
                    approve ? RedemptionStep(step: .approveReview) : RedemptionStep(step: .rejectReview, reason: "关联交易")
                let city = try await admin(redemption.issuingCity)
                _ = try await write { try await world.redemptions.step(redemption.id, step, by: city) }
                return "\(approve ? "approve" : "reject") review \(redemption.id)"
            case 9:
                guard let redemption = try await redemption(seed, [.claimed]) else { return "no claim" }
                let approve = (seed / 97) % 3 != 0
                let step =
                    approve ? RedemptionStep(step: .approveClaim) : RedemptionStep(step: .rejectClaim, reason: "发票不符")
                let city = try await admin(redemption.issuingCity)
                _ = try await write { try await world.redemptions.step(redemption.id, step, by: city) }
                return "\(approve ? "approve" : "reject") claim \(redemption.id)"
            case 10:
                if seed % 2 == 0 {
                    // To the first morning of next month, where last month can be settled.
                    let calendar = Self.calendar
                    let month = calendar.dateInterval(of: .month, for: world.clock.now())!
                    world.clock.set(month.end.addingTimeInterval(9 * 3_600))
                    return "advance to \(month.end)"
                }
                let hours: Double = [1, 12, 48, 5 * 24][(seed / 2) % 4]
                world.clock.advance(by: hours * 3_600)
                return "advance \(hours) h"
            case 11:
                let expired = try await world.vouchers.expireDue()
                audits += expired
                return "expired \(expired)"
            case 12:
                let released = try await world.redemptions.releaseExpiredHolds()
                let accepted = try await world.redemptions.acceptSilentDeliveries()
                audits += released + accepted
                return "released \(released), accepted by silence \(accepted)"
            case 16:
                guard let redemption = try await redemption(seed, [.disputed]) else { return "no dispute" }
                let outcome = RedemptionStep.Outcome.allCases[(seed / 97) % 3]
                let part = outcome == .payPart ? max(1, redemption.voucherFen / 2) : nil
                let step = RedemptionStep(step: .decideDispute, reason: "裁定", outcome: outcome, amountFen: part)
                let city = try await admin(redemption.issuingCity)
                _ = try await write { try await world.redemptions.step(redemption.id, step, by: city) }
                return "decide dispute \(redemption.id) \(outcome.rawValue)"
            case 17:
                guard (seed / 7) % 4 == 0, let voucherID = pick(vouchers, seed) else { return "no revocation" }
                let voucher = try await world.vouchers.voucher(
                    voucherID, viewer: .system("property", requestID: "read"))
                let city = try await admin(voucher.city)
                _ = try await write {
                    try await world.vouchers.revoke(voucherID, VoucherRevocation(reason: "骗取"), by: city)
                }
                return "revoke \(voucherID)"
            case 13:
                return try await settle(seed)
            case 14:
                guard let redemption = try await redemption(seed, [.captured]) else { return "nothing to reverse" }
                let city = try await admin(redemption.issuingCity)
                _ = try await write {
                    try await world.redemptions.step(
                        redemption.id, RedemptionStep(step: .reverse, reason: "退款"), by: city)
                }
                return "reverse \(redemption.id)"
            default:
                guard let provider = pick(providers, seed) else { return "no provider" }
                let current = try await world.providers.get(provider.2, viewer: nil)
                // Suspend now and then; reinstate whenever a suspended one comes up.
                if current.status == .listed, (seed / 5) % 3 != 0 { return "provider \(provider.0) stays listed" }
                let action =
                    current.status == .listed
                    ? ProviderAction(action: .suspend, reason: "调查") : ProviderAction(action: .reinstate)
                let city = try await admin(provider.1)
                _ = try await write { try await world.providers.act(provider.2, action, by: city) }
                return "\(action.action.rawValue) provider \(provider.0)"
            }
        }

        /// Approve last month's batch for a city, or pay an approved one.
        func settle(_ seed: Int) async throws -> String {
            // Mostly a city that has something captured and unsettled.
            let owing = try await world.database.read { db in
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT DISTINCT issuing_city FROM voucher_redemptions WHERE status = 'captured' AND settlement_id IS NULL"
                )
            }.compactMap(CityCode.init(rawValue:))
            let city: CityCode = pick(owing, seed / 4) ?? (seed % 2 == 0 ? .huangshi : .wuhan)
            if (seed / 2) % 2 == 0, let batch = batches.first {
                let payer = try await world.secondCityAdmin(
                    try await world.settlements.get(batch, viewer: .system("property", requestID: "read")).city)
                guard
                    let paid = try await write({
                        try await world.settlements.pay(
                            batch, SettlementPayment(paymentReference: "PAY-\(batch)"), by: payer)
                    })
                else { return "pay batch \(batch): refused" }
                batches.removeFirst()
                return "pay batch \(paid.id) \(paid.totalFen)"
            }
            let calendar = Self.calendar
            let lastMonth = calendar.date(byAdding: .month, value: -1, to: world.clock.now())!
            let parts = calendar.dateComponents([.year, .month], from: lastMonth)
            let period = String(format: "%04d-%02d", parts.year!, parts.month!)
            let cityAdmin = try await admin(city)
            guard
                let batch = try await write({
                    try await world.settlements.approve(NewSettlement(period: period), by: cityAdmin)
                })
            else {
                return "approve \(city.rawValue) \(period): refused"
            }
            batches.append(batch.id)
            return "approve \(city.rawValue) \(period) batch \(batch.id) \(batch.totalFen)"
        }

        func checkInvariants(after index: Int) async throws {
            let report = try await world.ledger()
            let problems = try await world.database.read { db in try Self.violations(db) }
            let context = Comment(rawValue: "after step \(index):\n\(log.joined(separator: "\n"))")
            #expect(report.clean, "\(report.violations)\n\(context.rawValue)")
            #expect(problems.isEmpty, "\(problems)\n\(context.rawValue)")
            #expect(
                try await world.count("SELECT count(*) FROM audit_log") == audits,
                "one audit entry per change\n\(context.rawValue)")
        }

        /// The invariants beyond `LedgerCheck`, from the business tables and the voucher readings.
        static func violations(_ db: Database) throws -> [String] {
            var problems: [String] = []
            if let negative = try String.fetchOne(
                db, sql: "SELECT code FROM ledger_accounts WHERE kind <> 'treasury' AND balance < 0")
            {
                problems.append("negative balance: \(negative)")
            }
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM vouchers") {
                guard let voucher = try VoucherService.voucher(db, id: id) else { continue }
                let b = voucher.balances
                if b.availableFen + b.heldFen + b.capturedFen + b.expiredFen + b.revokedFen != voucher.faceFen {
                    problems.append("voucher \(voucher.number): \(b) ≠ face \(voucher.faceFen)")
                }
                let open =
                    try Int64.fetchOne(
                        db,
                        sql:
                            "SELECT coalesce(sum(voucher_fen), 0) FROM voucher_redemptions WHERE voucher_id = ? AND status IN ('held', 'delivered', 'disputed', 'claimed')",
                        arguments: [id]
                    ) ?? 0
                if open != b.heldFen {
                    problems.append("voucher \(voucher.number): held \(b.heldFen) ≠ open redemptions \(open)")
                }
                if voucher.status == .expired, b.availableFen != 0 {
                    problems.append("voucher \(voucher.number): expired with \(b.availableFen) available")
                }
            }
            // What each payee is owed and has been paid, from the redemptions and batches.
            for (kind, paid) in [
                ("payable", "s.status IS NULL OR s.status <> 'paid'"), ("settled", "s.status = 'paid'"),
            ] {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.code, a.balance, (SELECT coalesce(sum(r.voucher_fen), 0) FROM voucher_redemptions r
                            JOIN vouchers v ON v.id = r.voucher_id LEFT JOIN voucher_settlements s ON s.id = r.settlement_id
                            WHERE r.payee_org_id = a.payee_org_id AND r.issuing_city = a.city AND v.year = a.year AND r.status = 'captured'
                              AND (\(paid))) AS expected
                        FROM ledger_accounts a WHERE a.kind = ?
                        """,
                    arguments: [kind]
                )
                for row in rows where (row["balance"] as Int64) != (row["expected"] as Int64) {
                    problems.append(
                        "\(row["code"] as String): \(row["balance"] as Int64) ≠ captured redemptions \(row["expected"] as Int64)"
                    )
                }
                let total =
                    try Int64.fetchOne(
                        db,
                        sql: """
                            SELECT coalesce(sum(r.voucher_fen), 0) FROM voucher_redemptions r LEFT JOIN voucher_settlements s ON s.id = r.settlement_id
                            WHERE r.status = 'captured' AND (\(paid))
                            """
                    ) ?? 0
                let accounts =
                    try Int64.fetchOne(
                        db, sql: "SELECT coalesce(sum(balance), 0) FROM ledger_accounts WHERE kind = ?",
                        arguments: [kind]) ?? 0
                if total != accounts { problems.append("\(kind) accounts \(accounts) ≠ captured redemptions \(total)") }
            }
            // The yearly cap and the budget.
            if let over = try Row.fetchOne(
                db,
                sql: """
                    SELECT enterprise_org_id, city, sum(face_fen) AS issued FROM vouchers WHERE status <> 'revoked'
                    GROUP BY enterprise_org_id, city, year HAVING issued > ?
                    """,
                arguments: [cap]
            ) {
                problems.append("over the yearly cap: \(over)")
            }
            for (city, budget) in [("HS", huangshiBudget), ("WH", Int64(1_000_000_000))] {
                let treasury =
                    try Int64.fetchOne(
                        db, sql: "SELECT balance FROM ledger_accounts WHERE code = ?",
                        arguments: ["treasury:\(city):2026"]) ?? 0
                if treasury != -budget { problems.append("treasury \(city) \(treasury) ≠ −\(budget)") }
            }
            // Nothing flagged is captured without the city's approval.
            let unreviewed =
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT count(*) FROM voucher_redemptions WHERE status IN ('captured', 'reversed') AND review IN ('pending', 'rejected')"
                ) ?? 0
            if unreviewed > 0 { problems.append("\(unreviewed) flagged redemptions captured without review") }
            // Every settled redemption is in a batch of its issuing city.
            let strays =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM voucher_redemptions r JOIN voucher_settlements s ON s.id = r.settlement_id
                        WHERE s.city <> r.issuing_city OR r.status NOT IN ('captured', 'reversed')
                        """
                ) ?? 0
            if strays > 0 { problems.append("\(strays) redemptions in a wrong batch") }
            return problems
        }

        /// At the end, a last sweep: expire everything, release every hold; still clean.
        func finish() async throws {
            world.clock.advance(by: 200 * VouchersWorld.day)
            audits += try await world.vouchers.expireDue()
            audits += try await world.redemptions.releaseExpiredHolds()
            audits += try await world.redemptions.acceptSilentDeliveries()
            try await checkInvariants(after: log.count)
            let held = try await world.count("SELECT count(*) FROM voucher_redemptions WHERE status = 'held'")
            #expect(held == 0, "every hold never delivered is released in the end")
            let unanswered = try await world.count(
                "SELECT count(*) FROM voucher_redemptions WHERE status = 'delivered' AND review IN ('none', 'approved')"
            )
            #expect(unanswered == 0, "every delivery left unanswered is accepted in the end")
        }
    }
}
