import Foundation
import GRDB
import Identity
import Kernel
import Listings
import Store

/// Match subscriptions: each person keeps up to `maxPerUser`; only its owner lists or deletes
/// one. A portfolio subscription is for people of universities, institutes and labs; a need
/// subscription for people of the need's own organisation.
public struct MatchSubscriptionService: Sendable {
    let database: AppDatabase
    public static let maxPerUser = 20
    static let research: Set<OrganizationKind> = [.university, .institute, .lab]

    public init(database: AppDatabase) {
        self.database = database
    }

    public func create(_ input: NewMatchSubscription, by actor: Actor) async throws -> MatchSubscription {
        guard let user = actor.userID, let organization = actor.organizationID else {
            throw DomainError.unauthenticated
        }
        guard (0...1_000).contains(input.minScore) else {
            throw DomainError.invalid(
                "min_score_out_of_range", field: "minScore", zh: "最低匹配分须在 0 到 1000 之间",
                en: "minScore is 0 to 1000 (thousandths of the match score)")
        }
        return try await database.write(as: actor, action: "match_subscription.create") { db, context in
            switch input.subject {
            case .portfolio:
                guard input.needId == nil else {
                    throw DomainError.invalid(
                        "need_not_expected", field: "needId", zh: "成果组合订阅不指定需求",
                        en: "A portfolio subscription names no need")
                }
                let kind = try OrganizationDirectory.summaries(db, ids: [organization])[organization]?.kind
                guard let kind, Self.research.contains(kind) else { throw NotificationsError.subscriptionNeedsResearch }
            case .need:
                // Another organisation's need is answered as a missing one.
                guard let need = input.needId, let facts = try ListingDirectory.facts(db, id: need),
                    facts.kind == .need, facts.ownerOrganizationId == organization
                else { throw DomainError.notFound("need", zh: "技术需求") }
            }
            let count =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM match_subscriptions WHERE user_id = ? AND deleted_at IS NULL",
                    arguments: [user]) ?? 0
            guard count < Self.maxPerUser else { throw NotificationsError.subscriptionLimit(Self.maxPerUser) }
            try db.execute(
                sql: """
                    INSERT INTO match_subscriptions (user_id, organization_id, subject, need_id, min_score, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    user, organization, input.subject.rawValue, input.needId, input.minScore,
                    Timestamp.millis(context.now),
                ])
            let subscription = MatchSubscription(
                id: db.lastInsertedRowID, subject: input.subject, needId: input.needId, minScore: input.minScore,
                createdAt: Timestamp.date(millis: Timestamp.millis(context.now)))
            return Audited(
                subscription, target: "match_subscription", id: String(subscription.id),
                change: [
                    "subject": .string(input.subject.rawValue), "needId": input.needId.map { .int($0) } ?? .null,
                    "minScore": .int(Int64(input.minScore)),
                ])
        }
    }

    public func list(viewer: Actor) async throws -> [MatchSubscription] {
        guard let user = viewer.userID else { throw DomainError.unauthenticated }
        return try await database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM match_subscriptions WHERE user_id = ? AND deleted_at IS NULL ORDER BY id DESC",
                arguments: [user]
            ).map(Self.subscription)
        }
    }

    public func delete(_ id: Int64, by actor: Actor) async throws -> MatchSubscription {
        try await database.write(as: actor, action: "match_subscription.delete") { db, context in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM match_subscriptions WHERE id = ? AND user_id = ? AND deleted_at IS NULL",
                    arguments: [id, actor.userID ?? -1])
            else { throw NotificationsError.subscriptionNotFound }
            try db.execute(
                sql: "UPDATE match_subscriptions SET deleted_at = ? WHERE id = ?",
                arguments: [Timestamp.millis(context.now), id])
            return Audited(
                try Self.subscription(row), target: "match_subscription", id: String(id), change: ["deleted": true])
        }
    }

    static func subscription(_ row: Row) throws -> MatchSubscription {
        MatchSubscription(
            id: row["id"], subject: MatchSubscription.Subject(rawValue: row["subject"]) ?? .portfolio,
            needId: row["need_id"], minScore: row["min_score"], createdAt: Timestamp.date(millis: row["created_at"]))
    }
}
