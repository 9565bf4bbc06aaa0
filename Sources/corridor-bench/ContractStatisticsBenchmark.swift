import Deals
import Foundation
import GRDB
import Identity
import Kernel
import Listings
import Vouchers
import Store

/// `corridor-bench contracts --rows N --data-dir DIR`: the turnover statistics (issue 16) over N
/// synthetic signed contracts between the seeded organisations, signed over the last three
/// years: a whole-period report, a year, a quarter and a month, each timed `--rounds × 20`
/// times after a warm-up; and, as the baseline in the same run, the cheapest read through the
/// same reader pool.
struct ContractStatisticsBenchmark {
    let options: Options

    func run() async throws {
        try FileManager.default.createDirectory(atPath: options.dataDir, withIntermediateDirectories: true)
        let path = options.dataDir + "/contracts.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let database = try AppDatabase.open(
            path: path, clock: SystemClock(),
            modules: [IdentityMigrations.all, ListingsMigrations.all, VouchersMigrations.all, DealsMigrations.all])
        _ = try IdentitySeeder.load(
            directory: URL(fileURLWithPath: options.repo).appendingPathComponent("Seeds"), into: database)
        let end = Date()
        var started = now()
        let seeded = try await ContractBenchmarkSeeding.seedSyntheticContractsForBenchmark(
            into: database, count: options.rows, end: end, seed: options.seed)
        say(String(format: "seeded %@ contracts in %.1f s", grouped(seeded), now() - started))
        try await database.truncateWriteAheadLog()
        let statistics = ContractStatistics(database: database)
        let day: TimeInterval = 86_400
        let ranges: [(String, Date?, Date?)] = [
            ("all", nil, nil), ("365 days", end.addingTimeInterval(-365 * day), end),
            ("90 days", end.addingTimeInterval(-90 * day), end), ("30 days", end.addingTimeInterval(-30 * day), end),
        ]
        let rounds = options.rounds * 20
        var baseline: [Double] = []
        for _ in 0..<rounds {
            started = now()
            _ = try await database.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
            baseline.append((now() - started) * 1_000)
        }
        say("baseline read (SELECT 1 through the reader pool) ms: \(Percentiles(baseline).line)")
        for (name, from, to) in ranges {
            let warm = try await statistics.report(from: from, to: to)
            var samples: [Double] = []
            for _ in 0..<rounds {
                started = now()
                _ = try await statistics.report(from: from, to: to)
                samples.append((now() - started) * 1_000)
            }
            let p = Percentiles(samples)
            say(
                "report \(name) (\(grouped(warm.contracts)) contracts) ms: \(p.line); ×\(String(format: "%.1f", p.p50 / max(0.001, Percentiles(baseline).p50))) the baseline's median"
            )
        }
        try database.close()
    }
}
