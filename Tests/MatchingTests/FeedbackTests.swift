import Foundation
import GRDB
import Identity
import Kernel
import Listings
@testable import Matching
import Store
import Testing

/// Feedback changes the next ranking: dismissed sinks for that need; accepted connections and
/// registered contracts (Deals' record) raise a candidate; one-sided clicks do not. Recording is audited and repeats change nothing.
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

    /// A one-sided click ("contacted", "deal") no longer moves anyone's ranking: only what both
    /// sides did — an accepted connection, a registered or completed contract — does.
    @Test func clicksAloneRaiseNobody() async throws {
        let world = try await MatchingWorld.make()
        let need = try await world.listing("seed-need-002")
        let owner = try await world.owner(of: need)
        let viewer = world.actor(.orgMember, organization: owner.id, city: owner.city)
        let before = try await world.matches.forNeed(
            need, options: MatchOptions(kind: .patent, limit: 20), viewer: viewer)
        let low = try #require(before.items.last)
        for action in [FeedbackAction.contacted, .deal] {
            _ = try await world.feedback.record(
                NewFeedback(
                    subjectKind: .need, subjectId: need, candidateKind: .patent, candidateId: low.id, action: action),
                by: viewer)
        }
        let after = try await world.matches.forNeed(
            need, options: MatchOptions(kind: .patent, limit: 20), viewer: viewer)
        let same = try #require(after.items.first { $0.id == low.id })
        #expect(same.score == low.score)
    }

    @Test func acceptedConnectionsAndContractsRaiseACandidate() async throws {
        let plain = try await MatchingWorld.make()
        let need = try await plain.listing("seed-need-002")
        let owner = try await plain.owner(of: need)
        let viewer = plain.actor(.orgMember, organization: owner.id, city: owner.city)
        let before = try await plain.matches.forNeed(
            need, options: MatchOptions(kind: .patent, limit: 20), viewer: viewer)
        let low = try #require(before.items.last)
        func part(_ list: MatchList, _ signal: String) -> Double? {
            list.items.first { $0.id == low.id }?.explanation.parts.first { $0.signal == signal }?.contribution
        }
        #expect(part(before, "feedback") == 0)
        let lowOwner = try await plain.owner(of: low.id)
        let record = StubDealRecord(
            listings: [low.id: DealCounts(contacted: 2, deals: 1)], organizations: [lowOwner.id: 3])
        let world = try await MatchingWorld.make(deals: record)
        let after = try await world.matches.forNeed(
            need, options: MatchOptions(kind: .patent, limit: 20), viewer: viewer)
        let raised = try #require(after.items.first { $0.id == low.id })
        #expect((part(after, "feedback") ?? 0) > 0)
        #expect(raised.score > low.score)
        #expect(raised.rank < low.rank)
        let trackRecord = try #require(raised.explanation.parts.first { $0.signal == "trackRecord" })
        #expect(trackRecord.contribution > 0, "registered contracts add to the owner's track record")
        #expect(trackRecord.facts == .object(["acceptedMilestones": .int(0), "deals": .int(3)]))
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

/// Deals' answers, fixed: what the ranking does with them is what is tested here (the real
/// answers are Deals' `DealTrackRecord`, tested there).
struct StubDealRecord: DealRecord {
    var listings: [Int64: DealCounts] = [:]
    var organizations: [Int64: Int] = [:]

    func contracts(_ db: Database, organizations ids: [Int64]) throws -> [Int64: Int] {
        organizations.filter { ids.contains($0.key) }
    }

    func listings(_ db: Database, ids: [Int64]) throws -> [Int64: DealCounts] {
        listings.filter { ids.contains($0.key) }
    }

    func organizations(_ db: Database, ids: [Int64]) throws -> [Int64: DealCounts] {
        organizations.filter { ids.contains($0.key) }.mapValues { DealCounts(contacted: 0, deals: $0) }
    }
}
