import GRDB
@_spi(Testing) import Store
import Testing
@testable import Vouchers

/// The fraud rules run on every open, confirm and accept: their look-backs must be answered
/// from an index alone, however many redemptions and contracts an enterprise has.
struct FraudLookupPlanTests {
    @Test(arguments: [
        (FraudRules.concentrationSQL, "voucher_redemptions_enterprise_recent"),
        (FraudRules.splittingSQL, "voucher_contracts_pair"),
    ])
    func lookBackReadsOneCoveringIndex(_ sql: String, _ index: String) throws {
        let world = try VouchersWorld()
        let values: [Int64] = Array([1, 1, 0, 0, 1_000].prefix(sql.filter { $0 == "?" }.count))
        let plan = try world.database.testWriter.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(values))
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("USING COVERING INDEX \(index)") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN voucher_") }, "\(plan)")
    }
}
