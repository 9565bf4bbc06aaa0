import CorridorCrypto
import Foundation
import GRDB
import Identity
import Kernel
import Store
import Tabular

/// Bulk import of patents ("collect and share the high-value patents of universities and Hubei
/// labs") from CSV (UTF-8 or GB18030) or JSON Lines, streamed in one transaction, keyed by patent
/// number so that re-importing the same file changes nothing.
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

    /// Thrown inside the transaction to roll an all-or-nothing import back with its report.
    struct Rejected: Error {
        var report: Report
    }

    static let maxReportedErrors = 1_000
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public func run(
        file: URL, format: TabularFormat, encoding: TextEncoding?, mode: Mode, owner requested: Int64?, by actor: Actor
    ) async throws -> Report {
        let digest = try FileDigest.sha256(of: file)
        do {
            return try await database.write(as: actor, action: "patent.import") { db, context in
                let owner = try ListingOwner.resolve(db, requested: requested, actor: actor, allowed: PatentService.ownerKinds)
                try Authorization.check(actor, .listingCreate, on: AccessTarget(organizationID: owner.id, city: owner.city))
                let reader: TabularReader
                do {
                    reader = try TabularReader(fileAt: file, format: format, encoding: encoding)
                } catch let error as TabularError {
                    // The whole file is unreadable (no header, a duplicate column, a bad encoding).
                    throw DomainError.invalid(
                        error.code, field: "file", zh: "文件无法读取：\(error.message)", en: "The file cannot be read: \(error.message)"
                    )
                }
                var report = Report(mode: mode, format: format.rawValue, encoding: reader.encoding.rawValue)
                let year = context.now.year
                for result in reader {
                    report.rows += 1
                    switch result {
                    case .failure(let error):
                        Self.record(&report, RowError(row: report.rows, line: error.line, field: nil, code: error.code, messageZh: error.message, messageEn: error.message))
                    case .success(let record):
                        do {
                            try Self.upsert(db, record, owner: owner, now: context.now, year: year, report: &report)
                        } catch let error as DomainError {
                            Self.record(&report, RowError(
                                row: record.number, line: record.line, field: error.field, code: error.code,
                                messageZh: error.messageZh, messageEn: error.messageEn
                            ))
                        }
                    }
                    if mode == .allOrNothing && report.invalid > 0 && report.invalid >= Self.maxReportedErrors { break }
                }
                if mode == .allOrNothing && report.invalid > 0 {
                    // Nothing is written: the counts say so.
                    report.created = 0
                    report.updated = 0
                    report.unchanged = 0
                    throw Rejected(report: report)
                }
                report.committed = report.created + report.updated > 0
                guard report.committed else { return .unchanged(report) }
                return Audited(report, target: "organization", id: String(owner.id), change: [
                    "fileSha256": .string(digest), "format": .string(format.rawValue), "mode": .string(mode.rawValue),
                    "rows": .int(Int64(report.rows)), "created": .int(Int64(report.created)),
                    "updated": .int(Int64(report.updated)), "unchanged": .int(Int64(report.unchanged)),
                    "invalid": .int(Int64(report.invalid)),
                ])
            }
        } catch let rejected as Rejected {
            return rejected.report
        }
    }

    static func record(_ report: inout Report, _ error: RowError) {
        report.invalid += 1
        if report.errors.count < maxReportedErrors { report.errors.append(error) } else { report.errorsTruncated = true }
    }

    /// Creates the patent, updates it if the same owner listed it with other details, or leaves it.
    static func upsert(_ db: Database, _ record: TabularRecord, owner: ListingOwner, now: Date, year: Int, report: inout Report) throws {
        let input = try PatentImportRow.patent(from: record.values)
        var patent = try PatentRules.make(input, owner: owner.id, city: owner.city, now: now, currentYear: year)
        if let existing = try ListingStore.find(db, Patent.self, externalKey: patent.number) {
            guard existing.ownerOrganizationId == owner.id else { throw PatentService.numberTaken(existing) }
            var candidate = patent
            candidate.id = existing.id
            candidate.createdAt = existing.createdAt
            candidate.updatedAt = existing.updatedAt
            candidate.version = existing.version
            candidate.moderation = existing.moderation
            // A re-import never undoes what happened since: the status moves only by the lifecycle.
            candidate.status = try input.status.map { try SupplyLifecycle.move(from: existing.status, to: $0) } ?? existing.status
            if candidate == existing {
                report.unchanged += 1
                return
            }
            candidate.version = existing.version + 1
            candidate.updatedAt = now
            try ListingStore.update(db, old: existing, new: candidate)
            report.updated += 1
        } else {
            try ListingStore.insert(db, &patent)
            report.created += 1
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
