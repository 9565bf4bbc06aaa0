import Foundation
import GRDB
import Identity
import Kernel
@testable import Listings
import Store
import Testing

/// Everyone a challenge involves, in one world.
struct ChallengeCast {
    let world: ListingsWorld
    let owner: Organization  // a Wuhan enterprise
    let ownerAdmin: Actor
    let wuhanAdmin: Actor  // city admin of the owner's city
    let huangshiAdmin: Actor  // city admin of another city
    let university: Organization  // Wuhan university: applicant
    let institute: Organization  // Wuhan institute: applicant
    let neutral: Organization  // a Wuhan university that does not apply

    init() async throws {
        world = try ListingsWorld()
        owner = try await world.organization(.enterprise, .wuhan)
        ownerAdmin = world.actor(.orgAdmin, in: owner, user: 101)
        wuhanAdmin = world.actor(.cityAdmin, in: try await world.organization(.government, .wuhan, 1), user: 102)
        huangshiAdmin = world.actor(.cityAdmin, in: try await world.organization(.government, .huangshi), user: 103)
        university = try await world.organization(.university, .wuhan, 0)
        institute = try await world.organization(.institute, .wuhan, 0)
        neutral = try await world.organization(.university, .wuhan, 1)
    }

    static let reward: Int64 = 100_000_000  // ¥1,000,000
    static let tranches: [Int64] = [60_000_000, 25_000_000, 15_000_000]

    func new(
        title: String = "高功率半导体激光芯片关键技术攻关", tranches: [Int64] = ChallengeCast.tranches,
        reward: Int64 = ChallengeCast.reward,
        deadlineIn days: Double = 30, kinds: [OrganizationKind] = [.university, .institute, .enterprise],
        cities: [CityCode] = [.wuhan, .ezhou],
        reviewMode: Challenge.ReviewMode = .expert, raceSlots: Int? = nil
    ) -> NewChallenge {
        NewChallenge(
            year: 2027, title: title, description: "面向光通信与激光加工，攻克高功率半导体激光芯片的外延与封装难题。",
            goals: "单管输出功率不低于 30 W，寿命不低于 2 万小时。", indicators: ["输出功率 ≥ 30 W", "电光转换效率 ≥ 60%"],
            fields: [.optoelectronics], keywords: ["激光芯片"], rewardFen: reward,
            tranches: tranches.enumerated().map {
                Challenge.Tranche(name: $0 == 0 ? "揭榜立项" : "第\($0)阶段验收", amountFen: $1)
            },
            deadline: world.now.addingTimeInterval(days * ListingsWorld.day),
            eligibility: Challenge.Eligibility(organizationKinds: kinds, cities: cities), reviewMode: reviewMode,
            raceSlots: raceSlots, externalRef: nil, ownerOrganizationId: nil
        )
    }

    func application(plan: String = "依托国家重点实验室开展外延生长与腔面钝化攻关。") -> NewChallengeApplication {
        NewChallengeApplication(
            partnerOrganizationIds: nil, plan: plan, budgetFen: 90_000_000,
            team: [.init(name: "王教授", role: "负责人", title: "教授")], leadOrganizationId: nil
        )
    }

    func member(_ organization: Organization, user: Int64 = 200) -> Actor {
        world.actor(.orgMember, in: organization, user: user)
    }

    func step(
        _ id: Int64, _ event: ChallengeTransition.Name, by actor: Actor, reason: String? = nil, deadline: Date? = nil,
        ids: [Int64]? = nil
    ) async throws -> Challenge {
        try await world.challenges.transition(
            id, ChallengeTransition(event: event, reason: reason, deadline: deadline, applicationIds: ids), by: actor)
    }

    /// A published challenge of a government owner (no approval needed), with `applicants` applied and the clock past its deadline, under review.
    func underReview(
        applicants: [Organization], experts: [Actor] = [], reviewMode: Challenge.ReviewMode = .expert,
        raceSlots: Int? = nil, tranches: [Int64] = ChallengeCast.tranches
    ) async throws -> (Challenge, [ChallengeApplication]) {
        let bureau = try await world.organization(.government, .wuhan, 1)
        let official = world.actor(.orgMember, in: bureau, user: 300)
        var input = new(title: "智能网联汽车车路协同关键技术", tranches: tranches, reviewMode: reviewMode, raceSlots: raceSlots)
        input.deadline = world.now.addingTimeInterval(10 * ListingsWorld.day)
        var challenge = try await world.challenges.create(input, by: official)
        challenge = try await step(challenge.id, .submit, by: official)
        var applications: [ChallengeApplication] = []
        for (index, applicant) in applicants.enumerated() {
            applications.append(
                try await world.challenges.apply(
                    to: challenge.id, application(), by: member(applicant, user: 400 + Int64(index))))
        }
        for expert in experts {
            _ = try await world.challenges.assignExpert(expert.userID!, to: challenge.id, by: official)
        }
        world.clock.advance(by: 11 * ListingsWorld.day)
        _ = try await step(challenge.id, .closeApplications, by: world.system)
        challenge = try await step(challenge.id, .startReview, by: official)
        return (challenge, applications)
    }

    /// One score per standard criterion (技术方案 40, 团队能力 30, 研究基础 30); missing ones repeat the last.
    func sheet(_ scores: Int...) -> ScoreSheet {
        let full = (0..<3).map { scores[min($0, scores.count - 1)] }
        return ScoreSheet(
            scores: full.enumerated().map {
                ScoreSheet.Score(criterion: ["技术方案", "团队能力", "研究基础"][$0], score: $1, comment: nil)
            }, declaresNoConflict: true)
    }
}

struct ChallengeServiceTests {
    @Test func draftingChecksTheTranches() async throws {
        let cast = try await ChallengeCast()
        let world = cast.world
        let before = try world.footprint()
        let cases: [([Int64], String, String)] = [
            ([50_000_000, 50_000_000], "first_tranche_too_small", "tranches[0].amountFen"),
            ([59_999_999, 40_000_001], "first_tranche_too_small", "tranches[0].amountFen"),
            ([60_000_000, 30_000_000], "tranches_do_not_sum", "tranches"),
            ([60_000_000, 50_000_000], "tranches_do_not_sum", "tranches"),
            ([60_000_000, 40_000_000, 0], "amount_must_be_positive", "tranches[2].amountFen"),
            ([], "tranche_count", "tranches"),
            (Array(repeating: 10_000_000, count: 11), "tranche_count", "tranches"),
        ]
        for (tranches, code, field) in cases {
            let error = await domainError {
                try await world.challenges.create(cast.new(tranches: tranches), by: cast.ownerAdmin)
            }
            #expect(error?.kind == .invalid)
            #expect(error?.code == code, "\(tranches)")
            #expect(error?.field == field, "\(tranches)")
        }
        var input = cast.new()
        input.year = 2029
        #expect(
            await domainError { try await world.challenges.create(input, by: cast.ownerAdmin) }?.code
                == "year_out_of_range")
        input = cast.new(deadlineIn: -1)
        #expect(
            await domainError { try await world.challenges.create(input, by: cast.ownerAdmin) }?.code
                == "deadline_in_past")
        input = cast.new(reviewMode: .race, raceSlots: 1)
        #expect(
            await domainError { try await world.challenges.create(input, by: cast.ownerAdmin) }?.code == "race_slots")
        // Universities publish no challenges.
        let error = await domainError {
            try await world.challenges.create(cast.new(), by: cast.member(cast.university))
        }
        #expect(error?.code == "organization_kind_not_allowed")
        #expect(try world.footprint() == before)

        // Exactly 60 % is enough.
        let ok = try await world.challenges.create(cast.new(tranches: [60_000_000, 40_000_000]), by: cast.ownerAdmin)
        #expect(ok.state == .draft && ok.tranches.map(\.amountFen) == [60_000_000, 40_000_000])
        #expect(ok.reward == Money(fen: ChallengeCast.reward))
    }

    /// The whole life of a challenge of a Wuhan enterprise, every step audited once.
    @Test func aChallengesWholeLife() async throws {
        let cast = try await ChallengeCast()
        let world = cast.world
        var seq = try world.lastAuditSeq()
        /// The audit entries since the last call: exactly these actions.
        func audited(_ actions: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(try world.auditActions(after: seq) == actions, sourceLocation: sourceLocation)
            seq = try world.lastAuditSeq()
        }
        func refused<T>(
            _ code: String, _ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation
        ) async throws -> DomainError? {
            let error = await domainError(body, sourceLocation: sourceLocation)
            #expect(error?.code == code, sourceLocation: sourceLocation)
            try audited([], sourceLocation: sourceLocation)
            return error
        }

        // Drafted and submitted: an enterprise's challenge waits for approval.
        var challenge = try await world.challenges.create(cast.new(), by: cast.ownerAdmin)
        #expect(challenge.state == .draft && challenge.version == 1 && challenge.city == .wuhan)
        try audited(["challenge.create"])
        challenge = try await cast.step(challenge.id, .submit, by: cast.ownerAdmin)
        #expect(challenge.state == .pendingApproval && challenge.version == 2)
        try audited(["challenge.submit"])
        #expect(try await world.challenges.list(year: 2027, page: PageRequest(), viewer: nil).items.isEmpty)

        // The owner cannot approve its own; the Huangshi bureau cannot approve Wuhan's; Wuhan's can.
        let own = try await refused("not_your_step") {
            try await cast.step(challenge.id, .approve, by: cast.ownerAdmin)
        }
        #expect(own?.kind == .forbidden)
        // (It cannot even see another city's challenge awaiting approval.)
        _ = try await refused("challenge_not_found") {
            try await cast.step(challenge.id, .approve, by: cast.huangshiAdmin)
        }
        challenge = try await cast.step(challenge.id, .approve, by: cast.wuhanAdmin)
        #expect(challenge.state == .published)
        try audited(["challenge.approve"])
        #expect(try await world.challenges.get(challenge.id, viewer: nil).state == .published)

        // The year's list shows it; another year's does not.
        #expect(
            try await world.challenges.list(year: 2027, page: PageRequest(), viewer: nil).items.map(\.id) == [
                challenge.id
            ])
        #expect(try await world.challenges.list(year: 2026, page: PageRequest(), viewer: nil).items.isEmpty)
        #expect(
            try await world.search.search(world.query("激光芯片") { $0.year = 2027 }, viewer: nil).items.map(\.id) == [
                challenge.id
            ])

        // Applications: two organisations; a second one from the same is refused; ineligible ones too.
        let fromUniversity = try await world.challenges.apply(
            to: challenge.id, cast.application(), by: cast.member(cast.university))
        #expect(fromUniversity.status == .submitted && fromUniversity.leadOrganizationId == cast.university.id)
        try audited(["challenge.apply"])
        let firstFromInstitute = try await world.challenges.apply(
            to: challenge.id, cast.application(), by: cast.member(cast.institute))
        try audited(["challenge.apply"])
        let twice = try await refused("application_exists") {
            try await world.challenges.apply(
                to: challenge.id, cast.application(), by: cast.member(cast.university, user: 201))
        }
        #expect(twice?.kind == .conflict)
        let lab = try await world.organization(.lab, .wuhan)
        _ = try await refused("not_eligible_kind") {
            try await world.challenges.apply(to: challenge.id, cast.application(), by: cast.member(lab))
        }
        let huangshiUniversity = try await world.organization(.university, .huangshi)
        _ = try await refused("not_eligible_city") {
            try await world.challenges.apply(to: challenge.id, cast.application(), by: cast.member(huangshiUniversity))
        }
        _ = try await refused("own_challenge") {
            try await world.challenges.apply(to: challenge.id, cast.application(), by: cast.ownerAdmin)
        }

        // The institute withdraws before the deadline and applies again.
        let withdrawn = try await world.challenges.withdraw(
            firstFromInstitute.id, from: challenge.id, by: cast.member(cast.institute))
        #expect(withdrawn.status == .withdrawn)
        try audited(["challenge.withdraw_application"])
        _ = try await refused("forbidden") {
            try await world.challenges.withdraw(fromUniversity.id, from: challenge.id, by: cast.member(cast.institute))
        }
        let fromInstitute = try await world.challenges.apply(
            to: challenge.id, cast.application(plan: "第二版方案"), by: cast.member(cast.institute))
        #expect(fromInstitute.id != firstFromInstitute.id && fromInstitute.status == .submitted)
        try audited(["challenge.apply"])
        // Each applicant sees its own; the owner sees all.
        #expect(
            try await world.challenges.applications(of: challenge.id, viewer: cast.member(cast.university)).map(\.id)
                == [fromUniversity.id])
        #expect(try await world.challenges.applications(of: challenge.id, viewer: cast.ownerAdmin).count == 3)

        // Applications close at the deadline, not before.
        let early = try await refused("deadline_not_reached") {
            try await cast.step(challenge.id, .closeApplications, by: cast.ownerAdmin)
        }
        #expect(early?.kind == .conflict)
        world.clock.advance(by: 30 * ListingsWorld.day)
        let lateUniversity = try await world.organization(.university, .wuhan, 2)
        _ = try await refused("applications_closed") {
            try await world.challenges.apply(to: challenge.id, cast.application(), by: cast.member(lateUniversity))
        }
        _ = try await refused("withdrawal_closed") {
            try await world.challenges.withdraw(fromInstitute.id, from: challenge.id, by: cast.member(cast.institute))
        }
        challenge = try await cast.step(challenge.id, .closeApplications, by: cast.ownerAdmin)
        #expect(challenge.state == .applicationsClosed)
        try audited(["challenge.close_applications"])
        challenge = try await cast.step(challenge.id, .startReview, by: cast.ownerAdmin)
        #expect(challenge.state == .underReview)
        try audited(["challenge.start_review"])

        // Experts: one from an applicant, one neutral; only experts can be assigned.
        let conflicted = try await world.user(.expert, in: cast.university, username: "expert.whu")
        let independent = try await world.user(.expert, in: cast.neutral, username: "expert.neutral")
        let bystander = try await world.user(.expert, in: cast.neutral, username: "expert.bystander")
        let notExpert = try await world.user(.orgMember, in: cast.neutral, username: "member.neutral")
        seq = try world.lastAuditSeq()
        for expert in [conflicted, independent] {
            let assigned = try await world.challenges.assignExpert(
                expert.userID!, to: challenge.id, by: cast.ownerAdmin)
            #expect(assigned.organizationId == expert.organizationID)
            try audited(["challenge.assign_expert"])
        }
        _ = try await refused("not_an_expert") {
            try await world.challenges.assignExpert(notExpert.userID!, to: challenge.id, by: cast.ownerAdmin)
        }
        _ = try await refused("forbidden") {
            try await world.challenges.assignExpert(
                bystander.userID!, to: challenge.id, by: cast.member(cast.university))
        }

        // Scoring: no one scores their own organisation's application; only assigned experts score.
        let conflict = try await refused("conflict_of_interest") {
            try await world.challenges.score(fromUniversity.id, of: challenge.id, cast.sheet(99, 99), by: conflicted)
        }
        #expect(conflict?.kind == .forbidden)
        _ = try await refused("not_assigned") {
            try await world.challenges.score(fromInstitute.id, of: challenge.id, cast.sheet(50), by: bystander)
        }
        _ = try await refused("score_out_of_range") {
            try await world.challenges.score(fromInstitute.id, of: challenge.id, cast.sheet(70, 101), by: independent)
        }
        _ = try await refused("application_not_found") {
            try await world.challenges.score(firstFromInstitute.id, of: challenge.id, cast.sheet(70), by: independent)
        }
        // An expert does not see the running result before every assigned review is in.
        let scoredUniversity = try await world.challenges.score(
            fromUniversity.id, of: challenge.id, cast.sheet(92, 88), by: independent)
        #expect(scoredUniversity.averageScore == nil)
        try audited(["challenge.score"])
        _ = try await world.challenges.score(fromInstitute.id, of: challenge.id, cast.sheet(70, 70), by: independent)
        try audited(["challenge.score"])
        // Every review is in (the conflicted expert is not expected on its own university's): the
        // result is the mean over experts of each one's weighted average, (70 + 80.6) / 2.
        let scoredInstitute = try await world.challenges.score(
            fromInstitute.id, of: challenge.id, cast.sheet(80, 81), by: conflicted)
        #expect(scoredInstitute.averageScore == 75.3)
        let results = try await world.challenges.applications(of: challenge.id, viewer: cast.ownerAdmin)
        #expect(results.first { $0.id == fromUniversity.id }?.averageScore == 89.6)
        try audited(["challenge.score"])

        // The award, with no ids: the top-scored application; the first tranche becomes payable.
        challenge = try await cast.step(challenge.id, .award, by: cast.ownerAdmin)
        #expect(challenge.state == .awarded && challenge.reasons["award"] == nil)
        try audited(["challenge.award"])
        let decided = try await world.challenges.applications(of: challenge.id, viewer: cast.ownerAdmin)
        #expect(decided.map(\.status) == [.awarded, .withdrawn, .notAwarded])
        var progress = try await world.challenges.progress(of: challenge.id, viewer: cast.ownerAdmin)
        #expect(progress.payables.map(\.trancheIndex) == [0])
        #expect(progress.payables.first?.applicationId == fromUniversity.id)
        #expect(progress.payables.first?.amount == Money(fen: 60_000_000))
        #expect(progress.allowedEvents == ["begin", "terminate"])
        let again = try await refused("illegal_transition") {
            try await cast.step(challenge.id, .award, by: cast.ownerAdmin)
        }
        #expect(again?.kind == .conflict && again?.details["currentState"] == .string("awarded"))
        #expect(try world.count("challenge_payables") == 1)

        // The awardee begins.
        _ = try await refused("not_your_step") {
            try await cast.step(challenge.id, .begin, by: cast.member(cast.institute))
        }
        challenge = try await cast.step(challenge.id, .begin, by: cast.member(cast.university))
        #expect(challenge.state == .inProgress)
        try audited(["challenge.begin"])

        // Milestone 1: submitted by the awardee only, rejected with a reason, resubmitted, accepted.
        let notAwardee = try await refused("not_your_step") {
            try await world.challenges.submitMilestone(
                fromUniversity.id, of: challenge.id, deliverable: "冒充", by: cast.member(cast.institute))
        }
        #expect(notAwardee?.kind == .forbidden)
        _ = try await refused("application_not_found") {
            try await world.challenges.submitMilestone(
                fromInstitute.id, of: challenge.id, deliverable: "未中标", by: cast.member(cast.institute))
        }
        let first = try await world.challenges.submitMilestone(
            fromUniversity.id, of: challenge.id, deliverable: "外延片样品及测试报告", by: cast.member(cast.university))
        #expect(first.trancheIndex == 1 && first.status == .submitted)
        try audited(["challenge.submit_milestone"])
        #expect(try await world.challenges.get(challenge.id, viewer: nil).state == .milestoneUnderReview)
        _ = try await refused("milestone_pending") {
            try await world.challenges.submitMilestone(
                fromUniversity.id, of: challenge.id, deliverable: "再交一次", by: cast.member(cast.university))
        }
        _ = try await refused("reason_required") {
            try await world.challenges.decideMilestone(
                first.id, of: challenge.id, MilestoneDecision(accept: false, reason: nil), by: cast.ownerAdmin)
        }
        _ = try await refused("not_your_step") {
            try await world.challenges.decideMilestone(
                first.id, of: challenge.id, MilestoneDecision(accept: true, reason: nil),
                by: cast.member(cast.university))
        }
        let rejected = try await world.challenges.decideMilestone(
            first.id, of: challenge.id, MilestoneDecision(accept: false, reason: "输出功率未达 30 W"), by: cast.ownerAdmin
        )
        #expect(rejected.status == .rejected && rejected.reason == "输出功率未达 30 W")
        try audited(["challenge.reject_milestone"])
        #expect(try await world.challenges.get(challenge.id, viewer: nil).state == .inProgress)
        _ = try await refused("milestone_decided") {
            try await world.challenges.decideMilestone(
                first.id, of: challenge.id, MilestoneDecision(accept: true, reason: nil), by: cast.ownerAdmin)
        }

        let resubmitted = try await world.challenges.submitMilestone(
            fromUniversity.id, of: challenge.id, deliverable: "改进后的外延片", by: cast.member(cast.university))
        #expect(resubmitted.trancheIndex == 1)
        try audited(["challenge.submit_milestone"])
        let accepted = try await world.challenges.decideMilestone(
            resubmitted.id, of: challenge.id, MilestoneDecision(accept: true, reason: nil), by: cast.ownerAdmin)
        #expect(accepted.status == .accepted)
        try audited(["challenge.accept_milestone"])
        progress = try await world.challenges.progress(of: challenge.id, viewer: world.system)
        #expect(progress.challenge.state == .inProgress)
        #expect(progress.payables.map(\.trancheIndex) == [0, 1])
        #expect(progress.payables.last?.amount == Money(fen: 25_000_000))

        // Milestone 2, the last: accepted by the city administrator; the challenge is accepted.
        let second = try await world.challenges.submitMilestone(
            fromUniversity.id, of: challenge.id, deliverable: "封装器件及寿命测试", by: cast.member(cast.university))
        #expect(second.trancheIndex == 2)
        try audited(["challenge.submit_milestone"])
        _ = try await world.challenges.decideMilestone(
            second.id, of: challenge.id, MilestoneDecision(accept: true, reason: nil), by: cast.wuhanAdmin)
        try audited(["challenge.accept_milestone"])
        progress = try await world.challenges.progress(of: challenge.id, viewer: world.system)
        #expect(progress.challenge.state == .accepted)
        #expect(progress.payables.map(\.trancheIndex) == [0, 1, 2])
        #expect(progress.payables.map(\.amount.fen).reduce(0, +) == ChallengeCast.reward)
        #expect(progress.milestones.map(\.status) == [.rejected, .accepted, .accepted])
        _ = try await refused("no_tranche_left") {
            try await world.challenges.submitMilestone(
                fromUniversity.id, of: challenge.id, deliverable: "多余", by: cast.member(cast.university))
        }
        _ = try await refused("illegal_transition") {
            try await cast.step(challenge.id, .cancel, by: cast.ownerAdmin, reason: "不想做了")
        }

        // Closed.
        challenge = try await cast.step(challenge.id, .close, by: cast.ownerAdmin)
        #expect(challenge.state == .closed)
        try audited(["challenge.close"])
        let ended = try await refused("illegal_transition") {
            try await cast.step(challenge.id, .terminate, by: cast.ownerAdmin, reason: "x")
        }
        #expect(ended?.details["allowedEvents"] == .array([]))
        // Still listed for the year (closed challenges are part of the record).
        #expect(
            try await world.challenges.list(year: 2027, page: PageRequest(), viewer: nil).items.map(\.state) == [
                .closed
            ])
    }

    @Test func approvalCanBeRefusedWithAReason() async throws {
        let cast = try await ChallengeCast()
        let world = cast.world
        var challenge = try await world.challenges.create(cast.new(), by: cast.ownerAdmin)
        challenge = try await cast.step(challenge.id, .submit, by: cast.ownerAdmin)
        #expect(
            await domainError { try await cast.step(challenge.id, .rejectApproval, by: cast.wuhanAdmin) }?.code
                == "reason_required")
        challenge = try await cast.step(challenge.id, .rejectApproval, by: cast.wuhanAdmin, reason: "指标不够明确")
        #expect(challenge.state == .draft && challenge.reasons["rejectApproval"] == "指标不够明确")
        // A platform administrator approves anywhere.
        challenge = try await cast.step(challenge.id, .submit, by: cast.ownerAdmin)
        let platform = try await world.organization(.platform, .wuhan)
        challenge = try await cast.step(challenge.id, .approve, by: world.actor(.platformAdmin, in: platform))
        #expect(challenge.state == .published)
    }

    @Test func aGovernmentChallengeIsPublishedWithoutApproval() async throws {
        let cast = try await ChallengeCast()
        let bureau = try await cast.world.organization(.government, .ezhou)
        let official = cast.world.actor(.orgMember, in: bureau)
        var challenge = try await cast.world.challenges.create(cast.new(), by: official)
        challenge = try await cast.step(challenge.id, .submit, by: official)
        #expect(challenge.state == .published)
        #expect(challenge.city == .ezhou)
    }

    @Test func aDeadlineIsExtendedOnceByAtMostAYear() async throws {
        let cast = try await ChallengeCast()
        let world = cast.world
        let bureau = try await world.organization(.government, .wuhan, 1)
        let official = world.actor(.orgMember, in: bureau)
        var challenge = try await world.challenges.create(cast.new(deadlineIn: 30), by: official)
        challenge = try await cast.step(challenge.id, .submit, by: official)
        let deadline = challenge.deadline

        let before = try world.footprint()
        let noDate = await domainError { try await cast.step(challenge.id, .extend, by: official) }
        #expect(noDate?.code == "required" && noDate?.field == "deadline")
        let tooFar = await domainError {
            try await cast.step(
                challenge.id, .extend, by: official, deadline: deadline.addingTimeInterval(367 * ListingsWorld.day))
        }
        #expect(tooFar?.code == "extension_out_of_range")
        let earlier = await domainError {
            try await cast.step(
                challenge.id, .extend, by: official, deadline: deadline.addingTimeInterval(-ListingsWorld.day))
        }
        #expect(earlier?.code == "extension_out_of_range")
        let stranger = await domainError {
            try await cast.step(
                challenge.id, .extend, by: cast.member(cast.university),
                deadline: deadline.addingTimeInterval(ListingsWorld.day))
        }
        #expect(stranger?.kind == .forbidden)
        #expect(try world.footprint() == before)

        let seq = try world.lastAuditSeq()
        let extended = try await cast.step(
            challenge.id, .extend, by: official, deadline: deadline.addingTimeInterval(365 * ListingsWorld.day))
        #expect(extended.state == .published && extended.extended)
        #expect(extended.deadline == deadline.addingTimeInterval(365 * ListingsWorld.day))
        #expect(try world.auditActions(after: seq) == ["challenge.extend"])

        let twice = await domainError {
            try await cast.step(
                challenge.id, .extend, by: official, deadline: extended.deadline.addingTimeInterval(ListingsWorld.day))
        }
        #expect(twice?.code == "already_extended")
        #expect(twice?.kind == .conflict)
        #expect(try world.auditActions(after: seq) == ["challenge.extend"])

        // Applications close at the new deadline.
        world.clock.advance(by: 31 * ListingsWorld.day)
        #expect(
            await domainError { try await cast.step(challenge.id, .closeApplications, by: official) }?.code
                == "deadline_not_reached")
        _ = try await world.challenges.apply(to: challenge.id, cast.application(), by: cast.member(cast.university))
    }

    @Test func cancellingNeedsAReason() async throws {
        let cast = try await ChallengeCast()
        let world = cast.world
        let challenge = try await world.challenges.create(cast.new(), by: cast.ownerAdmin)
        let before = try world.footprint()
        let error = await domainError { try await cast.step(challenge.id, .cancel, by: cast.ownerAdmin) }
        #expect(error?.code == "reason_required" && error?.field == "reason")
        #expect(
            await domainError { try await cast.step(challenge.id, .cancel, by: cast.ownerAdmin, reason: "  ") }?.code
                == "required")
        #expect(try world.footprint() == before)
        let cancelled = try await cast.step(challenge.id, .cancel, by: cast.ownerAdmin, reason: "需求已由内部解决")
        #expect(cancelled.state == .cancelled && cancelled.reasons["cancel"] == "需求已由内部解决")
        let after = await domainError { try await cast.step(challenge.id, .submit, by: cast.ownerAdmin) }
        #expect(after?.code == "illegal_transition" && after?.details["allowedEvents"] == .array([]))
        // A draft or cancelled challenge is not public.
        #expect(
            await domainError { try await world.challenges.get(challenge.id, viewer: nil) }?.code
                == "challenge_not_found")
    }

    @Test func awardingAgainstTheScoresNeedsAReason() async throws {
        let cast = try await ChallengeCast()
        let world = cast.world
        let expert = try await world.user(.expert, in: cast.neutral, username: "expert.one")
        let (challenge, applications) = try await cast.underReview(
            applicants: [cast.university, cast.institute], experts: [expert])

        // Nothing scored: the owner must choose, with a reason.
        let bureau = world.actor(.orgMember, in: try await world.organization(.government, .wuhan, 1), user: 300)
        #expect(await domainError { try await cast.step(challenge.id, .award, by: bureau) }?.code == "no_scores")
        _ = try await world.challenges.score(applications[0].id, of: challenge.id, cast.sheet(90), by: expert)
        _ = try await world.challenges.score(applications[1].id, of: challenge.id, cast.sheet(60), by: expert)

        let before = try world.footprint()
        let payablesBefore = try world.count("challenge_payables")
        let noReason = await domainError {
            try await cast.step(challenge.id, .award, by: bureau, ids: [applications[1].id])
        }
        #expect(noReason?.code == "reason_required")
        let unknown = await domainError {
            try await cast.step(challenge.id, .award, by: bureau, reason: "x", ids: [9_999])
        }
        #expect(unknown?.code == "unknown_application")
        let tooMany = await domainError {
            try await cast.step(challenge.id, .award, by: bureau, reason: "都好", ids: applications.map(\.id))
        }
        #expect(tooMany?.code == "too_many_winners")
        #expect(try world.footprint() == before)
        #expect(try world.count("challenge_payables") == payablesBefore)
        #expect(
            try await world.challenges.applications(of: challenge.id, viewer: bureau).map(\.status) == [
                .submitted, .submitted,
            ])

        // Choosing the one the scores did not put first, with a reason: the reason is recorded.
        let awarded = try await cast.step(
            challenge.id, .award, by: bureau, reason: "现场答辩表现更好", ids: [applications[1].id])
        #expect(awarded.state == .awarded)
        #expect(awarded.reasons["award"] == "现场答辩表现更好")
        let decided = try await world.challenges.applications(of: challenge.id, viewer: bureau)
        #expect(decided.map(\.status) == [.notAwarded, .awarded])
        let payables = try await world.challenges.progress(of: challenge.id, viewer: world.system).payables
        #expect(payables.map(\.applicationId) == [applications[1].id])
        #expect(payables.map(\.amount.fen) == [ChallengeCast.tranches[0]])
    }

    @Test func raceModeAwardsSeveralAndWaitsForEveryMilestone() async throws {
        let cast = try await ChallengeCast()
        let world = cast.world
        let expert = try await world.user(.expert, in: cast.neutral, username: "expert.race")
        let third = try await world.organization(.enterprise, .ezhou)
        let (challenge, applications) = try await cast.underReview(
            applicants: [cast.university, cast.institute, third], experts: [expert], reviewMode: .race, raceSlots: 2,
            tranches: [80_000_000, 20_000_000]
        )
        for (application, score) in zip(applications, [70, 90, 80]) {
            _ = try await world.challenges.score(application.id, of: challenge.id, cast.sheet(score), by: expert)
        }
        let bureau = world.actor(.orgMember, in: try await world.organization(.government, .wuhan, 1), user: 300)
        _ = try await cast.step(challenge.id, .award, by: bureau)
        let decided = try await world.challenges.applications(of: challenge.id, viewer: bureau)
        #expect(decided.map(\.status) == [.notAwarded, .awarded, .awarded])
        #expect(
            try await world.challenges.progress(of: challenge.id, viewer: world.system).payables.map(\.amount.fen) == [
                80_000_000, 80_000_000,
            ])

        _ = try await cast.step(challenge.id, .begin, by: cast.member(third))
        let a = try await world.challenges.submitMilestone(
            applications[1].id, of: challenge.id, deliverable: "A", by: cast.member(cast.institute))
        let b = try await world.challenges.submitMilestone(
            applications[2].id, of: challenge.id, deliverable: "B", by: cast.member(third))
        // Accepting one while the other waits keeps the challenge under review; the last one completes it.
        _ = try await world.challenges.decideMilestone(
            a.id, of: challenge.id, MilestoneDecision(accept: true, reason: nil), by: bureau)
        #expect(try await world.challenges.get(challenge.id, viewer: nil).state == .milestoneUnderReview)
        _ = try await world.challenges.decideMilestone(
            b.id, of: challenge.id, MilestoneDecision(accept: false, reason: "数据不全"), by: bureau)
        #expect(try await world.challenges.get(challenge.id, viewer: nil).state == .inProgress)
        let b2 = try await world.challenges.submitMilestone(
            applications[2].id, of: challenge.id, deliverable: "B2", by: cast.member(third))
        _ = try await world.challenges.decideMilestone(
            b2.id, of: challenge.id, MilestoneDecision(accept: true, reason: nil), by: bureau)
        let progress = try await world.challenges.progress(of: challenge.id, viewer: world.system)
        #expect(progress.challenge.state == .accepted)
        #expect(progress.payables.map(\.amount.fen).reduce(0, +) == 2 * 100_000_000)
    }

    @Test func aChallengeThatIsNotOneOfYoursCannotBeMoved() async throws {
        let cast = try await ChallengeCast()
        let world = cast.world
        let bureau = try await world.organization(.government, .wuhan, 1)
        let official = world.actor(.orgMember, in: bureau)
        var challenge = try await world.challenges.create(cast.new(), by: official)
        challenge = try await cast.step(challenge.id, .submit, by: official)
        let before = try world.footprint()
        let platform = try await world.organization(.platform, .wuhan)
        for actor in [
            cast.member(cast.university), cast.huangshiAdmin, world.actor(.auditor, in: platform), cast.ownerAdmin,
        ] {
            let error = await domainError { try await cast.step(challenge.id, .cancel, by: actor, reason: "恶意取消") }
            #expect(error?.kind == .forbidden, "\(actor.role!) in \(actor.city!)")
        }
        #expect(try world.footprint() == before)
        #expect(try await world.challenges.get(challenge.id, viewer: nil).state == .published)
    }

    @Test
    func onlyMembersOfTheAwardeeWhoMayApplySubmitMilestones() async throws {
        let cast = try await ChallengeCast()
        let world = cast.world
        let expert = try await world.user(.expert, in: cast.neutral, username: "expert.m")
        let (challenge, applications) = try await cast.underReview(applicants: [cast.university], experts: [expert])
        _ = try await world.challenges.score(applications[0].id, of: challenge.id, cast.sheet(80), by: expert)
        let bureau = world.actor(.orgMember, in: try await world.organization(.government, .wuhan, 1), user: 300)
        _ = try await cast.step(challenge.id, .award, by: bureau)
        // An expert of the awarded university holds no challenge.apply: it is not the awardee party.
        let universityExpert = world.actor(.expert, in: cast.university, user: 500)
        #expect(
            await domainError { try await cast.step(challenge.id, .begin, by: universityExpert) }?.code
                == "not_your_step")
        _ = try await cast.step(challenge.id, .begin, by: cast.member(cast.university))
        let before = try world.footprint()
        let error = await domainError {
            try await world.challenges.submitMilestone(
                applications[0].id, of: challenge.id, deliverable: "专家代交", by: universityExpert)
        }
        #expect(error?.kind == .forbidden)
        #expect(try world.footprint() == before)
    }

    @Test
    func aSingleTrancheChallengeIsRefusedSinceTheWorkMustBeAccepted() async throws {
        let cast = try await ChallengeCast()
        do {
            _ = try await cast.underReview(applicants: [cast.university], experts: [], tranches: [ChallengeCast.reward])
            Issue.record("a single tranche was accepted")
        } catch let error as DomainError {
            #expect(error.code == "tranche_count" && error.field == "tranches")
        }
    }

}

struct ChallengeProgressPrivacyTests {
    @Test func anonymousReadersSeeTheChallengeButNotItsDeliverablesOrPayments() async throws {
        let cast = try await ChallengeCast()
        let world = cast.world
        let expert = try await world.user(.expert, in: cast.neutral, username: "expert.privacy")
        let (challenge, applications) = try await cast.underReview(applicants: [cast.university], experts: [expert])
        _ = try await world.challenges.score(applications[0].id, of: challenge.id, cast.sheet(80), by: expert)
        _ = try await world.challenges.transition(challenge.id, .init(event: .award), by: world.system)
        let anonymous = try await world.challenges.progress(of: challenge.id, viewer: nil)
        #expect(anonymous.challenge.id == challenge.id)
        #expect(anonymous.payables.isEmpty && anonymous.milestones.isEmpty)
        let involved = try await world.challenges.progress(of: challenge.id, viewer: world.system)
        #expect(involved.payables.count == 1)
    }
}
