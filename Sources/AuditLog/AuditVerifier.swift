import CorridorCrypto
import Foundation
import GRDB
import Store

/// What `corridor audit verify` found.
public struct AuditVerification: Sendable, Equatable {
    public var entries: Int64 = 0
    public var treeSize: Int64 = 0
    public var checkpoints = 0
    public var hash: DigestAlgorithm = .sha256
    /// The first leaf index (entry seq − 1) found altered, missing or out of order.
    public var firstBadIndex: Int64?
    public var problems: [String] = []

    public var isClean: Bool { problems.isEmpty }

    mutating func bad(_ index: Int64?, _ problem: String) {
        if let index { firstBadIndex = min(firstBadIndex ?? index, index) }
        if problems.count < 50 { problems.append(problem) }
    }
}

/// Recomputes the audit log's tree from the entries and checks it against the stored tree,
/// every stored checkpoint's root and signature, and the append-only triggers.
public enum AuditVerifier {
    public static func verify(_ db: Database, verifiers: [NoteVerifier]) throws -> AuditVerification {
        var result = AuditVerification()
        let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        for trigger in AuditLogMigrations.triggers where !present.contains(trigger) {
            result.bad(nil, "trigger \(trigger) is missing: the append-only guard was removed")
        }
        let tree = try AuditTree.load(db)
        result.hash = tree.hasher.algorithm
        let checkpoints = try Row.fetchAll(
            db, sql: "SELECT id, tree_size, root_hash, note FROM audit_checkpoints ORDER BY tree_size, id")
        var pending = checkpoints.map {
            (
                id: $0["id"] as Int64, size: $0["tree_size"] as Int64, root: [UInt8]($0["root_hash"] as Data),
                note: $0["note"] as String
            )
        }
        result.checkpoints = pending.count
        for checkpoint in pending {
            checkSignature(
                checkpoint.id, note: checkpoint.note, root: checkpoint.root, size: checkpoint.size,
                verifiers: verifiers, into: &result)
        }
        var frontier = Frontier(hasher: tree.hasher)
        let storedLeaf = try db.cachedStatement(sql: "SELECT hash FROM audit_tree WHERE level = 0 AND idx = ?")
        let storedNode = try db.cachedStatement(sql: "SELECT hash FROM audit_tree WHERE level = ? AND idx = ?")
        pending.removeAll { $0.size == 0 }
        try AuditLogReader.forEach(db) { entry in
            let index = result.entries
            result.entries += 1
            if entry.seq != index + 1 {
                result.bad(index, "entry \(index + 1) is missing or out of order (found seq \(entry.seq) in its place)")
            }
            if Digest.sha256(entry.canonicalBytes) != entry.hash {
                result.bad(index, "entry \(entry.seq): its stored digest does not match its content")
            }
            let leaf = tree.hasher.leafHash(entry.canonicalBytes)
            if let stored = try Data.fetchOne(storedLeaf, arguments: [index]), [UInt8](stored) != leaf {
                result.bad(
                    index,
                    "entry \(entry.seq) (leaf \(index)) does not match its leaf hash in the tree: the entry was altered"
                )
            }
            // Every inner node the leaf completes, against the stored one: proofs are built from
            // them, and a node in no current root would otherwise go unchecked.
            for node in frontier.append(leaf) {
                let stored = try Data.fetchOne(storedNode, arguments: [node.level, node.index]).map { [UInt8]($0) }
                if stored != node.hash {
                    let found = stored == nil ? "is missing" : "does not match the entries beneath it"
                    result.bad(
                        nil,
                        "the stored tree node at level \(node.level), index \(node.index) \(found): the tree was rewritten"
                    )
                }
            }
            while let next = pending.first, next.size == frontier.size {
                pending.removeFirst()
                if frontier.root != next.root {
                    result.bad(
                        index,
                        "checkpoint \(next.id) (size \(next.size)) does not match the entries: history before it was rewritten"
                    )
                }
            }
        }
        result.treeSize = try tree.size(db)
        for missing in pending {
            result.bad(
                result.entries,
                "checkpoint \(missing.id) covers \(missing.size) entries but the log has \(result.entries): entries were deleted"
            )
        }
        if result.treeSize != result.entries {
            result.bad(
                min(result.treeSize, result.entries),
                "the tree has \(result.treeSize) leaves for \(result.entries) entries")
        } else if result.entries > 0, try tree.root(db, size: result.entries) != frontier.root {
            result.bad(nil, "the stored tree's inner nodes do not match its leaves")
        }
        return result
    }

    static func checkSignature(
        _ id: Int64, note: String, root: [UInt8], size: Int64, verifiers: [NoteVerifier],
        into result: inout AuditVerification
    ) {
        guard let parsed = try? SignedNote(parsing: note), let checkpoint = try? Checkpoint(body: parsed.text) else {
            result.bad(nil, "checkpoint \(id): the stored note does not parse")
            return
        }
        if checkpoint.size != size || checkpoint.rootHash != root {
            result.bad(
                nil,
                "checkpoint \(id): the note says size \(checkpoint.size) but the row says \(size), or the roots differ")
        }
        guard let good = parsed.verified(by: verifiers) else {
            result.bad(nil, "checkpoint \(id): a signature by a known key does not verify")
            return
        }
        if good.isEmpty { result.bad(nil, "checkpoint \(id): no signature by a configured key") }
    }
}

/// The right edge of a tree being built leaf by leaf: one hash per set bit of the size.
struct Frontier {
    let hasher: TreeHasher
    private(set) var size: Int64 = 0
    private var nodes: [[UInt8]] = []

    init(hasher: TreeHasher) {
        self.hasher = hasher
    }

    /// Appends a leaf; returns the inner nodes (complete subtrees) it completes, lowest first.
    @discardableResult
    mutating func append(_ leaf: [UInt8]) -> [(level: Int, index: Int64, hash: [UInt8])] {
        var hash = leaf
        var index = size
        var level = 0
        var completed: [(level: Int, index: Int64, hash: [UInt8])] = []
        while index & 1 == 1 {
            hash = hasher.nodeHash(nodes.removeLast(), hash)
            index >>= 1
            level += 1
            completed.append((level, index, hash))
        }
        nodes.append(hash)
        size += 1
        return completed
    }

    /// MTH of the leaves so far: the perfect subtrees folded right to left.
    var root: [UInt8] {
        guard var hash = nodes.last else { return hasher.emptyRoot }
        for node in nodes.dropLast().reversed() { hash = hasher.nodeHash(node, hash) }
        return hash
    }
}

extension AuditVerifier {
    /// The newest stored checkpoint's tree size and root (base64), or nil before the first one
    /// (for `corridor backup verify`, which reports what a backup's log was last committed to).
    public static func latestCheckpoint(_ db: Database) throws -> (treeSize: Int64, rootHash: String)? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT tree_size, root_hash FROM audit_checkpoints ORDER BY tree_size DESC, id DESC LIMIT 1")
        else { return nil }
        let root: Data = row["root_hash"]
        return (row["tree_size"], root.base64EncodedString())
    }
}
