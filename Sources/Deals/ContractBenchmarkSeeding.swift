import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Benchmarks only (corridor-bench, BENCHMARKS.md: the statistics query at 100,000 contracts):
/// writes `count` synthetic signed contracts straight into a benchmark's own database through
/// Store's named `benchmarkWriter`, skipping the audit log and the lifecycle on purpose, so a
/// hundred thousand rows take seconds. Never called by the server.
public enum ContractBenchmarkSeeding {
    /// Signed contracts between seeded organisations, spread over the year before `end`, with
    /// about half registered. Returns the number written.
    @discardableResult
    public static func seedSyntheticContractsForBenchmark(
        into database: AppDatabase, count: Int, end: Date, seed: UInt64 = 42
    ) async throws -> Int {
        try await database.benchmarkWriter.write { db in
            let sellers = try OrganizationDirectory.summaries(db, kinds: ContractReferences.sellerKinds)
            let buyers = try OrganizationDirectory.summaries(db, kinds: [.enterprise])
            guard !sellers.isEmpty, !buyers.isEmpty else { return 0 }
            var random = SplitMix(state: seed)
            let types = ContractType.allCases
            let fields = Field.allCases
            let endMillis = Timestamp.millis(end)
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO deal_contracts (buyer_org_id, seller_org_id, buyer_city, seller_city, type, field, status,
                        value_fen, paid_fen, version, terms_hash, document, created_at, updated_at, signed_at, registered_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 1, '', '{}', ?, ?, ?, ?)
                    """)
            var written = 0
            for _ in 0..<count {
                let seller = sellers[Int(random.next() % UInt64(sellers.count))]
                var buyer = buyers[Int(random.next() % UInt64(buyers.count))]
                if buyer.id == seller.id { buyer = buyers[(buyers.firstIndex(of: buyer)! + 1) % buyers.count] }
                if buyer.id == seller.id { continue }
                let signed = endMillis - Int64(random.next() % 365) * 86_400_000 - Int64(random.next() % 86_400_000)
                let registered = random.next() % 2 == 0 ? signed + Int64(random.next() % 30) * 86_400_000 : nil
                try statement.execute(arguments: [
                    buyer.id, seller.id, buyer.city.rawValue, seller.city.rawValue,
                    types[Int(random.next() % UInt64(types.count))].rawValue,
                    fields[Int(random.next() % UInt64(fields.count))].rawValue,
                    registered == nil ? "signed" : "registered", Int64(random.next() % 10_000_000) * 100 + 100,
                    signed - 86_400_000, signed, signed, registered,
                ])
                written += 1
            }
            return written
        }
    }

    /// A small deterministic generator (SplitMix64), so runs are comparable.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
