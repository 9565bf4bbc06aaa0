import Foundation
import GRDB
import Kernel
import Store

/// What the clock decides, one row at a time: the ids due now (read once, at most 1,000 a
/// pass), then one audited transaction each that checks again and may find nothing to do (a
/// step or another sweeper got there first). Returns how many changed.
enum Sweep {
    static func run(
        _ database: AppDatabase, due sql: String, job: String, action: String,
        _ body: @escaping @Sendable (Database, WriteContext, Int64) throws -> Audited<Bool>
    ) async throws -> Int {
        let now = database.clock.now()
        let due = try await database.read { db in
            try Int64.fetchAll(db, sql: sql + " ORDER BY id LIMIT 1000", arguments: [Timestamp.millis(now)])
        }
        var count = 0
        for id in due {
            let changed = try await database.write(as: .system(job, requestID: "\(job)-\(id)"), action: action) {
                db, context in
                try body(db, context, id)
            }
            if changed { count += 1 }
        }
        return count
    }
}
