import Foundation
import GRDB
import Identity
import Kernel
import Store

/// 揭榜挂帅 challenges: drafting, the lifecycle, applications, expert review, award,
/// milestones and payable tranches — every step through the audited write path.
public struct ChallengeService: Sendable {
    let database: AppDatabase
    let operations: ListingOperations<Challenge>

    static let ownerKinds: Set<OrganizationKind> = [.enterprise, .government, .platform]

    public init(database: AppDatabase) {
        self.database = database
        operations = ListingOperations(database: database)
    }

    public func create(_ input: NewChallenge, by actor: Actor) async throws -> Challenge {
        try await operations.create(by: actor, action: "challenge.create") { db, now in
            let owner = try ListingOwner.resolve(
                db, requested: input.ownerOrganizationId, actor: actor, allowed: Self.ownerKinds)
            return try ChallengeRules.make(input, owner: owner, now: now)
        }
    }

    public func get(_ id: Int64, viewer: Actor?) async throws -> Challenge {
        try await operations.get(id, viewer: viewer)
    }

    /// Challenges waiting for approval that the viewer may approve (a city admin: its city's).
    public func pendingApproval(viewer: Actor, limit: Int = 200) async throws -> [Challenge] {
        let ids = try await database.read { db in
            try Int64.fetchAll(
                db,
                sql:
                    "SELECT id FROM listings WHERE kind = 'challenge' AND status = 'pending_approval' ORDER BY id LIMIT ?",
                arguments: [limit]
            )
        }
        var result: [Challenge] = []
        for id in ids {
            guard let challenge = try? await get(id, viewer: viewer) else { continue }
            if Authorization.allows(
                viewer, .challengeApprove,
                on: AccessTarget(organizationID: challenge.ownerOrganizationId, city: challenge.city))
            {
                result.append(challenge)
            }
        }
        return result
    }

    /// The challenges an organisation led an application to, newest first (the viewer must act
    /// for that organisation or supervise it).
    public func appliedChallengeIDs(ledBy organizationID: Int64, viewer: Actor) async throws -> [Int64] {
        guard
            viewer.organizationID == organizationID
                || Authorization.allows(
                    viewer, .listingSupervise, on: AccessTarget(organizationID: organizationID, city: nil))
        else { throw DomainError.forbidden }
        return try await database.read { db in
            try Int64.fetchAll(
                db,
                sql:
                    "SELECT DISTINCT challenge_id FROM challenge_applications WHERE lead_org_id = ? ORDER BY challenge_id DESC",
                arguments: [organizationID]
            )
        }
    }

    /// The year's list (GET /v1/challenges?year=): published challenges and those further on.
    public func list(year: Int?, page: PageRequest, viewer: Actor?) async throws -> Page<Challenge> {
        let rows = try await database.read { db -> [Challenge] in
            var sql =
                "SELECT document FROM listings WHERE kind = 'challenge' AND searchable = 1 AND hidden_reason IS NULL AND id > ?"
            var arguments: StatementArguments = [page.after ?? 0]
            if let year {
                sql += " AND year = ?"
                _ = arguments.append(contentsOf: [year])
            }
            sql += " ORDER BY id LIMIT ?"
            _ = arguments.append(contentsOf: [page.limit + 1])
            return try ListingStore.documents(db, Challenge.self, sql: sql, arguments: arguments)
        }
        return page.page(rows, id: \.id)
    }

    public func transition(_ id: Int64, _ request: ChallengeTransition, by actor: Actor) async throws -> Challenge {
        try await operations.change(
            id, by: actor, action: "challenge.\(request.event.rawValue)", permission: .organizationRead
        ) { db, old, now in
            let parties = try Self.parties(db, actor, old)
            var next = old
            let event: ChallengeStateMachine.Event
            switch request.event {
            case .submit:
                let ownerKind = try String.fetchOne(
                    db, sql: "SELECT kind FROM organizations WHERE id = ?", arguments: [old.ownerOrganizationId])
                event = .submit(needsApproval: ownerKind == OrganizationKind.enterprise.rawValue)
                // The city's rejection note was for the owner; once resubmitted it stays only in
                // the audit log, never on the published challenge (issue 14).
                next.reasons["rejectApproval"] = nil
                if old.deadline <= now {
                    throw DomainError.invalid(
                        "deadline_in_past", field: "deadline", zh: "截止日期已过，请重新设定",
                        en: "The deadline has passed; set a new one")
                }
            case .approve: event = .approve
            case .rejectApproval:
                event = .rejectApproval
                next.reasons["rejectApproval"] = try ChallengeRules.reason(request.reason)
            case .closeApplications:
                event = .closeApplications
                if now < old.deadline {
                    throw DomainError(
                        .conflict, code: "deadline_not_reached",
                        zh: "申报截止日期未到", en: "Applications close at the deadline, which has not come yet",
                        details: ["deadline": .string(Timestamp.format(old.deadline))]
                    )
                }
            case .extend:
                event = .extend
                next.deadline = try Self.extendedDeadline(old, request.deadline, now: now)
                next.extended = true
            case .startReview: event = .startReview
            case .award: event = .award
            case .begin: event = .begin
            case .close: event = .close
            case .cancel:
                event = .cancel
                next.reasons["cancel"] = try ChallengeRules.reason(request.reason)
            case .terminate:
                event = .terminate
                next.reasons["terminate"] = try ChallengeRules.reason(request.reason)
            }
            next.state = try Self.move(old.state, event, parties)
            if request.event == .award {
                if let reason = try Self.award(
                    db, next, chosen: request.applicationIds, reason: request.reason, now: now)
                {
                    next.reasons["award"] = reason
                }
            }
            return next
        }
    }

    /// Tries the event as each party the actor holds; the first that may, moves.
    static func move(
        _ state: ChallengeStateMachine.State, _ event: ChallengeStateMachine.Event,
        _ parties: [ChallengeStateMachine.Party]
    ) throws -> ChallengeStateMachine.State {
        var refusal: (any Error)?
        for party in parties {
            do {
                return try ChallengeStateMachine.transition(from: state, on: event, by: party)
            } catch let error as DomainError where error.code == "not_your_step" {
                refusal = error
            }
        }
        if parties.isEmpty {
            // No standing at all: still report an impossible event as such.
            _ = try ChallengeStateMachine.transition(from: state, on: event, by: .system)
        }
        throw refusal ?? DomainError.forbidden
    }

    /// The roles the actor holds towards this challenge.
    static func parties(_ db: Database, _ actor: Actor, _ challenge: Challenge) throws -> [ChallengeStateMachine.Party]
    {
        if actor.kind == .system { return [.system, .admin, .owner] }
        var parties: [ChallengeStateMachine.Party] = []
        if Authorization.allows(actor, .challengeApprove, on: challenge.accessTarget) { parties.append(.admin) }
        if actor.organizationID == challenge.ownerOrganizationId,
            Authorization.allows(actor, .challengeManage, on: challenge.accessTarget)
        {
            parties.append(.owner)
        }
        if let organization = actor.organizationID,
            Authorization.allows(
                actor, .challengeApply, on: AccessTarget(organizationID: organization, city: actor.city)),
            try ChallengeStore.applications(db, challenge: challenge.id).contains(where: {
                $0.status == .awarded && $0.leadOrganizationId == organization
            })
        {
            parties.append(.awardee)
        }
        return parties
    }

    static func extendedDeadline(_ challenge: Challenge, _ requested: Date?, now: Date) throws -> Date {
        guard !challenge.extended else {
            throw DomainError(
                .conflict, code: "already_extended", zh: "榜单只能延期一次", en: "A challenge can be extended only once")
        }
        guard let requested else {
            throw DomainError.invalid("required", field: "deadline", zh: "请给出新的截止日期", en: "deadline is required")
        }
        guard requested > challenge.deadline, requested <= challenge.deadline.addingTimeInterval(366 * 86_400) else {
            throw DomainError.invalid(
                "extension_out_of_range", field: "deadline",
                zh: "延期须晚于原截止日期且不超过一年", en: "The new deadline must be after the old one and at most one year later"
            )
        }
        return requested
    }

    /// Marks the awarded applications, records the first tranche as payable to each, and returns
    /// the owner's reason when the choice departs from the scores.
    static func award(
        _ db: Database, _ challenge: Challenge, chosen: [Int64]?, reason: String?, now: Date
    ) throws -> String? {
        let candidates = try ChallengeStore.applications(db, challenge: challenge.id).filter { $0.status == .submitted }
        guard !candidates.isEmpty else {
            throw DomainError(
                .conflict, code: "no_applications", zh: "没有可授予的申报", en: "There are no applications to award")
        }
        let ranked = candidates.filter { $0.averageScore != nil }
            .sorted { ($0.averageScore ?? 0, -$0.id) > ($1.averageScore ?? 0, -$1.id) }
        let top = Array(ranked.prefix(challenge.slots)).map(\.id)
        let winners = chosen ?? top
        guard !winners.isEmpty else {
            throw DomainError(
                .conflict, code: "no_scores", zh: "尚无评审打分，请指定授予对象并说明理由",
                en: "No application has been scored; choose applicationIds and give a reason"
            )
        }
        guard winners.count <= challenge.slots, Set(winners).count == winners.count else {
            throw DomainError.invalid(
                "too_many_winners", field: "applicationIds", zh: "授予数量超过名额",
                en: "More winners than the challenge has slots"
            )
        }
        var departure: String?
        if Set(winners) != Set(top) {
            departure = try ChallengeRules.reason(reason)
        }
        for var application in candidates {
            application.status = winners.contains(application.id) ? .awarded : .notAwarded
            application.updatedAt = now
            try ChallengeStore.save(db, application)
        }
        for (index, id) in winners.enumerated() {
            guard candidates.contains(where: { $0.id == id }) else {
                throw DomainError.invalid(
                    "unknown_application", field: "applicationIds[\(index)]", zh: "申报不存在或已撤回",
                    en: "No such live application"
                )
            }
            try ChallengeStore.recordPayable(
                db, challenge: challenge.id, application: id, tranche: 0, amount: challenge.tranches[0].amountFen,
                now: now
            )
        }
        return departure
    }
}
