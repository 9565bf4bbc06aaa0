import CorridorCrypto
import Foundation
import Kernel
import Platform
import Store
import Tabular

/// Where snapshots live: `<data folder>/open-data/<YYYY-MM-DD>/` (China date), each file
/// written to a temporary name and renamed, 0600 in 0700 folders; the newest complete folder is
/// what the stable URLs serve. Seven days are kept.
struct OpenDataStore: Sendable {
    static let files = ["listings.jsonl.gz", "listings.csv.gz"]
    static let kept = 7

    let folder: URL

    struct Published: Sendable {
        struct File: Sendable {
            var name: String
            var bytes: Int
            var sha256: String
        }

        var date: String
        var records: Int
        var generatedAt: Date
        var files: [File]
    }

    /// The newest snapshot, if any was made.
    func latest() throws -> Published? {
        guard let date = try dates().last else { return nil }
        let day = folder.appendingPathComponent(date)
        let manifest = try Data(contentsOf: day.appendingPathComponent("manifest.json"))
        let object = try JSONSerialization.jsonObject(with: manifest) as? [String: Any] ?? [:]
        let files = try Self.files.map { name in
            let data = try Data(contentsOf: day.appendingPathComponent(name))
            return Published.File(name: name, bytes: data.count, sha256: Digest.sha256([UInt8](data)).hexString)
        }
        return Published(
            date: date, records: (object["records"] as? NSNumber)?.intValue ?? 0,
            generatedAt: Timestamp.parse(object["generatedAt"] as? String ?? "") ?? .distantPast, files: files)
    }

    /// The bytes of one file of the newest snapshot.
    func file(_ name: String) throws -> Data? {
        guard Self.files.contains(name), let date = try dates().last else { return nil }
        return try Data(contentsOf: folder.appendingPathComponent(date).appendingPathComponent(name))
    }

    func has(_ date: String) -> Bool {
        FileManager.default.fileExists(
            atPath: folder.appendingPathComponent(date).appendingPathComponent("manifest.json").path)
    }

    /// Writes the snapshot of `date`; the manifest last, so a folder without one is incomplete.
    func publish(_ snapshot: OpenDataSnapshot, date: String, at now: Date) throws {
        let day = folder.appendingPathComponent(date)
        try Self.makeFolder(folder)
        try Self.makeFolder(day)
        try Self.write(try Gzip.compress(snapshot.jsonLines), to: day.appendingPathComponent("listings.jsonl.gz"))
        try Self.write(try Gzip.compress(Data(snapshot.csv.utf8)), to: day.appendingPathComponent("listings.csv.gz"))
        let manifest = #"{"generatedAt":"\#(Timestamp.format(now))","records":\#(snapshot.records.count)}"#
        try Self.write(Data(manifest.utf8), to: day.appendingPathComponent("manifest.json"))
        for old in try dates().dropLast(Self.kept) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(old))
        }
    }

    /// The complete snapshots' dates, oldest first.
    func dates() throws -> [String] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.count == 10 && $0.allSatisfy { $0.isNumber || $0 == "-" } && has($0) }
            .sorted()
    }

    static func makeFolder(_ url: URL) throws {
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
    }

    static func write(_ data: Data, to url: URL) throws {
        let temporary = url.appendingPathExtension("partial")
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]),
            rename(temporary.path, url.path) == 0
        else { throw CocoaError(.fileWriteUnknown) }
    }
}

extension OpenDataStore {
    /// The server's store: `open-data` in the data folder.
    init(configuration: ServerConfiguration) {
        self.init(folder: URL(fileURLWithPath: configuration.database.dataDir).appendingPathComponent("open-data"))
    }

    /// Today's snapshot (China date), made if it is not there yet; the background job asks
    /// every hour. Returns whether one was made.
    @discardableResult
    func publishIfDue(_ services: AppServices) async throws -> Bool {
        let now = services.database.clock.now()
        let date = ChinaDay.text(now)
        guard !has(date) else { return false }
        try publish(try await OpenDataSnapshot.collect(services), date: date, at: now)
        return true
    }
}
