import CorridorCrypto
import GRDB
import Kernel
import Store

/// AuditLog's tables: the settings fixed at creation (the tree's hash), the stored hashes of
/// every complete aligned subtree of the audit log's Merkle tree, signed checkpoints and
/// witnesses' cosignatures. All append-only; the database refuses UPDATE and DELETE.
public enum AuditLogMigrations {
    /// The module, for a database whose tree hashes with `hash` when it is created. An existing
    /// database keeps the hash recorded at its creation (`AuditTree.load` reports a mismatch).
    public static func module(hash: DigestAlgorithm = .sha256) -> ModuleMigrations {
        ModuleMigrations(
            module: "auditlog",
            auditObserver: { db, seq, bytes in
                try AuditTree.load(db).append(db, seq: seq, entry: bytes)
            }
        ) { migrator in
            migrator.registerMigration("auditlog-001-tree-checkpoints") { db in
                try db.execute(
                    sql: """
                        CREATE TABLE audit_settings (
                            key TEXT PRIMARY KEY,
                            value TEXT NOT NULL
                        ) STRICT;
                        CREATE TABLE audit_tree (
                            level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 62),
                            idx INTEGER NOT NULL CHECK (idx >= 0),
                            hash BLOB NOT NULL CHECK (length(hash) = 32),
                            PRIMARY KEY (level, idx)
                        ) STRICT, WITHOUT ROWID;
                        CREATE INDEX audit_tree_leaf ON audit_tree (hash) WHERE level = 0;
                        CREATE TABLE audit_checkpoints (
                            id INTEGER PRIMARY KEY,
                            tree_size INTEGER NOT NULL CHECK (tree_size >= 0),
                            root_hash BLOB NOT NULL CHECK (length(root_hash) = 32),
                            note TEXT NOT NULL,
                            created_at INTEGER NOT NULL
                        ) STRICT;
                        CREATE INDEX audit_checkpoints_size ON audit_checkpoints (tree_size);
                        CREATE TABLE audit_cosignatures (
                            id INTEGER PRIMARY KEY,
                            checkpoint_id INTEGER NOT NULL REFERENCES audit_checkpoints(id),
                            witness TEXT NOT NULL,
                            line TEXT NOT NULL,
                            created_at INTEGER NOT NULL,
                            UNIQUE (checkpoint_id, witness)
                        ) STRICT;
                        """)
                for table in ["audit_settings", "audit_tree", "audit_checkpoints", "audit_cosignatures"] {
                    try db.execute(
                        sql: """
                            CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                            BEGIN SELECT RAISE(ABORT, '\(table) is append-only: UPDATE refused'); END;
                            CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                            BEGIN SELECT RAISE(ABORT, '\(table) is append-only: DELETE refused'); END;
                            """)
                }
                try db.execute(
                    sql: "INSERT INTO audit_settings (key, value) VALUES ('hash', ?)", arguments: [hash.rawValue])
                // Entries written before this module existed become the tree's first leaves.
                try AuditTree.load(db).catchUp(db, through: AuditLogReader.count(db))
            }
        }
    }

    /// The triggers `corridor audit verify` expects (the audit log's own and this module's).
    public static let triggers: [String] =
        ["audit_log_no_update", "audit_log_no_delete"]
        + ["audit_settings", "audit_tree", "audit_checkpoints", "audit_cosignatures"].flatMap {
            ["\($0)_no_update", "\($0)_no_delete"]
        }
}
