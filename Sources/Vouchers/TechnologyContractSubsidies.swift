import GRDB

/// What vouchers paid into platform technology contracts, for Deals' statistics (voucher money
/// per contract type). Redemptions of one contract are bound under the key
/// `technology-contract:<id>` (see `RedemptionTerms.bindingKey`).
public enum TechnologyContractSubsidies {
    /// Per technology contract: the voucher parts that redemptions opened in [from, to)
    /// (milliseconds) hold or were paid — cancelled, released, rejected and reversed ones count
    /// nothing, as for the contract's cap.
    public static func voucherFen(_ db: Database, from: Int64, to: Int64) throws -> [Int64: Int64] {
        let closed = RedemptionService.closedStates.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT c.contract_key AS key, sum(r.voucher_fen) AS fen
                FROM voucher_contracts c JOIN voucher_redemptions r ON r.contract_id = c.id
                WHERE c.contract_key LIKE 'technology-contract:%' AND r.created_at >= ? AND r.created_at < ?
                  AND r.status NOT IN (\(closed))
                GROUP BY c.contract_key
                """,
            arguments: [from, to])
        var result: [Int64: Int64] = [:]
        for row in rows {
            let key: String = row["key"]
            if let id = Int64(key.dropFirst("technology-contract:".count)) { result[id] = row["fen"] }
        }
        return result
    }
}
