import Foundation
import GRDB
import Identity
import Kernel
import Listings
import Store

/// Ranks supply for needs, needs for supply, and organisations for each other, each result
/// with its explanation. Reads only; feedback is written by `FeedbackService`.
public struct MatchService: Sendable {
    let database: AppDatabase
    public let weights: MatchWeights
    let frequencies = FrequencyCache()
    /// Accepted connections and registered contracts, for the track-record and feedback signals;
    /// without it (a bare ranking, as in the evaluation) both count nothing.
    let deals: (any DealRecord)?

    public init(database: AppDatabase, weights: MatchWeights = MatchWeights(), deals: (any DealRecord)? = nil) {
        self.database = database
        self.weights = weights
        self.deals = deals
    }

    static let supplyKinds: [CandidateKind] = [.patent, .achievement, .organisation]
    /// Organisations that offer technology (a need's counterpart).
    static let supplierKinds: Set<OrganizationKind> = [.university, .institute, .lab, .enterprise]
    static let researchKinds: Set<OrganizationKind> = [.university, .institute, .lab]

    // MARK: need → supply

    /// Patents, achievements or organisations (`kind`) for a need. Only the need's own
    /// organisation, the platform and its city's administrators may ask; others get 404.
    public func forNeed(_ id: Int64, options raw: MatchOptions, viewer: Actor) async throws -> MatchList {
        let options = try raw.validated(allowed: [.patent, .achievement, .organisation])
        let now = database.clock.now()
        return try await database.read { db in
            let need = try Self.subject(db, id: id, kind: .need, viewer: viewer, now: now)
            let probe = MatchProbe(need)
            let subject = FeedbackStore.Subject(kind: "need", id: id)
            return try ranking(
                db, probe: probe, direction: .supplyForNeed, options: options, subject: subject, now: now)
        }
    }

    // MARK: supply → needs

    /// Open needs (or the enterprises behind them, `kind=organisation`) for a patent or achievement.
    public func forSupply(
        _ kind: CandidateKind, _ id: Int64, options raw: MatchOptions, viewer: Actor
    ) async throws -> MatchList {
        let options = try raw.validated(allowed: [.need, .organisation])
        let now = database.clock.now()
        let listingKind: ListingKind = kind == .patent ? .patent : .achievement
        return try await database.read { db in
            let listing = try Self.subject(db, id: id, kind: listingKind, viewer: viewer, now: now)
            let subject = FeedbackStore.Subject(kind: listingKind.rawValue, id: id)
            return try ranking(
                db, probe: MatchProbe(listing), direction: .needsForSupply, options: options, subject: subject, now: now
            )
        }
    }

    // MARK: free text

    /// Supply for a problem described in free text (nothing is stored).
    public func query(_ input: MatchQuery, viewer: Actor) async throws -> MatchList {
        try Authorization.check(viewer, .matchQuery, on: .platformWide)
        let options = try MatchOptions(
            kind: input.kind, city: nil, field: nil, limit: input.limit ?? MatchOptions.defaultLimit
        )
        .validated(allowed: [.patent, .achievement, .organisation])
        let probe = try input.probe()
        let now = database.clock.now()
        return try await database.read { db in
            try ranking(db, probe: probe, direction: .supplyForNeed, options: options, subject: nil, now: now)
        }
    }

    /// The ranking every entry point shares; also what `corridor eval matching` measures.
    func ranking(
        _ db: Database, probe: MatchProbe, direction: Direction, options: MatchOptions, subject: FeedbackStore.Subject?,
        now: Date
    ) throws -> MatchList {
        let kind = options.kind ?? (direction == .supplyForNeed ? .patent : .need)
        let head = MatchList.Subject(kind: subject?.kind ?? "text", id: subject?.id)
        guard
            let plan = try QueryPlan.make(
                db, probe: probe, maxTerms: weights.queryTerms, commonShare: Double(weights.commonShare) / 1_000,
                cache: frequencies
            )
        else {
            return MatchList(subject: head, queryTerms: [], items: [])
        }
        let ranker = ListingRanker(weights: weights, deals: deals)
        let fields = options.field.map { [$0] } ?? []
        let items: [Match]
        switch kind {
        case .patent, .achievement, .need:
            let listingKind = ListingKind(rawValue: kind.rawValue)!
            let filter = ListingIndex.Filter(kinds: [listingKind], city: options.city, fields: fields, now: now)
            let scored = try ranker.rank(
                db, probe: probe, plan: plan, direction: direction, filter: filter, subject: subject,
                limit: options.limit)
            let owners = try OrganizationDirectory.summaries(
                db, ids: scored.prefix(options.limit).map(\.listing.ownerOrganizationId))
            items = scored.prefix(options.limit).enumerated().map { index, entry in
                Self.match(entry, rank: index + 1, plan: plan, owner: owners[entry.listing.ownerOrganizationId])
            }
        case .organisation:
            let kinds: [ListingKind] = direction == .supplyForNeed ? [.patent, .achievement] : [.need]
            let filter = ListingIndex.Filter(kinds: kinds, city: options.city, fields: fields, now: now)
            var wide = weights
            wide.candidates = weights.candidates * 2
            let scored = try ListingRanker(weights: wide, deals: deals).rank(
                db, probe: probe, plan: plan, direction: direction, filter: filter, subject: nil,
                limit: wide.candidates, explained: 0
            )
            let allowed = direction == .supplyForNeed ? Self.researchKinds : [.enterprise]
            items = try OrganizationRanking(weights: weights, deals: deals).rank(
                db, scored: scored, probe: probe, plan: plan, allowedKinds: allowed, subject: subject,
                limit: options.limit
            )
        }
        return MatchList(subject: head, queryTerms: plan.tokens, items: items)
    }

    static func match(_ entry: ScoredListing, rank: Int, plan: QueryPlan, owner: OrganizationSummary?) -> Match {
        let listing = entry.listing
        let highlightTokens = entry.matchedTerms
        return Match(
            rank: rank, kind: CandidateKind(rawValue: listing.kind.rawValue) ?? .patent, id: listing.id,
            title: listing.title,
            city: listing.city, organization: owner, fields: listing.fields, score: entry.score.rounded4,
            explanation: Explanation(
                parts: entry.parts, matchedTerms: entry.matchedTerms,
                highlights: SearchResult.Highlights(
                    title: ListingHighlight.highlight(listing.title, tokens: highlightTokens),
                    snippet: listing.body.first.map {
                        ListingHighlight.highlight($0, tokens: highlightTokens, window: 120)
                    }
                ),
                evidence: nil, dismissed: entry.dismissed
            )
        )
    }

    /// The listing being matched, if this viewer may see its matches; 404 otherwise.
    static func subject(_ db: Database, id: Int64, kind: ListingKind, viewer: Actor, now: Date) throws -> IndexedListing
    {
        guard let listing = try ListingIndex.listing(db, id: id, now: now), listing.kind == kind,
            Authorization.allows(
                viewer, .matchView, on: AccessTarget(organizationID: listing.ownerOrganizationId, city: listing.city))
        else {
            throw MatchingError.listingNotFound(kind)
        }
        return listing
    }
}
