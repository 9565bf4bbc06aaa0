import Foundation
import GRDB
import Identity
import Kernel
import Listings
@testable import Matching
import Store
import Testing

/// Feedback changes the next ranking: dismissed sinks for that need; contacts and deals raise
/// a candidate for needs in the same fields. Recording is audited and repeats change nothing.
@Suite(.serialized)
struct FeedbackTests {
    @Test func dismissedSinksForThatNeedOnly() async throws {
        // Retrieve fewer candidates than the page holds, so the sunk one is on the page.
        var weights = MatchWeights()
        weights.candidates = 30
        let world = try await MatchingWorld.make(weights: weights)
        let need = try await world.listing("seed-need-002")
        let owner = try await world.owner(of: need)
        let viewer = world.actor(.orgMember, organization: owner.id, city: owner.city)
        let before = try await world.matches.forNeed(need, options: MatchOptions(kind: .patent), viewer: viewer)
        let top = try #require(before.items.first)
        let audits = try await world.auditCount()
        let recorded = try await world.feedback.record(
            NewFeedback(
                subjectKind: .need, subjectId: need, candidateKind: .patent, candidateId: top.id, action: .dismissed),
            by: viewer
        )
        #expect(try await world.auditCount() == audits + 1)
        // The same feedback again: the first record, no new audit entry.
        let again = try await world.feedback.record(
            NewFeedback(
                subjectKind: .need, subjectId: need, candidateKind: .patent, candidateId: top.id, action: .dismissed),
            by: viewer
        )
        #expect(again == recorded)
        #expect(try await world.auditCount() == audits + 1)

        let after = try await world.matches.forNeed(
            need, options: MatchOptions(kind: .patent, limit: 50), viewer: viewer)
        #expect(after.items.first?.id != top.id)
        let sunk = try #require(after.items.first { $0.id == top.id })
        #expect(sunk.explanation.dismissed)
        #expect(sunk.rank == after.items.count, "a dismissed candidate ranks last")
        #expect(sunk.explanation.parts.contains { $0.signal == "dismissed" && $0.contribution < 0 })
        // For a free-text query about the same thing, nothing is dismissed.
        let elsewhere = try await world.matches.query(
            MatchQuery(text: top.title, kind: .patent, limit: 50), viewer: viewer)
        #expect(elsewhere.items.contains { $0.id == top.id })
        #expect(elsewhere.items.allSatisfy { !$0.explanation.dismissed })
    }

    @Test func contactsRaiseACandidateForSimilarNeeds() async throws {
        let world = try await MatchingWorld.make()
        let need = try await world.listing("seed-need-002")
        let owner = try await world.owner(of: need)
        let viewer = world.actor(.orgMember, organization: owner.id, city: owner.city)
        let before = try await world.matches.forNeed(
            need, options: MatchOptions(kind: .patent, limit: 20), viewer: viewer)
        let low = try #require(before.items.last)
        func feedbackPart(_ list: MatchList) -> Double? {
            list.items.first { $0.id == low.id }?.explanation.parts.first { $0.signal == "feedback" }?.contribution
        }
        #expect(feedbackPart(before) == 0)
        // Another enterprise with a need in the same field contacted it and made a deal.
        let other = try await world.database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT l.id, l.owner_org_id, l.city FROM listings l WHERE l.kind = 'need' AND l.id <> ?
                      AND (l.fields_mask & (SELECT fields_mask FROM listings WHERE id = ?)) <> 0 LIMIT 1
                    """,
                arguments: [need, need]
            ).map { ($0["id"] as Int64, $0["owner_org_id"] as Int64, $0["city"] as String) }
        }
        let otherNeed = try #require(other)
        let otherViewer = world.actor(.orgMember, organization: otherNeed.1, city: CityCode(rawValue: otherNeed.2)!)
        for action in [FeedbackAction.contacted, .deal] {
            _ = try await world.feedback.record(
                NewFeedback(
                    subjectKind: .need, subjectId: otherNeed.0, candidateKind: .patent, candidateId: low.id,
                    action: action),
                by: otherViewer
            )
        }
        let after = try await world.matches.forNeed(
            need, options: MatchOptions(kind: .patent, limit: 20), viewer: viewer)
        let raised = try #require(after.items.first { $0.id == low.id })
        #expect((feedbackPart(after) ?? 0) > 0)
        #expect(raised.score > low.score)
        #expect(raised.rank < low.rank)
        let trackRecord = try #require(raised.explanation.parts.first { $0.signal == "trackRecord" })
        #expect(trackRecord.contribution > 0, "a deal adds to the owner's track record")
    }

    @Test func feedbackIsForThoseWhoSeeTheMatches() async throws {
        let world = try await MatchingWorld.make()
        let need = try await world.listing("seed-need-002")
        let owner = try await world.owner(of: need)
        let patent = try await world.listing("201610189314.X")
        let stranger = try await world.organization(.enterprise, excluding: owner.id)
        let audits = try await world.auditCount()
        let cases: [(NewFeedback, Actor, String)] = [
            (
                NewFeedback(
                    subjectKind: .need, subjectId: need, candidateKind: .patent, candidateId: patent, action: .contacted
                ),
                world.actor(.orgMember, organization: stranger.id, city: stranger.city), "subject_not_found"
            ),
            (
                NewFeedback(
                    subjectKind: .need, subjectId: 9_999_999, candidateKind: .patent, candidateId: patent,
                    action: .viewed),
                world.actor(.orgMember, organization: owner.id, city: owner.city), "subject_not_found"
            ),
            (
                NewFeedback(
                    subjectKind: .need, subjectId: need, candidateKind: .achievement, candidateId: patent,
                    action: .viewed),
                world.actor(.orgMember, organization: owner.id, city: owner.city), "candidate_not_found"
            ),
            (
                NewFeedback(
                    subjectKind: .need, subjectId: need, candidateKind: .need, candidateId: need, action: .viewed),
                world.actor(.orgMember, organization: owner.id, city: owner.city), "candidate_is_subject"
            ),
        ]
        for (input, actor, code) in cases {
            do {
                _ = try await world.feedback.record(input, by: actor)
                Issue.record("accepted \(input)")
            } catch let error as DomainError {
                #expect(error.code == code)
            }
        }
        #expect(try await world.auditCount() == audits)
        let rows = try await world.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM match_feedback")
        }
        #expect(rows == 0)
    }
}
