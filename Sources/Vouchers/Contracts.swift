import Foundation
import GRDB
import Kernel

/// A contract number is bound, per provider, to its first value, enterprise and category; every
/// redemption of it together stays within ratio × value. An invoice number is used once per
/// issuing provider (in 通兑 its confirmation, in 通用 the enterprise's claim).
enum Contracts {
    struct Bound {
        /// The contract's row, nil when this redemption registers it.
        var id: Int64?
        /// The voucher part its live redemptions hold or were paid.
        var liveFen: Int64
    }

    static func bind(
        _ db: Database, provider: Int64, key: String, enterprise: Int64, contractFen: Int64,
        category: ServiceCategory
    ) throws -> Bound {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql:
                        "SELECT id, enterprise_org_id, contract_fen, category FROM voucher_contracts WHERE provider_org_id = ? AND contract_key = ?"
                ),
                arguments: [provider, key]
            )
        else { return Bound(id: nil, liveFen: 0) }
        let id: Int64 = row["id"]
        guard row["enterprise_org_id"] == enterprise else {
            throw VoucherError.contractBoundToOtherParty
        }
        guard row["contract_fen"] == contractFen else {
            throw VoucherError.contractValueDiffers(recorded: row["contract_fen"])
        }
        guard row["category"] == category.rawValue else {
            throw VoucherError.contractCategoryDiffers(recorded: row["category"])
        }
        let live =
            try Int64.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT coalesce(sum(voucher_fen), 0) FROM voucher_redemptions
                        WHERE contract_id = ? AND status NOT IN ('cancelled', 'released', 'rejected', 'reversed')
                        """),
                arguments: [id]
            ) ?? 0
        return Bound(id: id, liveFen: live)
    }

    /// Registers the contract on its first redemption; returns its id.
    static func attach(_ db: Database, _ bound: Bound, redemption: Redemption, key: String) throws -> Int64 {
        if let id = bound.id { return id }
        try db.cachedStatement(
            sql: """
                INSERT INTO voucher_contracts (provider_org_id, contract_key, enterprise_org_id, contract_fen, category, first_redemption_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                redemption.providerOrganizationId, key, redemption.enterpriseOrganizationId, redemption.contractFen,
                redemption.category.rawValue,
                redemption.id, Timestamp.millis(redemption.createdAt),
            ]
        )
        return db.lastInsertedRowID
    }

    static func checkInvoiceUnused(_ db: Database, provider: Int64, invoice: String, excluding redemption: Int64) throws
    {
        if let other = try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT id FROM voucher_redemptions WHERE provider_org_id = ? AND invoice_key = ? AND id <> ?
                    AND status NOT IN ('cancelled', 'released', 'rejected')
                    """),
            arguments: [provider, DocumentNumber.key(invoice), redemption]
        ) {
            throw VoucherError.invoiceAlreadyUsed(by: other)
        }
    }
}
