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
            // Submitting for publication waits for the organisation's verification (issue 18).
            if request.event == .submit { try Authorization.requireVerified(actor) }
            let event = try Self.event(request, db, old, now: now)
            let move = try Self.move(old.state, event, by: parties)
            var next = old
            next.state = move.state
            try Self.apply(move.actions, to: &next, db, now: now)
            return next
        }
    }

    /// The request as the machine's event, its inputs checked first (in the order clients have
    /// always seen the refusals: a missing reason or a past deadline before an impossible step).
    static func event(
        _ request: ChallengeTransition, _ db: Database, _ old: Challenge, now: Date
    ) throws -> ChallengeStateMachine.Event {
        switch request.event {
        case .submit:
            let owner = try OrganizationDirectory.summary(db, id: old.ownerOrganizationId)
            if old.deadline <= now { throw ListingsError.deadlineInPast }
            return .submit(needsApproval: owner?.kind == .enterprise)
        case .approve: return .approve
        case .rejectApproval: return .rejectApproval(reason: try ChallengeRules.reason(request.reason))
        case .closeApplications:
            if now < old.deadline { throw ListingsError.deadlineNotReached(old.deadline) }
            return .closeApplications
        case .extend: return .extend(to: try Self.extendedDeadline(old, request.deadline, now: now))
        case .startReview: return .startReview
        case .award: return .award(chosen: request.applicationIds, reason: request.reason)
        case .begin: return .begin
        case .close: return .close
        case .cancel: return .cancel(reason: try ChallengeRules.reason(request.reason))
        case .terminate: return .terminate(reason: try ChallengeRules.reason(request.reason))
        }
    }

    /// The machine's answer to the event from the parties the actor holds: the next state and
    /// the actions to apply, or its refusal thrown.
    static func move(
        _ state: ChallengeStateMachine.State, _ event: ChallengeStateMachine.Event,
        by parties: [ChallengeStateMachine.Party]
    ) throws -> (state: ChallengeStateMachine.State, actions: [ChallengeStateMachine.Action]) {
        var machine = ChallengeStateMachine(state: state)
        switch machine.handle(event, by: parties) {
        case .move(let next, let actions): return (next, actions)
        case .refuse(let refusal): throw refusal.error
        }
    }

    /// Applies the machine's actions inside the write transaction.
    static func apply(
        _ actions: [ChallengeStateMachine.Action], to challenge: inout Challenge, _ db: Database, now: Date
    ) throws {
        for action in actions {
            switch action {
            case .clearReason(let key): challenge.reasons[key.rawValue] = nil
            case .recordReason(let key, let reason): challenge.reasons[key.rawValue] = reason
            case .moveDeadline(let deadline):
                challenge.deadline = deadline
                challenge.extended = true
            case .awardApplications(let chosen, let reason):
                if let departure = try Self.award(db, challenge, chosen: chosen, reason: reason, now: now) {
                    challenge.reasons[ChallengeStateMachine.ReasonKey.award.rawValue] = departure
                }
            case .makeTranchePayable(let application, let tranche):
                try ChallengeStore.recordPayable(
                    db, challenge: challenge.id, application: application, tranche: tranche,
                    amount: challenge.tranches[tranche].amountFen, now: now)
            }
        }
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
            throw ListingsError.alreadyExtended
        }
        guard let requested else {
            throw ListingsError.newDeadlineRequired
        }
        guard requested > challenge.deadline, requested <= challenge.deadline.addingTimeInterval(366 * 86_400) else {
            throw ListingsError.extensionOutOfRange
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
            throw ListingsError.noApplications
        }
        let ranked = candidates.filter { $0.averageScore != nil }
            .sorted { ($0.averageScore ?? 0, -$0.id) > ($1.averageScore ?? 0, -$1.id) }
        let top = Array(ranked.prefix(challenge.slots)).map(\.id)
        let winners = chosen ?? top
        guard !winners.isEmpty else {
            throw ListingsError.noScores
        }
        guard winners.count <= challenge.slots, Set(winners).count == winners.count else {
            throw ListingsError.tooManyWinners
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
                throw ListingsError.unknownApplication(index: index)
            }
            try ChallengeStore.recordPayable(
                db, challenge: challenge.id, application: id, tranche: 0, amount: challenge.tranches[0].amountFen,
                now: now
            )
        }
        return departure
    }
}
