import Foundation
import GRDB
import Identity
import Kernel
import Listings
import Matching
import Store

/// The run behind match subscriptions: each public listing created since the last run (at
/// most `batch` a run, oldest first) is ranked once — a need against the research
/// organisations' portfolios, a patent or achievement against open needs — by the same ranking
/// the match routes answer, and each subscriber whose organisation (or need) ranks at or above
/// their score is told, in one audited write that also moves the position. The first run only
/// marks where the listings end.
public struct MatchSubscriptionEvaluation: Sendable {
    let database: AppDatabase
    let matches: MatchService
    /// Listings ranked in one run at most (each costs one ranking).
    public static let batch = 200
    static let system = Actor.system("match-subscriptions", requestID: "job")

    public init(database: AppDatabase, matches: MatchService) {
        self.database = database
        self.matches = matches
    }

    struct Subscriber {
        var id: Int64
        var user: Int64
        var organization: Int64
        var need: Int64?
        var minScore: Int
    }

    @discardableResult
    public func run() async throws -> Int {
        let (position, newest, fresh, subscribers) = try await database.read { db in
            let position = try ListingPosition.read(db, .matchSubscriptions)
            let newest = try ListingDirectory.newestID(db)
            guard let position, newest > position else { return (position, newest, [ListingFacts](), [Subscriber]()) }
            let ids = Array((position + 1)...min(newest, position + Int64(Self.batch)))
            let fresh = try ids.compactMap { try ListingDirectory.facts(db, id: $0) }.filter(\.visible)
            let subscribers = try Row.fetchAll(
                db,
                sql:
                    "SELECT id, user_id, organization_id, need_id, min_score FROM match_subscriptions WHERE deleted_at IS NULL"
            ).map {
                Subscriber(
                    id: $0["id"], user: $0["user_id"], organization: $0["organization_id"], need: $0["need_id"],
                    minScore: $0["min_score"])
            }
            return (position, min(newest, position + Int64(Self.batch)), fresh, subscribers)
        }
        if let position, newest <= position { return 0 }
        var events: [OutboxEvent] = []
        if position != nil {
            for listing in fresh {
                events += try await self.events(for: listing, subscribers)
            }
        }
        let told = events.count
        let collected = events
        _ = try await database.write(as: Self.system, action: "match_subscription.evaluate") { db, _ in
            guard try ListingPosition.advance(db, .matchSubscriptions, from: position, to: newest) else {
                return Audited.unchanged(0)
            }
            return Audited(
                told, target: "match_subscription_position", id: "1",
                change: [
                    "after": position.map { .int($0) } ?? .null, "through": .int(newest), "told": .int(Int64(told)),
                ]
            ).notifying(collected)
        }
        return told
    }

    /// Who hears of one new listing.
    func events(for listing: ListingFacts, _ subscribers: [Subscriber]) async throws -> [OutboxEvent] {
        switch listing.kind {
        case .need:
            let portfolio = subscribers.filter { $0.need == nil }
            guard !portfolio.isEmpty else { return [] }
            let ranked = try await matches.forNeed(
                listing.id, options: MatchOptions(kind: .organisation, limit: MatchOptions.maxLimit),
                viewer: Self.system)
            let scores = Dictionary(ranked.items.map { ($0.id, $0.score) }, uniquingKeysWith: max)
            return portfolio.compactMap { subscriber in
                guard let score = scores[subscriber.organization], score * 1_000 >= Double(subscriber.minScore) else {
                    return nil
                }
                return Self.event(listing, score: score, to: subscriber)
            }
        case .patent, .achievement:
            let needs = subscribers.filter { $0.need != nil }
            guard !needs.isEmpty else { return [] }
            let ranked = try await matches.forSupply(
                listing.kind == .patent ? .patent : .achievement, listing.id,
                options: MatchOptions(kind: .need, limit: MatchOptions.maxLimit), viewer: Self.system)
            let scores = Dictionary(ranked.items.map { ($0.id, $0.score) }, uniquingKeysWith: max)
            return needs.compactMap { subscriber in
                guard let need = subscriber.need, let score = scores[need],
                    score * 1_000 >= Double(subscriber.minScore)
                else { return nil }
                return Self.event(listing, score: score, to: subscriber)
            }
        case .challenge:
            return []
        }
    }

    static func event(_ listing: ListingFacts, score: Double, to subscriber: Subscriber) -> OutboxEvent {
        OutboxEvent(
            kind: .matchFound, target: listing.kind.rawValue, id: String(listing.id), users: [subscriber.user],
            payload: [
                "listingId": .int(listing.id), "kind": .string(listing.kind.rawValue),
                "score": .int(Int64((score * 1_000).rounded())), "subscriptionId": .int(subscriber.id),
                "needId": subscriber.need.map { .int($0) } ?? .null,
            ])
    }
}
