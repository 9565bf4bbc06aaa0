import Foundation
import GRDB
import Identity
import Kernel
import Store
import Testing
@testable import Vouchers

/// The story: a Huangshi enterprise with a Huangshi voucher buys testing from a Wuhan
/// provider (通兑) and R&D from a Xianning provider (通用); the month's settlement shows
/// Huangshi owing both; the batch is paid; the ledger is clean after every step.
struct CrossCityScenarioTests {
    @Test func huangshiPaysWuhanAndXianning() async throws {
        let world = try VouchersWorld()
        try await world.policy(.huangshi)
        let wuhanLab = try await world.listedProvider(.wuhan)
        let xianningRD = try await world.listedProvider(.xianning)
        let enterprise = try await world.enterprise(.huangshi)
        let huangshi = try await world.cityAdmin(.huangshi)
        try await world.expectClean("after the policy")

        let voucher = try await world.voucher(enterprise, amount: 10_000_000)  // ¥100,000
        #expect(VoucherNumber.isValid(voucher.number) && voucher.number.hasPrefix("HS-2026-"))
        #expect(voucher.balances.availableFen == 10_000_000)
        try await world.expectClean("after issuing")

        // 通兑: testing for ¥60,000 in Wuhan; the voucher pays 50 % = ¥30,000, held.
        let testing = try await world.redemptions.open(
            NewRedemption(
                voucherId: voucher.id, providerOrganizationId: wuhanLab, contractNumber: "WH-T-001", category: .testing,
                contractFen: 6_000_000),
            by: enterprise
        )
        #expect(testing.status == .held && testing.voucherFen == 3_000_000 && testing.review == .none)
        #expect(try await world.balance("held:\(voucher.id)") == 3_000_000)
        try await world.expectClean("after the hold")
        let wuhanProvider = world.actor(.orgMember, wuhanLab, .wuhan)
        _ = try await world.redemptions.step(
            testing.id, RedemptionStep(step: .confirm, invoiceNumber: "INV-WH-88"), by: wuhanProvider)
        let captured = try await world.redemptions.step(testing.id, RedemptionStep(step: .accept), by: enterprise)
        #expect(captured.status == .captured)
        #expect(try await world.balance("payable:HS:2026:\(wuhanLab)") == 3_000_000)
        try await world.expectClean("after capture")

        // 通用: R&D for ¥50,000 in Xianning, paid in full; the city approves the claim.
        let rd = try await world.redemptions.open(
            NewRedemption(
                voucherId: voucher.id, providerOrganizationId: xianningRD, contractNumber: "XN-RD-7", category: .rd,
                contractFen: 5_000_000,
                mode: .tongyong, invoiceNumber: "INV-XN-1"
            ),
            by: enterprise
        )
        #expect(rd.status == .claimed && rd.payeeOrganizationId == enterprise.organizationID)
        let approved = try await world.redemptions.step(rd.id, RedemptionStep(step: .approveClaim), by: huangshi)
        #expect(approved.status == .captured)
        try await world.expectClean("after the claim")
        let after = try await world.vouchers.voucher(voucher.id, viewer: enterprise)
        #expect(
            after.balances
                == Voucher.Balances(
                    availableFen: 4_500_000, heldFen: 0, capturedFen: 5_500_000, expiredFen: 0, revokedFen: 0))

        // The month's settlement: Huangshi owes Wuhan's lab and (通用) its own enterprise for Xianning's work.
        let report = try await world.settlements.report(period: "2026-11", viewer: huangshi)
        #expect(report.matrix["HS"]?["WH"] == 3_000_000)
        #expect(report.matrix["HS"]?["XN"] == 2_500_000)
        #expect(report.totalsByIssuingCity["HS"] == 5_500_000)
        #expect(Set(report.lines.map(\.payeeOrganizationId)) == [wuhanLab, enterprise.organizationID!])
        #expect(SettlementService.csv(report).split(separator: "\r\n").count == 3)

        // Too early: November has not ended.
        await #expect(throws: DomainError.self) {
            _ = try await world.settlements.approve(NewSettlement(period: "2026-11"), by: huangshi)
        }
        world.clock.advance(by: 22 * VouchersWorld.day)
        let batch = try await world.settlements.approve(NewSettlement(period: "2026-11"), by: huangshi)
        #expect(batch.totalFen == 5_500_000 && batch.items.count == 2)
        try await world.expectClean("after approving the batch")
        let alone = try await world.refused("same_person", .forbidden) {
            try await world.settlements.pay(
                batch.id, SettlementPayment(paymentReference: "HS-TREASURY-2026-12-001"), by: huangshi)
        }
        #expect(alone != nil)
        let paid = try await world.settlements.pay(
            batch.id, SettlementPayment(paymentReference: "HS-TREASURY-2026-12-001"),
            by: try await world.secondCityAdmin(.huangshi)
        )
        #expect(paid.status == .paid)
        #expect(try await world.balance("payable:HS:2026:\(wuhanLab)") == 0)
        #expect(try await world.balance("settled:HS:2026:\(wuhanLab)") == 3_000_000)
        try await world.expectClean("after payment")
        let settledReport = try await world.settlements.report(period: "2026-11", viewer: huangshi)
        #expect(settledReport.lines.allSatisfy { $0.settledFen == $0.amountFen })

        // Wuhan's admin cannot settle Huangshi's batch; a refund after payment is an adjustment.
        await #expect(throws: DomainError.self) {
            _ = try await world.settlements.pay(
                batch.id, SettlementPayment(paymentReference: "x"), by: try await world.cityAdmin(.wuhan))
        }
        let reversed = try await world.redemptions.step(
            testing.id, RedemptionStep(step: .reverse, reason: "服务未实际提供，已退款"), by: huangshi)
        #expect(reversed.status == .reversed)
        // Paid already: the provider owes it back (a receivable); the budget waits for the money.
        #expect(try await world.balance("settled:HS:2026:\(wuhanLab)") == 0)
        #expect(try await world.balance("receivable:HS:2026:\(wuhanLab)") == 3_000_000)
        try await world.expectClean("after the clawback")
    }
}
