import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Technology needs: posted by enterprises only; expiry follows the deadline by the clock.
public struct NeedService: Sendable {
    let database: AppDatabase
    let operations: ListingOperations<Need>

    static let lifecycle: [Need.Status: Set<Need.Status>] = [
        .open: [.inTalks, .paused, .fulfilled, .closed],
        .inTalks: [.open, .paused, .fulfilled, .closed],
        .paused: [.open, .closed],
        .fulfilled: [],
        .closed: [.open],
        .expired: [.closed],
    ]

    public init(database: AppDatabase) {
        self.database = database
        operations = ListingOperations(database: database)
    }

    public func create(_ input: NewNeed, by actor: Actor) async throws -> Need {
        try await operations.create(by: actor, action: "need.create") { db, now in
            let owner = try ListingOwner.resolve(
                db, requested: input.ownerOrganizationId, actor: actor, allowed: [.enterprise])
            let reference = try Validate.optionalText(input.externalRef, field: "externalRef", max: 64)
            try ListingStore.ensureReferenceFree(db, Need.self, reference, owner: owner.id)
            return Need(
                id: 0, ownerOrganizationId: owner.id, city: owner.city,
                title: try Validate.text(input.title, field: "title", max: ListingRules.titleMax),
                description: try Validate.text(
                    input.description, field: "description", max: ListingRules.summaryMax, multiline: true),
                fields: try ListingRules.fields(input.fields),
                keywords: try ListingRules.keywords(input.keywords ?? []),
                budget: try input.budget.validated(field: "budget"),
                deadline: try ListingRules.future(input.deadline, field: "deadline", now: now),
                cooperationMode: input.cooperationMode, visibility: input.visibility ?? .public,
                externalRef: reference, status: .open, moderation: nil, createdAt: now, updatedAt: now, version: 1
            )
        }
    }

    public func get(_ id: Int64, viewer: Actor?) async throws -> Need {
        try await operations.get(id, viewer: viewer).effective(at: database.clock.now())
    }

    public func update(_ id: Int64, _ patch: NeedPatch, by actor: Actor) async throws -> Need {
        let need = try await operations.change(
            id, by: actor, action: "need.update", expectedVersion: patch.expectedVersion
        ) { _, stored, now in
            let old = stored.effective(at: now)
            var next = stored
            if let title = patch.title {
                next.title = try Validate.text(title, field: "title", max: ListingRules.titleMax)
            }
            if let description = patch.description {
                next.description = try Validate.text(
                    description, field: "description", max: ListingRules.summaryMax, multiline: true)
            }
            if let fields = patch.fields { next.fields = try ListingRules.fields(fields) }
            if let keywords = patch.keywords { next.keywords = try ListingRules.keywords(keywords) }
            if let budget = patch.budget { next.budget = try budget.validated(field: "budget") }
            if let deadline = patch.deadline {
                next.deadline = try ListingRules.future(deadline, field: "deadline", now: now)
            }
            if let mode = patch.cooperationMode { next.cooperationMode = mode }
            if let visibility = patch.visibility { next.visibility = visibility }
            if let status = patch.status, status != old.status {
                guard status != .expired, Self.lifecycle[old.status, default: []].contains(status) else {
                    let allowed = Need.Status.allCases.filter { Self.lifecycle[old.status, default: []].contains($0) }
                    throw ListingsError.illegalStatusChange(
                        from: old.status.rawValue, to: status.rawValue, allowed: allowed.map(\.rawValue))
                }
                next.status = status
            }
            return next
        }
        return need.effective(at: database.clock.now())
    }

    public func moderate(_ id: Int64, hide reason: String?, by actor: Actor) async throws -> Need {
        try await operations.moderate(id, hide: reason, by: actor)
    }
}
