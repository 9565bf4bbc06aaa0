import Foundation
import GRDB
import Identity
import Kernel
import Store

/// What every kind of listing shares: reading with visibility, changing through the audited
/// write path, and moderation.
struct ListingOperations<Document: ListingDocument>: Sendable {
    let database: AppDatabase

    func get(_ id: Int64, viewer: Actor?) async throws -> Document {
        let document = try await database.read { db in try ListingStore.find(db, Document.self, id: id) }
        guard let document, ListingAccess.canRead(viewer, document) else { throw ListingAccess.notFound(Document.kind) }
        return document
    }

    /// Loads the listing, checks `permission` on it, lets `change` produce the next version,
    /// and stores it with one audit entry holding what changed.
    /// `expectedVersion`: the version the change was made from (a form opened earlier); another
    /// version stored meanwhile refuses it with `version_conflict` and nothing written (issue 18).
    func change(
        _ id: Int64, by actor: Actor, action: String, permission: Permission = .listingUpdate,
        expectedVersion: Int64? = nil,
        _ change: @escaping @Sendable (Database, Document, Date) throws -> Document
    ) async throws -> Document {
        try await database.write(as: actor, action: action) { db, context in
            guard let old = try ListingStore.find(db, Document.self, id: id), ListingAccess.canRead(actor, old) else {
                throw ListingAccess.notFound(Document.kind)
            }
            try Authorization.check(actor, permission, on: old.accessTarget)
            if let expectedVersion, expectedVersion != old.version {
                throw ListingsError.versionConflict(current: old.version)
            }
            var next = try change(db, old, context.now)
            next.version = old.version + 1
            next.updatedAt = context.now
            try ListingStore.update(db, old: old, new: next)
            return Audited(next, target: Document.kind.rawValue, id: String(id), change: try Self.diff(old, next))
        }
    }

    func create(
        by actor: Actor, action: String,
        _ make: @escaping @Sendable (Database, Date) throws -> Document
    ) async throws -> Document {
        try await database.write(as: actor, action: action) { db, context in
            var document = try make(db, context.now)
            try Authorization.check(actor, .listingCreate, on: document.accessTarget)
            try ListingStore.insert(db, &document)
            return Audited(
                document, target: Document.kind.rawValue, id: String(document.id),
                change: try JSONValue(encodingListing: document)
            )
        }
    }

    /// Hides or shows a listing (platform administrators), with the reason kept.
    func moderate(_ id: Int64, hide reason: String?, by actor: Actor) async throws -> Document {
        let reason = try reason.map { try Validate.text($0, field: "reason", max: 500, multiline: true) }
        return try await change(
            id, by: actor, action: "\(Document.kind.rawValue).moderate", permission: .listingModerate
        ) { _, old, now in
            var next = old
            next.moderation = reason.map { Moderation(reason: $0, at: now, byUser: actor.userID) }
            return next
        }
    }

    /// The members that differ, before and after.
    static func diff(_ old: Document, _ new: Document) throws -> JSONValue {
        guard case .object(let before) = try JSONValue(encodingListing: old),
            case .object(let after) = try JSONValue(encodingListing: new)
        else { return [:] }
        var changes: [String: JSONValue] = [:]
        for key in Set(before.keys).union(after.keys) where before[key] != after[key] && key != "updatedAt" {
            changes[key] = ["before": before[key] ?? .null, "after": after[key] ?? .null]
        }
        return .object(changes)
    }
}

extension JSONValue {
    /// A listing as JSON for the audit log (times as milliseconds, so no fractions).
    init(encodingListing value: some Encodable) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: ListingStore.encoder.encode(value))
    }
}
