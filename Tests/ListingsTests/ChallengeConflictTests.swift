import Foundation
import GRDB
import Identity
import Kernel
@testable import Listings
import Store
import Testing

/// An expert's conflict-of-interest declaration (issue 18): scoring declares none; a declared
/// conflict is final, drops the expert's scores and refuses their scoring; each is audited.
struct ChallengeConflictTests {
    @Test func aDeclaredConflictIsFinalAndAudited() async throws {
        let cast = try await ChallengeCast()
        let world = cast.world
        let expert = try await world.user(.expert, in: cast.neutral, username: "expert.coi")
        let other = try await world.user(.expert, in: cast.neutral, username: "expert.unassigned")
        let (challenge, applications) = try await cast.underReview(
            applicants: [cast.university, cast.institute], experts: [expert])
        let first = applications[0].id

        // Scoring without declaring no conflict is refused, nothing written.
        var before = try world.footprint()
        var undeclared = cast.sheet(80)
        undeclared.declaresNoConflict = false
        let refused = await domainError {
            try await world.challenges.score(first, of: challenge.id, undeclared, by: expert)
        }
        #expect(refused?.code == "conflict_declaration_required" && refused?.field == "declaresNoConflict")
        #expect(try world.footprint() == before && world.count("challenge_scores") == 0)
        #expect(try world.count("challenge_conflict_declarations") == 0)

        // An expert not assigned can neither declare nor score.
        let unassigned = await domainError {
            try await world.challenges.declareConflict(first, of: challenge.id, conflict: true, note: nil, by: other)
        }
        #expect(unassigned?.code == "not_assigned")

        // Scoring declares none, in the same audited entry.
        var seq = try world.lastAuditSeq()
        _ = try await world.challenges.score(first, of: challenge.id, cast.sheet(80), by: expert)
        #expect(try world.auditActions(after: seq) == ["challenge.score"])
        var declarations = try await world.challenges.conflictDeclarations(of: challenge.id, viewer: expert)
        #expect(declarations[first]?.conflict == false)
        #expect(try world.count("challenge_scores") == 3)

        // Then a conflict comes to light: declared (audited), the scores are dropped.
        seq = try world.lastAuditSeq()
        let declared = try await world.challenges.declareConflict(
            first, of: challenge.id, conflict: true, note: "申报团队负责人为本人博士导师", by: expert)
        #expect(declared.conflict && declared.expertUserId == expert.userID)
        #expect(try world.auditActions(after: seq) == ["challenge.declare_conflict"])
        #expect(try world.count("challenge_scores") == 0)
        declarations = try await world.challenges.conflictDeclarations(of: challenge.id, viewer: expert)
        #expect(declarations[first]?.conflict == true)

        // Final: no scoring, no going back to "none".
        before = try world.footprint()
        let scoring = await domainError {
            try await world.challenges.score(first, of: challenge.id, cast.sheet(95), by: expert)
        }
        #expect(scoring?.code == "conflict_declared")
        let undo = await domainError {
            try await world.challenges.declareConflict(first, of: challenge.id, conflict: false, note: nil, by: expert)
        }
        #expect(undo?.code == "conflict_declared")
        #expect(try world.footprint() == before && world.count("challenge_scores") == 0)

        // The other application is still theirs to score; the recusal does not block completeness.
        _ = try await world.challenges.score(applications[1].id, of: challenge.id, cast.sheet(70), by: expert)
        let seen = try await world.challenges.applications(of: challenge.id, viewer: expert)
        #expect(seen.first { $0.id == applications[1].id }?.averageScore == 70)
    }

    @Test func theOwnersChallengesIncludeDraftsForItsPeopleOnly() async throws {
        let cast = try await ChallengeCast()
        let world = cast.world
        let draft = try await world.challenges.create(cast.new(), by: cast.ownerAdmin)
        let own = try await world.challenges.owned(
            by: cast.owner.id, page: PageRequest(limit: 10), viewer: cast.ownerAdmin)
        #expect(own.items.map(\.id) == [draft.id])
        let others = try await world.challenges.owned(
            by: cast.owner.id, page: PageRequest(limit: 10), viewer: cast.member(cast.university))
        #expect(others.items.isEmpty)
        #expect(draft.scoringCriteria.map(\.name) == ["技术方案", "团队能力", "研究基础"])
    }
}
