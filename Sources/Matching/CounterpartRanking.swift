import Foundation
import GRDB
import Identity
import Kernel
import Listings
import Store

extension MatchService {
    /// How many of an organisation's own listings its counterpart matching looks at (newest first).
    static let counterpartSubjects = 12

    /// Counterpart organisations: for an enterprise, the universities, institutes and labs that
    /// fit its open needs; for a university, institute or lab, the enterprises whose needs fit
    /// its patents and achievements. A counterpart's score is the mean of its scores over those
    /// listings (0 where it did not match), its parts the means of the parts.
    public func forOrganization(_ id: Int64, options raw: MatchOptions, viewer: Actor) async throws -> MatchList {
        let options = try raw.validated(allowed: [.organisation])
        let now = database.clock.now()
        return try await database.read { db in
            guard let organization = try OrganizationDirectory.summaries(db, ids: [id])[id],
                Authorization.allows(viewer, .matchView, on: AccessTarget(organizationID: id, city: organization.city))
            else {
                throw MatchingError.organizationNotFound
            }
            let seeksSupply = organization.kind == .enterprise
            let own = try ListingIndex.listings(
                db, owner: id, kinds: seeksSupply ? [.need] : [.patent, .achievement], now: now,
                limit: Self.counterpartSubjects
            )
            var perSubject: [[Match]] = []
            var terms: [String] = []
            for listing in own {
                var probe = MatchProbe(listing)
                probe.ownerOrganizationId = id
                let list = try ranking(
                    db, probe: probe, direction: seeksSupply ? .supplyForNeed : .needsForSupply,
                    options: MatchOptions(
                        kind: .organisation, city: options.city, field: options.field, limit: MatchOptions.maxLimit),
                    subject: FeedbackStore.Subject(kind: listing.kind.rawValue, id: listing.id), now: now
                )
                for term in list.queryTerms.prefix(4) where !terms.contains(term) { terms.append(term) }
                perSubject.append(
                    list.items.map { match in
                        var match = match
                        // Evidence names the pair: this listing of ours, the counterpart's listing.
                        match.explanation.evidence =
                            [
                                Evidence(
                                    kind: CandidateKind(rawValue: listing.kind.rawValue) ?? .need, id: listing.id,
                                    title: listing.title,
                                    score: match.score
                                )
                            ] + (match.explanation.evidence ?? [])
                        return match
                    })
            }
            let items = Self.combine(perSubject, subjects: max(own.count, 1), limit: options.limit)
            return MatchList(subject: MatchList.Subject(kind: "organisation", id: id), queryTerms: terms, items: items)
        }
    }

    static func combine(_ perSubject: [[Match]], subjects: Int, limit: Int) -> [Match] {
        var byOrganization: [Int64: [Match]] = [:]
        for list in perSubject {
            for match in list { byOrganization[match.id, default: []].append(match) }
        }
        let n = Double(subjects)
        var combined: [Match] = byOrganization.values.map { matches in
            var best = matches.max { ($0.score, -$0.id) < ($1.score, -$1.id) }!
            var parts: [ScorePart] = []
            for part in best.explanation.parts {
                let same = matches.compactMap { $0.explanation.parts.first { $0.signal == part.signal } }
                let value = same.compactMap(\.value).reduce(0, +) / n
                let contribution = same.map(\.contribution).reduce(0, +) / n
                parts.append(
                    ScorePart(
                        signal: part.signal, weight: part.weight, value: value.rounded4,
                        contribution: contribution.rounded4,
                        facts: ["listingsMatched": .int(Int64(same.count)), "of": .int(Int64(subjects))]
                    ))
            }
            best.score = (matches.map(\.score).reduce(0, +) / n).rounded4
            best.explanation.parts = parts
            best.explanation.highlights = nil
            best.explanation.evidence = matches.sorted { $0.score > $1.score }.prefix(OrganizationRanking.evidenceCount)
                .flatMap { $0.explanation.evidence?.prefix(2) ?? [] }
            var seen = Set<String>()
            best.explanation.matchedTerms = matches.flatMap(\.explanation.matchedTerms).filter {
                seen.insert($0).inserted
            }
            return best
        }
        combined.sort { ($0.score, -$0.id) > ($1.score, -$1.id) }
        return combined.prefix(limit).enumerated().map { index, match in
            var match = match
            match.rank = index + 1
            return match
        }
    }
}
