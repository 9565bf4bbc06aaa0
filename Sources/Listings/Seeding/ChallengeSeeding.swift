import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Seeds challenges through their real lifecycle. Those that must be past their application
/// deadline are created with a deadline a moment away, applied to, and closed once it passes.
struct ChallengeSeeding {
    let database: AppDatabase
    let actor: Actor
    let wait: @Sendable (TimeInterval) async throws -> Void

    static let shortDeadline: TimeInterval = 2
    static let order: [ChallengeStateMachine.State] = [
        .draft, .published, .applicationsClosed, .underReview, .awarded, .inProgress, .accepted, .closed,
    ]

    func load(_ seeds: [ListingSeedFiles.ChallengeSeed], owner: (String) throws -> Int64) async throws -> Int {
        let service = ChallengeService(database: database)
        var pending: [(ListingSeedFiles.ChallengeSeed, Challenge)] = []
        for seed in seeds {
            let ownerID = try owner(seed.owner)
            let present = try await database.read { db in
                try ListingStore.find(db, Challenge.self, externalKey: seed.ref, owner: ownerID) != nil
            }
            if present { continue }
            let pastDeadline =
                Self.rank(seed.targetState) >= Self.rank(.applicationsClosed)
                || seed.targetState == .cancelled && !seed.applicants.isEmpty
            let now = database.clock.now()
            let input = NewChallenge(
                year: seed.year, title: seed.title, description: seed.description, goals: seed.goals,
                indicators: seed.indicators, fields: seed.fields, keywords: nil, rewardFen: seed.rewardFen,
                tranches: seed.trancheAmounts,
                deadline: now.addingTimeInterval(
                    pastDeadline ? Self.shortDeadline : Double(seed.deadlineDays) * 86_400),
                eligibility: seed.eligibility, reviewMode: seed.reviewMode, raceSlots: seed.raceSlots,
                externalRef: seed.ref, ownerOrganizationId: ownerID
            )
            var challenge = try await service.create(input, by: actor)
            if seed.targetState != .draft {
                challenge = try await service.transition(challenge.id, .init(event: .submit), by: actor)
                if challenge.state == .pendingApproval {
                    challenge = try await service.transition(challenge.id, .init(event: .approve), by: actor)
                }
                for applicant in seed.applicants {
                    _ = try await service.apply(
                        to: challenge.id,
                        NewChallengeApplication(
                            partnerOrganizationIds: nil, plan: "依据榜单指标提出的技术路线、进度安排与验收方案（演示数据）。",
                            budgetFen: seed.rewardFen, team: [.init(name: "项目负责人", role: "负责人", title: nil)],
                            leadOrganizationId: try owner(applicant)
                        ), by: actor)
                }
            }
            pending.append((seed, challenge))
        }
        if pending.contains(where: { $0.1.deadline <= database.clock.now().addingTimeInterval(Self.shortDeadline) }) {
            try await wait(Self.shortDeadline + 0.1)
        }
        for (seed, challenge) in pending {
            try await advance(service, challenge, to: seed)
        }
        return pending.count
    }

    static func rank(_ state: ChallengeStateMachine.State) -> Int {
        order.firstIndex(of: state) ?? -1
    }

    func advance(_ service: ChallengeService, _ start: Challenge, to seed: ListingSeedFiles.ChallengeSeed) async throws
    {
        let id = start.id
        let target = Self.rank(seed.targetState)
        if seed.targetState == .cancelled {
            _ = try await service.transition(id, .init(event: .cancel, reason: "演示数据：发榜方撤榜"), by: actor)
            return
        }
        guard target >= Self.rank(.applicationsClosed) else { return }
        _ = try await service.transition(id, .init(event: .closeApplications), by: actor)
        guard target >= Self.rank(.underReview) else { return }
        _ = try await service.transition(id, .init(event: .startReview), by: actor)
        guard target >= Self.rank(.awarded) else { return }
        let applications = try await service.applications(of: id, viewer: actor)
        let winners = Array(applications.prefix(start.slots)).map(\.id)
        _ = try await service.transition(
            id, .init(event: .award, reason: "演示数据：按评审会议结论授予", applicationIds: winners), by: actor
        )
        guard target >= Self.rank(.inProgress) else { return }
        _ = try await service.transition(id, .init(event: .begin), by: actor)
        guard target >= Self.rank(.accepted) else { return }
        for winner in winners {
            for _ in 1..<start.tranches.count {
                let milestone = try await service.submitMilestone(
                    winner, of: id, deliverable: "阶段成果报告与测试数据（演示数据）", by: actor)
                _ = try await service.decideMilestone(
                    milestone.id, of: id, MilestoneDecision(accept: true, reason: nil), by: actor)
            }
        }
        guard target >= Self.rank(.closed) else { return }
        _ = try await service.transition(id, .init(event: .close), by: actor)
    }
}
