import Foundation
import GRDB
import Identity
import Kernel
import Listings
import TextAnalysis

/// Which way a ranking runs: supply (patents, achievements) for a need-like probe, or needs
/// for a supply-like probe. The signals compare the need side with the supply side either way.
enum Direction: Sendable {
    case supplyForNeed
    case needsForSupply
}

/// A listing with its score and the parts that make it up.
struct ScoredListing: Sendable {
    var listing: IndexedListing
    var score: Double
    /// The listing's own parts (text, field, IPC, TRL, price) as a share of their weights, 0…1:
    /// what an organisation's match is aggregated from.
    var relevance: Double
    var parts: [ScorePart]
    var matchedTerms: [String]
    var dismissed: Bool
}

/// Two stages: full-text retrieval of the best `weights.candidates` listings by weighted BM25
/// over the probe's selected terms, then a weighted sum of the text score and the structured
/// signals, with feedback applied.
struct ListingRanker {
    let weights: MatchWeights
    let deals: (any DealRecord)?

    func rank(
        _ db: Database, probe: MatchProbe, plan: QueryPlan, direction: Direction, filter: ListingIndex.Filter,
        subject: FeedbackStore.Subject?, limit: Int, explained: Int? = nil
    ) throws -> [ScoredListing] {
        let explained = explained ?? limit
        var filter = filter
        if let own = probe.listingId { filter.excludeIds.insert(own) }
        let retrieved = try ListingIndex.retrieve(
            db, match: plan.expression, filter: filter, limit: max(limit, weights.candidates),
            columnWeights: weights.columnWeights
        )
        guard let best = retrieved.compactMap(\.rank).min(), best < 0 else { return [] }
        let candidateKind: (IndexedListing) -> CandidateKind = { CandidateKind(rawValue: $0.kind.rawValue) ?? .patent }
        var dismissed: Set<Int64> = []
        for kind in Set(retrieved.map(candidateKind)) {
            dismissed.formUnion(try FeedbackStore.dismissed(db, subject: subject, candidateKind: kind))
        }
        let prior = try deals?.listings(db, ids: retrieved.map(\.id)) ?? [:]
        let owners = retrieved.map(\.ownerOrganizationId)
        let milestones = try ListingIndex.acceptedMilestones(db, organizations: owners)
        let contracts = try deals?.contracts(db, organizations: Array(Set(owners))) ?? [:]

        var scored = retrieved.map { listing -> ScoredListing in
            let need: (fields: [Field], modes: [String], budget: PriceRange?, city: CityCode?)
            let supply: (fields: [Field], ipc: [String], trl: Int?, price: PriceRange?)
            switch direction {
            case .supplyForNeed:
                need = (probe.fields, probe.modes, probe.price, probe.city)
                supply = (listing.fields, listing.ipcCodes, listing.trl, listing.price)
            case .needsForSupply:
                need = (listing.fields, listing.modes, listing.price, probe.city)
                supply = (probe.fields, probe.ipcCodes, probe.trl, probe.price)
            }
            let text = (listing.rank ?? 0) / best
            var parts: [ScorePart] = []
            func part(_ signal: String, _ weight: Int, _ value: Double?, _ facts: JSONValue) {
                let w = weights.fraction(weight)
                parts.append(
                    ScorePart(
                        signal: signal, weight: w, value: value.map(\.rounded4),
                        contribution: ((value ?? 0) * w).rounded4, facts: facts
                    ))
            }
            part(
                "text", weights.text, text,
                [
                    "bm25": .string(String(format: "%.3f", -(listing.rank ?? 0))),
                    "queryTerms": .int(Int64(plan.tokens.count)),
                ])
            let shared = Set(need.fields).intersection(supply.fields).subtracting([.other])
            part(
                "field", weights.field, Signals.fieldOverlap(want: need.fields, have: supply.fields),
                [
                    "shared": .array(Field.allCases.filter(shared.contains).map { .string($0.rawValue) })
                ])
            part(
                "ipc", weights.ipc, Signals.ipcRelation(want: need.fields, ipcCodes: supply.ipc),
                [
                    "codes": .array(supply.ipc.map { .string($0) })
                ])
            part(
                "trl", weights.trl, Signals.trlFit(trl: supply.trl, modes: need.modes),
                [
                    "trl": supply.trl.map { .int(Int64($0)) } ?? .null, "modes": .array(need.modes.map { .string($0) }),
                ])
            part(
                "price", weights.price, Signals.priceFit(price: supply.price, budget: need.budget),
                [
                    "priceMinFen": supply.price?.minFen.map { .int($0) } ?? .null,
                    "budgetMaxFen": need.budget?.maxFen.map { .int($0) } ?? .null,
                ])
            let relevanceWeight = weights.text + weights.field + weights.ipc + weights.trl + weights.price
            let relevance = parts.reduce(0) { $0 + $1.contribution } / max(weights.fraction(relevanceWeight), 0.001)
            part(
                "city", weights.city, Signals.city(probe.city, listing.city),
                [
                    "city": .string(listing.city.rawValue), "sameCity": .bool(probe.city == listing.city),
                ])
            let owner = listing.ownerOrganizationId
            part(
                "trackRecord", weights.trackRecord,
                Signals.trackRecord(milestones: milestones[owner] ?? 0, deals: contracts[owner] ?? 0),
                [
                    "acceptedMilestones": .int(Int64(milestones[owner] ?? 0)),
                    "deals": .int(Int64(contracts[owner] ?? 0)),
                ])
            let feedback = prior[listing.id] ?? .none
            part(
                "feedback", weights.feedback,
                Signals.feedbackPrior(contacted: feedback.contacted, deals: feedback.deals),
                [
                    "contacted": .int(Int64(feedback.contacted)), "deals": .int(Int64(feedback.deals)),
                ])
            let isDismissed = dismissed.contains(listing.id)
            if isDismissed {
                parts.append(
                    ScorePart(
                        signal: "dismissed", weight: weights.fraction(weights.dismissedPenalty), value: 1,
                        contribution: -weights.fraction(weights.dismissedPenalty), facts: [:]
                    ))
            }
            let score = parts.reduce(0) { $0 + $1.contribution }
            return ScoredListing(
                listing: listing, score: score, relevance: relevance, parts: parts, matchedTerms: [],
                dismissed: isDismissed
            )
        }
        scored.sort { ($0.score, -$0.listing.id) > ($1.score, -$1.listing.id) }
        // Matched terms explain; they do not rank: found only for what will be shown.
        for index in scored.indices.prefix(explained) {
            scored[index].matchedTerms = Self.matched(scored[index].listing, plan: plan)
        }
        return scored
    }

    /// The plan's terms (and phrase tokens) found in the listing's text, in the plan's order.
    static func matched(_ listing: IndexedListing, plan: QueryPlan) -> [String] {
        let found = tokens(of: listing)
        var seen = Set<String>()
        return (plan.tokens + plan.phrases.flatMap { $0 }).filter { found.contains($0) && seen.insert($0).inserted }
    }

    static func tokens(of listing: IndexedListing) -> Set<String> {
        var text = listing.title
        for keyword in listing.keywords { text += " ; " + keyword }
        for body in listing.body { text += " ; " + body }
        return Set(Tokenizer.tokens(TextNormalizer.normalize(text)))
    }
}
