import GRDB
import Kernel

/// Crediting broker organisations with the contracts they drafted for a client (issue 18).
enum ContractBrokerCredit {
    static func register(_ migrator: inout DatabaseMigrator) {
        // 019: the broker organisation that drafted a contract under a delegation (NULL otherwise).
        migrator.registerMigration("deals-019-contract-broker") { db in
            try db.execute(
                sql: """
                    ALTER TABLE deal_contracts ADD COLUMN broker_org_id INTEGER;
                    CREATE INDEX deal_contracts_broker ON deal_contracts (broker_org_id, signed_at)
                        WHERE broker_org_id IS NOT NULL;
                    """)
        }
    }

    /// Signed contracts in range per broker organisation (its id as the key), as turnover counts.
    static func byBroker(_ db: Database, _ range: ContractStatistics.Range) throws -> [ContractStatisticsReport.Amount]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT broker_org_id, count(*) AS contracts, sum(value_fen) AS value FROM deal_contracts
                WHERE broker_org_id IS NOT NULL AND signed_at IS NOT NULL AND signed_at >= ? AND signed_at < ?
                GROUP BY 1 ORDER BY 1 LIMIT 1000
                """, arguments: [range.low, range.high]
        ).map { row in
            ContractStatisticsReport.Amount(
                key: String(row["broker_org_id"] as Int64), contracts: row["contracts"], valueFen: row["value"])
        }
    }
}
