import AuditLog
import CorridorCrypto
import Foundation
import GRDB
import Kernel
@_spi(Testing) import Store

/// A database with the audit module and a helper that writes audited entries; file-backed
/// when a test needs to tamper with the file through a raw connection.
struct AuditLogWorld {
    let clock = ManualClock()
    let database: AppDatabase
    let folder: URL?
    let hash: DigestAlgorithm

    init(hash: DigestAlgorithm = .sha256, onDisk: Bool = false) throws {
        self.hash = hash
        if onDisk {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("auditlog-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            self.folder = folder
            database = try AppDatabase.open(
                path: folder.appendingPathComponent("db.sqlite").path, clock: clock,
                modules: [AuditLogMigrations.module(hash: hash)])
        } else {
            folder = nil
            database = try AppDatabase.inMemory(clock: clock, modules: [AuditLogMigrations.module(hash: hash)])
        }
    }

    var path: String? { folder?.appendingPathComponent("db.sqlite").path }

    struct Note: Codable, Sendable { var n: Int }

    /// Appends `count` audit entries through the one write path.
    func write(_ count: Int, from start: Int = 0) throws {
        for n in start..<(start + count) {
            _ = try database.writeSync(as: .system("test", requestID: "r\(n)"), action: "test.write") { _, _ in
                Audited(
                    Note(n: n), target: "note", id: String(n), change: ["n": .int(Int64(n)), "text": .string("第\(n)条")])
            }
        }
    }

    /// The canonical bytes of every entry, read back.
    func entries() throws -> [[UInt8]] {
        try database.testWriter.read { db in
            var all: [[UInt8]] = []
            try AuditLogReader.forEach(db) { all.append($0.canonicalBytes) }
            return all
        }
    }

    func remove() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }
}

/// MTH straight from RFC 6962's recursive definition, over leaf hashes.
func naiveRoot(_ leaves: ArraySlice<[UInt8]>, _ hasher: TreeHasher) -> [UInt8] {
    if leaves.isEmpty { return hasher.emptyRoot }
    if leaves.count == 1 { return leaves.first! }
    var k = 1
    while k * 2 < leaves.count { k *= 2 }
    let start = leaves.startIndex
    return hasher.nodeHash(naiveRoot(leaves[start..<(start + k)], hasher), naiveRoot(leaves[(start + k)...], hasher))
}
