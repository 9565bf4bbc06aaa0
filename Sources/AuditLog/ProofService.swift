import Foundation
import GRDB
import Kernel
import Store

/// An RFC 6962 audit path, hashes in base64, leaf to root.
public struct InclusionProof: Codable, Sendable, Equatable {
    public var leafIndex: Int64
    public var treeSize: Int64
    public var leafHash: String
    public var rootHash: String
    public var hashes: [String]
}

/// An RFC 6962 consistency proof between two tree sizes, hashes in base64.
public struct ConsistencyProof: Codable, Sendable, Equatable {
    public var first: Int64
    public var second: Int64
    public var firstRoot: String
    public var secondRoot: String
    public var hashes: [String]
}

/// The public proofs. They reveal hashes only, never entries.
public struct ProofService: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// The audit path of leaf `index` in the tree of `size` leaves (default: the current size).
    public func inclusion(index: Int64, size: Int64?) async throws -> InclusionProof {
        try await database.read { db in
            let tree = try AuditTree.load(db)
            let size = try Self.size(db, tree: tree, requested: size, field: "size")
            guard index >= 0, index < size else {
                throw AuditProblem.outOfRange(
                    "index", "index 须在 0 与 \(size - 1) 之间", "index must be from 0 to \(size - 1)")
            }
            return try Self.inclusion(db, tree: tree, index: index, size: size)
        }
    }

    /// The audit path of the first leaf with this hash.
    public func inclusion(leafHash: [UInt8], size: Int64?) async throws -> InclusionProof {
        try await database.read { db in
            let tree = try AuditTree.load(db)
            let size = try Self.size(db, tree: tree, requested: size, field: "size")
            guard let index = try tree.leafIndex(db, hash: leafHash), index < size else {
                throw AuditProblem.leafNotFound
            }
            return try Self.inclusion(db, tree: tree, index: index, size: size)
        }
    }

    public func consistency(first: Int64, second: Int64?) async throws -> ConsistencyProof {
        try await database.read { db in
            let tree = try AuditTree.load(db)
            let second = try Self.size(db, tree: tree, requested: second, field: "second")
            guard first >= 1, first <= second else {
                throw AuditProblem.outOfRange("first", "first 须在 1 与 \(second) 之间", "first must be from 1 to \(second)")
            }
            return ConsistencyProof(
                first: first, second: second,
                firstRoot: Data(try tree.root(db, size: first)).base64EncodedString(),
                secondRoot: Data(try tree.root(db, size: second)).base64EncodedString(),
                hashes: try tree.consistencyProof(db, first: first, second: second).map {
                    Data($0).base64EncodedString()
                }
            )
        }
    }

    /// The leaf hashes of entries `start ≤ seq < end`, keyed by sequence number.
    public func leafHashes(_ db: Database, seqs: [Int64]) throws -> [Int64: String] {
        let tree = try AuditTree.load(db)
        var hashes: [Int64: String] = [:]
        for seq in seqs {
            if let hash = try tree.leafHash(db, index: seq - 1) { hashes[seq] = Data(hash).base64EncodedString() }
        }
        return hashes
    }

    static func size(_ db: Database, tree: AuditTree, requested: Int64?, field: String) throws -> Int64 {
        let current = try tree.size(db)
        guard let requested else { return current }
        guard requested >= 1, requested <= current else {
            throw AuditProblem.outOfRange(
                field, "\(field) 须在 1 与当前树大小 \(current) 之间",
                "\(field) must be from 1 to the current tree size \(current)")
        }
        return requested
    }

    static func inclusion(_ db: Database, tree: AuditTree, index: Int64, size: Int64) throws -> InclusionProof {
        InclusionProof(
            leafIndex: index, treeSize: size,
            leafHash: Data(try tree.leafHash(db, index: index) ?? []).base64EncodedString(),
            rootHash: Data(try tree.root(db, size: size)).base64EncodedString(),
            hashes: try tree.inclusionProof(db, index: index, size: size).map { Data($0).base64EncodedString() }
        )
    }
}
