import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Achievements: listed by universities, institutes, labs and enterprises.
public struct AchievementService: Sendable {
    let operations: ListingOperations<Achievement>

    public init(database: AppDatabase) {
        operations = ListingOperations(database: database)
    }

    public func create(_ input: NewAchievement, by actor: Actor) async throws -> Achievement {
        try await operations.create(by: actor, action: "achievement.create") { db, now in
            try Self.make(db, input, by: actor, now: now)
        }
    }

    public func get(_ id: Int64, viewer: Actor?) async throws -> Achievement {
        try await operations.get(id, viewer: viewer)
    }

    public func update(_ id: Int64, _ patch: AchievementPatch, by actor: Actor) async throws -> Achievement {
        try await operations.change(
            id, by: actor, action: "achievement.update", expectedVersion: patch.expectedVersion
        ) { db, old, _ in
            var next = old
            if let title = patch.title {
                next.title = try Validate.text(title, field: "title", max: ListingRules.titleMax)
            }
            if let summary = patch.summary {
                next.summary = try Validate.text(
                    summary, field: "summary", max: ListingRules.summaryMax, multiline: true)
            }
            if let trl = patch.trl { next.trl = try ListingRules.trl(trl, required: true) ?? old.trl }
            if let fields = patch.fields { next.fields = try ListingRules.fields(fields) }
            if let keywords = patch.keywords { next.keywords = try ListingRules.keywords(keywords) }
            if let modes = patch.cooperationModes { next.cooperationModes = try Self.modes(modes) }
            if let price = patch.price { next.price = try price.validated(field: "price") }
            if let ids = patch.patentIds { next.patentIds = try Self.patents(db, ids, owner: old.ownerOrganizationId) }
            if let team = patch.teamMembers { next.teamMembers = try Self.team(team) }
            if let status = patch.status { next.status = try SupplyLifecycle.move(from: old.status, to: status) }
            return next
        }
    }

    public func moderate(_ id: Int64, hide reason: String?, by actor: Actor) async throws -> Achievement {
        try await operations.moderate(id, hide: reason, by: actor)
    }

    static func modes(_ modes: [CooperationMode]) throws -> [CooperationMode] {
        guard !modes.isEmpty else {
            throw ListingsError.cooperationModesRequired
        }
        return CooperationMode.allCases.filter(modes.contains)
    }

    /// Linked patents must exist and belong to the same owner.
    static func patents(_ db: Database, _ ids: [Int64], owner: Int64) throws -> [Int64] {
        guard ids.count <= 50 else {
            throw ListingsError.tooManyLinkedPatents
        }
        var result: [Int64] = []
        for (index, id) in ids.enumerated() where !result.contains(id) {
            guard let patent = try ListingStore.find(db, Patent.self, id: id), patent.ownerOrganizationId == owner
            else {
                throw ListingsError.unknownPatent(index: index)
            }
            result.append(id)
        }
        return result
    }

    static func team(_ members: [Achievement.TeamMember]) throws -> [Achievement.TeamMember] {
        guard members.count <= 50 else {
            throw ListingsError.tooManyTeamMembers
        }
        return try members.enumerated().map { index, member in
            Achievement.TeamMember(
                name: try Validate.text(member.name, field: "teamMembers[\(index)].name", max: ListingRules.nameMax),
                title: try Validate.optionalText(member.title, field: "teamMembers[\(index)].title", max: 50),
                role: try Validate.optionalText(member.role, field: "teamMembers[\(index)].role", max: 50)
            )
        }
    }
}
