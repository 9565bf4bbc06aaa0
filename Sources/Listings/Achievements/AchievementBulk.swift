import Foundation
import GRDB
import Identity
import Kernel
import Store

extension AchievementService {
    /// The most achievements one batch may hold ("put a limit on everything").
    public static let maxBatch = 10_000

    /// Lists many achievements in one audited write with one audit entry (target
    /// `achievement_batch`, its id the range of new ids, its change the count and that range).
    /// Every item is checked exactly as `create` checks it (same rules, same owner and
    /// permission checks, an external reference free also among the earlier items of the
    /// batch); the first item refused rolls the whole batch back and its error names the item
    /// (`field` becomes `items[i].field`). All or nothing. An empty batch writes nothing.
    public func createMany(_ inputs: [NewAchievement], by actor: Actor) async throws -> [Achievement] {
        guard inputs.count <= Self.maxBatch else {
            throw ListingsError.batchTooLarge(max: Self.maxBatch)
        }
        guard !inputs.isEmpty else { return [] }
        return try await operations.database.write(as: actor, action: "achievement.create_batch") { db, context in
            var created: [Achievement] = []
            created.reserveCapacity(inputs.count)
            for (index, input) in inputs.enumerated() {
                do {
                    var document = try Self.make(db, input, by: actor, now: context.now)
                    try Authorization.check(actor, .listingCreate, on: document.accessTarget)
                    if document.columns.searchable { try Authorization.requireVerified(actor) }
                    try ListingStore.insert(db, &document)
                    created.append(document)
                } catch var error as DomainError {
                    error.field = "items[\(index)]" + (error.field.map { ".\($0)" } ?? "")
                    error.details["index"] = .int(Int64(index))
                    throw error
                }
            }
            let first = created.first!.id
            let last = created.last!.id
            return Audited(
                created, target: "achievement_batch", id: "\(first)-\(last)",
                change: [
                    "count": .int(Int64(created.count)), "firstId": .int(first), "lastId": .int(last),
                ])
        }
    }

    /// The achievement `create` would store for `input` (the same checks in the same order),
    /// not yet inserted.
    static func make(_ db: Database, _ input: NewAchievement, by actor: Actor, now: Date) throws -> Achievement {
        let owner = try ListingOwner.resolve(
            db, requested: input.ownerOrganizationId, actor: actor, allowed: PatentService.ownerKinds)
        let reference = try Validate.optionalText(input.externalRef, field: "externalRef", max: 64)
        try ListingStore.ensureReferenceFree(db, Achievement.self, reference, owner: owner.id)
        return Achievement(
            id: 0, ownerOrganizationId: owner.id, city: owner.city,
            title: try Validate.text(input.title, field: "title", max: ListingRules.titleMax),
            summary: try Validate.text(input.summary, field: "summary", max: ListingRules.summaryMax, multiline: true),
            trl: try ListingRules.trl(input.trl, required: true) ?? 1,
            fields: try ListingRules.fields(input.fields),
            keywords: try ListingRules.keywords(input.keywords ?? []),
            cooperationModes: try Self.modes(input.cooperationModes),
            price: try input.price.validated(field: "price"),
            patentIds: try Self.patents(db, input.patentIds ?? [], owner: owner.id),
            teamMembers: try Self.team(input.teamMembers ?? []),
            externalRef: reference, status: try PatentRules.initialStatus(input.status),
            moderation: nil, createdAt: now, updatedAt: now, version: 1
        )
    }
}

extension NewAchievement {
    /// A request body built in code by other modules (the memberwise initialiser is internal).
    public static func make(
        title: String, summary: String, trl: Int, fields: [Field], keywords: [String]? = nil,
        cooperationModes: [CooperationMode], price: PriceRange, patentIds: [Int64]? = nil,
        teamMembers: [Achievement.TeamMember]? = nil, externalRef: String? = nil, status: SupplyStatus? = nil,
        ownerOrganizationId: Int64? = nil
    ) -> NewAchievement {
        NewAchievement(
            title: title, summary: summary, trl: trl, fields: fields, keywords: keywords,
            cooperationModes: cooperationModes,
            price: price, patentIds: patentIds, teamMembers: teamMembers, externalRef: externalRef, status: status,
            ownerOrganizationId: ownerOrganizationId
        )
    }
}
