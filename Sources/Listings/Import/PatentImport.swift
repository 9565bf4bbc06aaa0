import CorridorCrypto
import Foundation
import GRDB
import Identity
import Kernel
import Store
import Tabular

/// Bulk import of patents ("collect and share the high-value patents of universities and Hubei
/// labs") from CSV (UTF-8 or GB18030) or JSON Lines: read and checked outside any transaction,
/// written in short audited batches, keyed by patent number so that re-importing the same file
/// changes nothing.
public struct PatentImport: Sendable {
    public enum Mode: String, Codable, CaseIterable, Sendable {
        /// Any bad row: nothing is written.
        case allOrNothing = "all-or-nothing"
        /// Bad rows are reported and left out; the good ones are written.
        case skipInvalid = "skip-invalid"
    }

    public struct RowError: Codable, Sendable, Equatable {
        public var row: Int
        public var line: Int
        public var field: String?
        public var code: String
        public var messageZh: String
        public var messageEn: String
    }

    public struct Report: Codable, Sendable {
        public var mode: Mode
        public var format: String
        public var encoding: String
        public var rows = 0
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        public var invalid = 0
        /// Whether anything was written (false for a rejected all-or-nothing import).
        public var committed = false
        public var errors: [RowError] = []
        /// More bad rows than `errors` lists.
        public var errorsTruncated = false
    }

    static let maxReportedErrors = 1_000
    /// Rows one import may hold; a larger file is refused before anything is written.
    public static let maxRows = 200_000
    /// Rows per write transaction: the single writer is never held long, so sign-ins and
    /// voucher steps go on while a large file is imported.
    static let batchSize = 500
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// A row that passed its own checks, ready to be written.
    struct Parsed: Sendable {
        var number: Int
        var line: Int
        var input: NewPatent
        var patent: Patent
    }

    /// Reads and checks the file outside any transaction, then writes it in batches of
    /// `batchSize` rows, each its own audited transaction; ends with one audited summary of the
    /// import (every import, a refused or unchanged one too, names the file's SHA-256).
    public func run(
        file: URL, format: TabularFormat, encoding: TextEncoding?, mode: Mode, owner requested: Int64?, by actor: Actor
    ) async throws -> Report {
        let digest = try FileDigest.sha256(of: file)
        let owner = try await database.read { db in
            let owner = try ListingOwner.resolve(
                db, requested: requested, actor: actor, allowed: PatentService.ownerKinds)
            try Authorization.check(actor, .listingCreate, on: AccessTarget(organizationID: owner.id, city: owner.city))
            try Authorization.requireVerified(actor)
            return owner
        }
        var (report, rows) = try parse(file: file, format: format, encoding: encoding, mode: mode, owner: owner)
        if mode == .allOrNothing, report.invalid == 0 {
            // What needs the database (a number another organisation holds) is checked before
            // the first batch, so a refused import writes nothing.
            let candidates = rows
            let taken = try await database.read { db in
                try candidates.compactMap { row -> RowError? in
                    guard let existing = try ListingStore.find(db, Patent.self, externalKey: row.patent.number),
                        existing.ownerOrganizationId != owner.id
                    else { return nil }
                    let error = PatentService.numberTaken(existing)
                    return RowError(
                        row: row.number, line: row.line, field: error.field, code: error.code,
                        messageZh: error.messageZh, messageEn: error.messageEn)
                }
            }
            for error in taken { Self.record(&report, error) }
        }
        if mode == .allOrNothing, report.invalid > 0 {
            rows = []
        } else {
            for start in stride(from: 0, to: rows.count, by: Self.batchSize) {
                let batch = Array(rows[start..<min(start + Self.batchSize, rows.count)])
                let done = try await write(batch, owner: owner, digest: digest, offset: start, by: actor)
                report.created += done.created
                report.updated += done.updated
                report.unchanged += done.unchanged
                for error in done.errors { Self.record(&report, error) }
            }
        }
        report.committed = report.created + report.updated > 0
        let summary = report
        _ = try await database.write(as: actor, action: "patent.import") { _, _ in
            Audited(
                true, target: "organization", id: String(owner.id),
                change: [
                    "fileSha256": .string(digest), "format": .string(format.rawValue), "mode": .string(mode.rawValue),
                    "rows": .int(Int64(summary.rows)), "created": .int(Int64(summary.created)),
                    "updated": .int(Int64(summary.updated)),
                    "unchanged": .int(Int64(summary.unchanged)), "invalid": .int(Int64(summary.invalid)),
                    "committed": .bool(summary.committed),
                ])
        }
        return report
    }

    /// Every row read and checked on its own; nothing touches the database.
    func parse(
        file: URL, format: TabularFormat, encoding: TextEncoding?, mode: Mode, owner: ListingOwner
    ) throws -> (Report, [Parsed]) {
        let reader: TabularReader
        do {
            reader = try TabularReader(fileAt: file, format: format, encoding: encoding)
        } catch let error as TabularError {
            // The whole file is unreadable (no header, a duplicate column, a bad encoding).
            throw ListingsError.unreadableFile(code: error.code, message: error.message)
        }
        var report = Report(mode: mode, format: format.rawValue, encoding: reader.encoding.rawValue)
        var rows: [Parsed] = []
        let now = database.clock.now()
        let year = now.year
        var records = reader.makeIterator()
        // Records are read in order, a chunk at a time, and checked on every core; the outcomes
        // are then taken in order, so the report is the one a row-by-row pass would make.
        reading: while true {
            var chunk: [TabularReader.Element] = []
            chunk.reserveCapacity(Self.checkChunk)
            while chunk.count < Self.checkChunk, let next = records.next() { chunk.append(next) }
            if chunk.isEmpty { break }
            for outcome in Self.check(chunk, owner: owner, now: now, year: year) {
                report.rows += 1
                guard report.rows <= Self.maxRows else {
                    throw ListingsError.importTooLarge(maxRows: Self.maxRows)
                }
                switch outcome {
                case .parsed(let parsed): rows.append(parsed)
                case .invalid(var error):
                    if error.row == 0 { error.row = report.rows }  // the reader's own refusal
                    Self.record(&report, error)
                case .thrown(let error): throw error
                }
                if mode == .allOrNothing && report.invalid >= Self.maxReportedErrors { break reading }
            }
        }
        return (report, rows)
    }

    static let checkChunk = 4_096

    /// One slot per record of a chunk; each part of `check` fills only its own range.
    final class Slots: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<Checked?>
        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }
        deinit {
            slots.deinitialize()
            slots.deallocate()
        }
        func put(_ value: Checked, at index: Int) { slots[index] = value }
        var values: [Checked] { slots.map { $0! } }
    }

    enum Checked {
        case parsed(Parsed)
        case invalid(RowError)
        /// Anything but a refusal of the row: the import stops, as it would have row by row.
        case thrown(any Error)
    }

    /// Each record read and checked on its own, the chunk split over the cores; the outcomes in
    /// the records' order.
    static func check(
        _ chunk: [TabularReader.Element], owner: ListingOwner, now: Date, year: Int
    ) -> [Checked] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, chunk.count / 64))
        let slots = Slots(count: chunk.count)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            for index in (chunk.count * part / parts)..<(chunk.count * (part + 1) / parts) {
                slots.put(checked(chunk[index], owner: owner, now: now, year: year), at: index)
            }
        }
        return slots.values
    }

    static func checked(
        _ element: TabularReader.Element, owner: ListingOwner, now: Date, year: Int
    ) -> Checked {
        switch element {
        case .failure(let error):
            return .invalid(
                RowError(
                    row: 0, line: error.line, field: nil, code: error.code, messageZh: error.message,
                    messageEn: error.message))
        case .success(let record):
            do {
                let input = try PatentImportRow.patent(from: record.values)
                let patent = try PatentRules.make(input, owner: owner.id, city: owner.city, now: now, currentYear: year)
                return .parsed(Parsed(number: record.number, line: record.line, input: input, patent: patent))
            } catch let error as DomainError {
                return .invalid(
                    RowError(
                        row: record.number, line: record.line, field: error.field, code: error.code,
                        messageZh: error.messageZh, messageEn: error.messageEn))
            } catch {
                return .thrown(error)
            }
        }
    }

    struct BatchResult: Codable, Sendable {
        var created = 0
        var updated = 0
        var unchanged = 0
        var errors: [RowError] = []
    }

    /// One batch in one audited transaction (an unchanged batch writes no entry; the summary does).
    func write(
        _ batch: [Parsed], owner: ListingOwner, digest: String, offset: Int, by actor: Actor
    ) async throws -> BatchResult {
        try await database.write(as: actor, action: "patent.import.batch") { db, context in
            try Authorization.check(actor, .listingCreate, on: AccessTarget(organizationID: owner.id, city: owner.city))
            try Authorization.requireVerified(actor)
            var result = BatchResult()
            for row in batch {
                do {
                    try Self.upsert(db, row, owner: owner, now: context.now, result: &result)
                } catch let error as DomainError {
                    result.errors.append(
                        RowError(
                            row: row.number, line: row.line, field: error.field, code: error.code,
                            messageZh: error.messageZh, messageEn: error.messageEn
                        ))
                }
            }
            guard result.created + result.updated > 0 else { return .unchanged(result) }
            return Audited(
                result, target: "organization", id: String(owner.id),
                change: [
                    "fileSha256": .string(digest), "firstRow": .int(Int64(offset + 1)),
                    "rows": .int(Int64(batch.count)),
                    "created": .int(Int64(result.created)), "updated": .int(Int64(result.updated)),
                ])
        }
    }

    static func record(_ report: inout Report, _ error: RowError) {
        report.invalid += 1
        if report.errors.count < maxReportedErrors {
            report.errors.append(error)
        } else {
            report.errorsTruncated = true
        }
    }

    /// Creates the patent, updates it if the same owner listed it with other details, or leaves it.
    static func upsert(_ db: Database, _ row: Parsed, owner: ListingOwner, now: Date, result: inout BatchResult) throws
    {
        var patent = row.patent
        if let existing = try ListingStore.find(db, Patent.self, externalKey: patent.number) {
            guard existing.ownerOrganizationId == owner.id else { throw PatentService.numberTaken(existing) }
            var candidate = patent
            candidate.id = existing.id
            candidate.createdAt = existing.createdAt
            candidate.updatedAt = existing.updatedAt
            candidate.version = existing.version
            candidate.moderation = existing.moderation
            // A re-import never undoes what happened since: the status moves only by the lifecycle.
            candidate.status =
                try row.input.status.map { try SupplyLifecycle.move(from: existing.status, to: $0) } ?? existing.status
            if candidate == existing {
                result.unchanged += 1
                return
            }
            candidate.version = existing.version + 1
            candidate.updatedAt = now
            try ListingStore.update(db, old: existing, new: candidate)
            result.updated += 1
        } else {
            try ListingStore.insert(db, &patent)
            result.created += 1
        }
    }
}

/// SHA-256 of a file, streamed.
enum FileDigest {
    static func sha256(of url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let digest = StreamingDigest(.sha256)
        while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            digest.update(chunk)
        }
        return digest.finalize().hexString
    }
}
