import AuditLog
import CorridorCrypto
import Foundation
import GRDB
import Kernel
import Store

/// `corridor-bench audit --rows N --data-dir DIR`: the audit tree's append cost, proof latency
/// and checkpoint cost at growing sizes (1k, 1M, …, N), and signing time per algorithm. The log
/// is filled synthetically (raw rows and tree nodes built with a frontier) between stages; each
/// stage then measures real appends through the same code the write path runs.
struct AuditBenchmark {
    let options: Options
    static let appends = 2_000
    static let proofs = 1_000

    func run() async throws {
        try FileManager.default.createDirectory(atPath: options.dataDir, withIntermediateDirectories: true)
        let path = options.dataDir + "/audit.sqlite"
        if !options.reuse {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let database = try AppDatabase.open(path: path, clock: SystemClock(), modules: [AuditLogMigrations.module()])
        let signer = try NoteSigner(name: "bench.corridor/audit", key: try SigningKey.generate(.ed25519))
        let checkpoints = CheckpointService(
            database: database, signing: AuditSigning(origin: "bench.corridor/audit", signers: [signer]))
        say("audit benchmark: \(path)")
        try signing()
        let stages = Array(Set([1_000, 1_000_000, 10_000_000].filter { $0 < options.rows } + [options.rows])).sorted()
        for stage in stages {
            let started = now()
            let filled = try fill(database, to: Int64(stage))
            if filled > 0 { say(String(format: "filled %@ leaves in %.0f s", grouped(Int(filled)), now() - started)) }
            try await measure(database, checkpoints: checkpoints)
        }
        try database.close()
    }

    /// Ed25519 and SM2 (with SM3) over a checkpoint body.
    func signing() throws {
        let body = Checkpoint(
            origin: "bench.corridor/audit", size: 10_000_000, rootHash: Digest.sha256(Array("root".utf8))
        ).body
        for algorithm in SignatureAlgorithm.allCases {
            let signer = try NoteSigner(name: "bench.corridor/audit", key: try SigningKey.generate(algorithm))
            let verifier = try signer.verifier
            var signs: [Double] = [], verifies: [Double] = []
            for _ in 0..<Self.appends {
                var t = now()
                let line = try signer.signatureLine(for: body)
                signs.append((now() - t) * 1_000)
                let note = try SignedNote(parsing: body + "\n" + line)
                t = now()
                guard note.verified(by: [verifier])?.count == 1 else { throw BenchError("a signature did not verify") }
                verifies.append((now() - t) * 1_000)
            }
            say("sign \(algorithm.rawValue): \(Percentiles(signs).line)")
            say("verify \(algorithm.rawValue): \(Percentiles(verifies).line)")
        }
    }

    /// Raw audit rows and their tree nodes up to `target` leaves; returns how many were added.
    func fill(_ database: AppDatabase, to target: Int64) throws -> Int64 {
        let hasher = TreeHasher(.sha256)
        return try database.benchmarkWriter.writeWithoutTransaction { db in
            var size = try AuditTree.load(db).size(db)
            let start = size
            guard size < target else { return 0 }
            // The frontier: the last complete subtree at each level, read back once.
            var frontier: [Int: [UInt8]] = [:]
            var level = 0, index = size
            while index > 0 {
                if index & 1 == 1 {
                    frontier[level] = [UInt8](
                        try Data.fetchOne(
                            db, sql: "SELECT hash FROM audit_tree WHERE level = ? AND idx = ?",
                            arguments: [level, index - 1])!)
                }
                index >>= 1
                level += 1
            }
            while size < target {
                try db.inTransaction {
                    let entry = try db.cachedStatement(
                        sql: """
                            INSERT INTO audit_log (seq, time, actor_kind, actor_name, action, target_type, target_id, request_id, change, hash)
                            VALUES (?, '2026-11-30T00:00:00.000Z', 'system', 'bench', 'bench.fill', 'bench', ?, 'bench', '{}', zeroblob(32))
                            """)
                    let node = try db.cachedStatement(sql: "INSERT INTO audit_tree (level, idx, hash) VALUES (?, ?, ?)")
                    for _ in 0..<min(100_000, target - size) {
                        try entry.execute(arguments: [size + 1, String(size)])
                        var hash = hasher.leafHash(Array("fill-\(size)".utf8))
                        var level = 0, index = size
                        try node.execute(arguments: [0, index, Data(hash)])
                        while index & 1 == 1 {
                            hash = hasher.nodeHash(frontier[level]!, hash)
                            level += 1
                            index >>= 1
                            try node.execute(arguments: [level, index, Data(hash)])
                        }
                        frontier[level] = hash
                        size += 1
                    }
                    return .commit
                }
            }
            return size - start
        }
    }

    func measure(_ database: AppDatabase, checkpoints: CheckpointService) async throws {
        let size = try await database.read { db in try AuditTree.load(db).size(db) }
        say("")
        say("== \(grouped(Int(size))) leaves, file \(mib(fileSize(options.dataDir + "/audit.sqlite")))")
        // The tree step alone, each in its own write transaction as in the write path.
        var appends: [Double] = []
        for n in 0..<Self.appends {
            let seq = size + Int64(n) + 1
            let elapsed = try await database.benchmarkWriter.write { db -> Double in
                try db.execute(
                    sql: """
                        INSERT INTO audit_log (seq, time, actor_kind, actor_name, action, target_type, target_id, request_id, change, hash)
                        VALUES (?, '2026-11-30T00:00:00.000Z', 'system', 'bench', 'bench.append', 'bench', ?, 'bench', '{}', zeroblob(32))
                        """, arguments: [seq, String(seq)])
                let t = now()
                try AuditTree.load(db).append(db, seq: seq, entry: Array("append-\(seq)".utf8))
                return (now() - t) * 1_000
            }
            appends.append(elapsed)
        }
        say("tree append (in the write transaction): \(Percentiles(appends).line)")
        // Whole audited writes through the one write path (entry, tree, commit with fsync).
        var writes: [Double] = []
        for n in 0..<Self.appends {
            let t = now()
            _ = try await database.write(as: .system("bench", requestID: "w\(n)"), action: "bench.write") { _, _ in
                Audited(n, target: "bench", id: String(n), change: ["n": .int(Int64(n))])
            }
            writes.append((now() - t) * 1_000)
        }
        say("audited write, whole: \(Percentiles(writes).line)")
        let total = size + Int64(2 * Self.appends)
        var generator = SeededGenerator(seed: options.seed)
        let proofs = ProofService(database: database)
        var inclusion: [Double] = [], consistency: [Double] = []
        for _ in 0..<Self.proofs {
            let index = Int64(generator.below(Int(total)))
            var t = now()
            _ = try await proofs.inclusion(index: index, size: total)
            inclusion.append((now() - t) * 1_000)
            t = now()
            _ = try await proofs.consistency(first: max(1, index), second: total)
            consistency.append((now() - t) * 1_000)
        }
        say("inclusion proof at \(grouped(Int(total))): \(Percentiles(inclusion).line)")
        say("consistency proof to \(grouped(Int(total))): \(Percentiles(consistency).line)")
        var made: [Double] = []
        for _ in 0..<20 {
            let t = now()
            try await checkpoints.checkpoint(force: true)
            made.append((now() - t) * 1_000)
        }
        say("checkpoint (root + Ed25519 + store): \(Percentiles(made).line)")
    }
}
