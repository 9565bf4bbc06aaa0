import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Patents: universities, institutes, labs and enterprises list them; owners edit and
/// withdraw; platform administrators moderate.
public struct PatentService: Sendable {
    let database: AppDatabase
    let operations: ListingOperations<Patent>

    static let ownerKinds: Set<OrganizationKind> = [.university, .institute, .lab, .enterprise]

    public init(database: AppDatabase) {
        self.database = database
        operations = ListingOperations(database: database)
    }

    public func create(_ input: NewPatent, by actor: Actor) async throws -> Patent {
        try await operations.create(by: actor, action: "patent.create") { db, now in
            let owner = try ListingOwner.resolve(
                db, requested: input.ownerOrganizationId, actor: actor, allowed: Self.ownerKinds)
            let patent = try PatentRules.make(input, owner: owner.id, city: owner.city, now: now, currentYear: now.year)
            if let existing = try ListingStore.find(db, Patent.self, externalKey: patent.number) {
                throw Self.numberTaken(existing, shownTo: actor)
            }
            return patent
        }
    }

    public func get(_ id: Int64, viewer: Actor?) async throws -> Patent {
        try await operations.get(id, viewer: viewer)
    }

    public func update(_ id: Int64, _ patch: PatentPatch, by actor: Actor) async throws -> Patent {
        try await operations.change(id, by: actor, action: "patent.update", expectedVersion: patch.expectedVersion) {
            _, old, _ in
            try PatentRules.apply(patch, to: old)
        }
    }

    public func moderate(_ id: Int64, hide reason: String?, by actor: Actor) async throws -> Patent {
        try await operations.moderate(id, hide: reason, by: actor)
    }

    /// The number is listed once. The listing's id is given only to a viewer who may read it: a
    /// draft or hidden patent of another organisation stays unseen (issue 14).
    static func numberTaken(_ existing: Patent, shownTo viewer: Actor? = nil) -> DomainError {
        ListingsError.patentNumberTaken(patentId: ListingAccess.canRead(viewer, existing) ? existing.id : nil)
    }
}

extension Date {
    /// The calendar year in China Standard Time.
    var year: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        return calendar.component(.year, from: self)
    }
}
