import CorridorCrypto
import Foundation
import GRDB
import Kernel
import Store

/// The audit log's Merkle tree as stored: leaf i is audit entry seq i + 1; every complete
/// aligned subtree's hash is a row of `audit_tree`, so appending writes O(1) rows amortised
/// (O(log n) at worst) and any root or proof reads O(log² n) rows.
public struct AuditTree: Sendable {
    public let hasher: TreeHasher

    /// The tree of this database, with the hash recorded when it was created.
    public static func load(_ db: Database) throws -> AuditTree {
        let name = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM audit_settings WHERE key = 'hash'"))
        guard let name, let algorithm = DigestAlgorithm(rawValue: name) else {
            throw AuditLogError.corrupt("audit_settings has no known tree hash (found \(name ?? "nothing"))")
        }
        return AuditTree(hasher: TreeHasher(algorithm))
    }

    /// Refuses to run with a configured hash other than the one the database was created with.
    public static func check(_ db: Database, configured: DigestAlgorithm) throws {
        let recorded = try load(db).hasher.algorithm
        if recorded != configured {
            throw AuditLogError.hashMismatch(recorded: recorded, configured: configured)
        }
    }

    /// The number of leaves.
    public func size(_ db: Database) throws -> Int64 {
        (try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(idx) FROM audit_tree WHERE level = 0")) ?? -1) + 1
    }

    /// Adds entry `seq` as leaf `seq - 1`, first catching up with any entries the tree lacks.
    /// The write path's observer calls it; public for the benchmark.
    public func append(_ db: Database, seq: Int64, entry: [UInt8]) throws {
        var size = try size(db)
        if size < seq - 1 {
            try catchUp(db, through: seq - 1)
            size = try self.size(db)
        }
        guard size == seq - 1 else {
            throw AuditLogError.corrupt("the tree has \(size) leaves, entry \(seq) does not follow")
        }
        try store(
            db,
            TreeAppender(hasher: hasher).append(
                leafIndex: seq - 1, leafHash: hasher.leafHash(entry), nodes: StoredSubtrees(db: db)))
    }

    /// Appends entries up to `seq` that are in the audit log but not yet in the tree.
    func catchUp(_ db: Database, through seq: Int64) throws {
        var next = try size(db)
        guard next < seq else { return }
        try AuditLogReader.forEach(db, from: next + 1) { entry in
            guard entry.seq <= seq else { return }
            guard entry.seq == next + 1 else { throw AuditLogError.corrupt("audit entry \(next + 1) is missing") }
            try store(
                db,
                TreeAppender(hasher: hasher).append(
                    leafIndex: next, leafHash: hasher.leafHash(entry.canonicalBytes), nodes: StoredSubtrees(db: db)))
            next += 1
        }
    }

    private func store(_ db: Database, _ nodes: [StoredSubtree]) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO audit_tree (level, idx, hash) VALUES (?, ?, ?)")
        for node in nodes {
            try insert.execute(arguments: [node.level, node.index, Data(node.hash)])
        }
    }

    public func root(_ db: Database, size: Int64) throws -> [UInt8] {
        try MerkleTree.root(size: size, hasher: hasher, nodes: StoredSubtrees(db: db))
    }

    public func leafHash(_ db: Database, index: Int64) throws -> [UInt8]? {
        try Data.fetchOne(
            db.cachedStatement(sql: "SELECT hash FROM audit_tree WHERE level = 0 AND idx = ?"), arguments: [index]
        ).map { [UInt8]($0) }
    }

    /// The first leaf with this hash.
    public func leafIndex(_ db: Database, hash: [UInt8]) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT min(idx) FROM audit_tree WHERE level = 0 AND hash = ?"),
            arguments: [Data(hash)]
        )
    }

    public func inclusionProof(_ db: Database, index: Int64, size: Int64) throws -> [[UInt8]] {
        try MerkleTree.inclusionProof(index: index, size: size, hasher: hasher, nodes: StoredSubtrees(db: db))
    }

    public func consistencyProof(_ db: Database, first: Int64, second: Int64) throws -> [[UInt8]] {
        try MerkleTree.consistencyProof(first: first, second: second, hasher: hasher, nodes: StoredSubtrees(db: db))
    }
}

/// Subtree hashes read from `audit_tree` inside one transaction.
struct StoredSubtrees: SubtreeHashes {
    let db: Database

    func hash(level: Int, index: Int64) throws -> [UInt8] {
        let statement = try db.cachedStatement(sql: "SELECT hash FROM audit_tree WHERE level = ? AND idx = ?")
        guard let data = try Data.fetchOne(statement, arguments: [level, index]) else {
            throw MissingSubtree(level: level, index: index)
        }
        return [UInt8](data)
    }
}

public enum AuditLogError: Error, Sendable, Equatable, CustomStringConvertible {
    case corrupt(String)
    case hashMismatch(recorded: DigestAlgorithm, configured: DigestAlgorithm)

    public var description: String {
        switch self {
        case .corrupt(let what): "The audit tree is damaged: \(what)"
        case .hashMismatch(let recorded, let configured):
            "This database's audit tree was created with \(recorded.rawValue); the configuration asks for \(configured.rawValue). The hash never changes once a database exists."
        }
    }
}
