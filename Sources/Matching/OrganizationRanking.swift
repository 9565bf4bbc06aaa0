import Foundation
import GRDB
import Identity
import Kernel
import Listings

/// Organisations ranked by the listings of theirs that match: the best one counts fully, the
/// second a quarter, the third a tenth (breadth helps, one strong fit matters most), then the
/// organisation's own city, track record and feedback.
struct OrganizationRanking {
    let weights: MatchWeights
    let deals: (any DealRecord)?
    static let breadth = [1.0, 0.25, 0.1]
    static let evidenceCount = 3

    func rank(
        _ db: Database, scored: [ScoredListing], probe: MatchProbe, plan: QueryPlan,
        allowedKinds: Set<OrganizationKind>,
        subject: FeedbackStore.Subject?, limit: Int
    ) throws -> [Match] {
        var byOwner: [Int64: [ScoredListing]] = [:]
        for entry in scored where entry.listing.ownerOrganizationId != probe.ownerOrganizationId {
            byOwner[entry.listing.ownerOrganizationId, default: []].append(entry)
        }
        let summaries = try OrganizationDirectory.summaries(db, ids: byOwner.keys)
        let candidates = byOwner.keys.filter { summaries[$0].map { allowedKinds.contains($0.kind) } ?? false }
        let milestones = try ListingIndex.acceptedMilestones(db, organizations: candidates)
        let contracts = try deals?.contracts(db, organizations: candidates) ?? [:]
        let dismissed = try FeedbackStore.dismissed(db, subject: subject, candidateKind: .organisation)
        let prior = try deals?.organizations(db, ids: candidates) ?? [:]
        let listingWeight = weights.text + weights.field + weights.ipc + weights.trl + weights.price

        var results: [(Match, Double)] = []
        for id in candidates {
            guard let organization = summaries[id], let entries = byOwner[id] else { continue }
            let ordered = entries.sorted { ($0.relevance, -$0.listing.id) > ($1.relevance, -$1.listing.id) }
            let listingsValue = min(1, zip(ordered, Self.breadth).reduce(0) { $0 + $1.0.relevance * $1.1 })
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
                "listings", listingWeight, listingsValue,
                [
                    "matchingListings": .int(Int64(entries.count)),
                    "best": .string(String(format: "%.4f", ordered[0].relevance)),
                ])
            part(
                "city", weights.city, Signals.city(probe.city, organization.city),
                [
                    "city": .string(organization.city.rawValue), "sameCity": .bool(probe.city == organization.city),
                ])
            part(
                "trackRecord", weights.trackRecord,
                Signals.trackRecord(milestones: milestones[id] ?? 0, deals: contracts[id] ?? 0),
                [
                    "acceptedMilestones": .int(Int64(milestones[id] ?? 0)), "deals": .int(Int64(contracts[id] ?? 0)),
                ])
            let feedback = prior[id] ?? .none
            part(
                "feedback", weights.feedback,
                Signals.feedbackPrior(contacted: feedback.contacted, deals: feedback.deals),
                [
                    "contacted": .int(Int64(feedback.contacted)), "deals": .int(Int64(feedback.deals)),
                ])
            let isDismissed = dismissed.contains(id)
            if isDismissed {
                parts.append(
                    ScorePart(
                        signal: "dismissed", weight: weights.fraction(weights.dismissedPenalty), value: 1,
                        contribution: -weights.fraction(weights.dismissedPenalty), facts: [:]
                    ))
            }
            let score = parts.reduce(0) { $0 + $1.contribution }
            let terms = ordered.prefix(Self.evidenceCount).flatMap { ListingRanker.matched($0.listing, plan: plan) }
            var seen = Set<String>()
            let match = Match(
                rank: 0, kind: .organisation, id: id, title: organization.name, city: organization.city,
                organization: organization,
                fields: Array(Set(entries.flatMap(\.listing.fields))).sorted { $0.rawValue < $1.rawValue },
                score: score.rounded4,
                explanation: Explanation(
                    parts: parts, matchedTerms: terms.filter { seen.insert($0).inserted }, highlights: nil,
                    evidence: ordered.prefix(Self.evidenceCount).map {
                        Evidence(
                            kind: CandidateKind(rawValue: $0.listing.kind.rawValue) ?? .patent, id: $0.listing.id,
                            title: $0.listing.title, score: $0.relevance.rounded4
                        )
                    },
                    dismissed: isDismissed
                )
            )
            results.append((match, score))
        }
        results.sort { ($0.1, -$0.0.id) > ($1.1, -$1.0.id) }
        return results.prefix(limit).enumerated().map { index, pair in
            var match = pair.0
            match.rank = index + 1
            return match
        }
    }
}
