import Foundation
import GRDB
import Identity
import Kernel
import Store

/// The body of `POST …/scores`: one expert's scores of one application.
public struct ScoreSheet: Codable, Sendable {
    public struct Score: Codable, Sendable {
        public var criterion: String
        public var score: Int
        public var comment: String?
    }

    public var scores: [Score]
    public static let allowedKeys: Set<String> = ["scores"]
}

/// Applying, reviewing and delivering: the parts of a challenge that involve other parties.
extension ChallengeService {
    static let applicantKinds: Set<OrganizationKind> = [.enterprise, .university, .institute, .lab]

    public func apply(
        to challengeID: Int64, _ input: NewChallengeApplication, by actor: Actor
    ) async throws -> ChallengeApplication {
        try await database.write(as: actor, action: "challenge.apply") { db, context in
            let challenge = try Self.load(db, challengeID, viewer: actor)
            guard challenge.state == .published, context.now < challenge.deadline else {
                throw DomainError(
                    .conflict, code: "applications_closed", zh: "该榜单当前不接受申报",
                    en: "The challenge is not taking applications",
                    details: ["currentState": .string(challenge.state.rawValue)]
                )
            }
            let lead = try ListingOwner.resolve(
                db, requested: input.leadOrganizationId, actor: actor, allowed: Self.applicantKinds)
            try Authorization.check(actor, .challengeApply, on: AccessTarget(organizationID: lead.id, city: lead.city))
            guard lead.id != challenge.ownerOrganizationId else {
                throw DomainError(
                    .conflict, code: "own_challenge", zh: "不能揭自己发布的榜", en: "An owner cannot apply to its own challenge")
            }
            let eligibility = challenge.eligibility
            if !eligibility.organizationKinds.isEmpty && !eligibility.organizationKinds.contains(lead.kind) {
                throw DomainError(
                    .forbidden, code: "not_eligible_kind", zh: "该类机构不在揭榜范围内",
                    en: "Organisations of this kind are not eligible")
            }
            if !eligibility.cities.isEmpty && !eligibility.cities.contains(lead.city) {
                throw DomainError(
                    .forbidden, code: "not_eligible_city", zh: "该城市的机构不在揭榜范围内",
                    en: "Organisations in this city are not eligible")
            }
            let live = try ChallengeStore.applications(db, challenge: challengeID)
                .contains { $0.leadOrganizationId == lead.id && ($0.status == .submitted || $0.status == .awarded) }
            if live {
                throw DomainError(
                    .conflict, code: "application_exists", zh: "本机构已有一份有效申报",
                    en: "Your organisation already has a live application"
                )
            }
            let partners = Array(Set(input.partnerOrganizationIds ?? [])).sorted()
            guard partners.count <= 20, !partners.contains(lead.id) else {
                throw DomainError.invalid(
                    "partners", field: "partnerOrganizationIds", zh: "合作单位最多 20 家且不含牵头单位",
                    en: "Up to 20 partners, not including the lead")
            }
            for (index, partner) in partners.enumerated() {
                guard
                    try Bool.fetchOne(db, sql: "SELECT 1 FROM organizations WHERE id = ?", arguments: [partner]) == true
                else {
                    throw DomainError.invalid(
                        "unknown_organization", field: "partnerOrganizationIds[\(index)]", zh: "合作单位不存在",
                        en: "No such organisation")
                }
            }
            guard input.budgetFen > 0, input.budgetFen <= 10_000_000_000 else {
                throw DomainError.invalid(
                    "amount_must_be_positive", field: "budgetFen", zh: "预算须为正且不超过 1 亿元",
                    en: "budgetFen must be positive and at most ¥100,000,000")
            }
            guard (1...50).contains(input.team.count) else {
                throw DomainError.invalid(
                    "team_size", field: "team", zh: "团队须有 1 到 50 人", en: "The team has 1 to 50 members")
            }
            var application = ChallengeApplication(
                id: 0, challengeId: challengeID, leadOrganizationId: lead.id, partnerOrganizationIds: partners,
                plan: try Validate.text(input.plan, field: "plan", max: ListingRules.summaryMax, multiline: true),
                budgetFen: input.budgetFen,
                team: try input.team.enumerated().map { index, member in
                    ChallengeApplication.TeamMember(
                        name: try Validate.text(member.name, field: "team[\(index)].name", max: ListingRules.nameMax),
                        role: try Validate.optionalText(member.role, field: "team[\(index)].role", max: 50),
                        title: try Validate.optionalText(member.title, field: "team[\(index)].title", max: 50)
                    )
                },
                status: .submitted, averageScore: nil, createdAt: context.now, updatedAt: context.now
            )
            try ChallengeStore.insert(db, &application)
            return Audited(
                application, target: "challenge_application", id: String(application.id),
                change: try JSONValue(encodingListing: application))
        }
    }

    public func withdraw(
        _ applicationID: Int64, from challengeID: Int64, by actor: Actor
    ) async throws -> ChallengeApplication {
        try await database.write(as: actor, action: "challenge.withdraw_application") { db, context in
            let challenge = try Self.load(db, challengeID, viewer: actor)
            guard var application = try ChallengeStore.application(db, id: applicationID),
                application.challengeId == challengeID
            else {
                throw DomainError.notFound("application", zh: "申报")
            }
            try Authorization.check(
                actor, .challengeApply,
                on: AccessTarget(organizationID: application.leadOrganizationId, city: actor.city))
            guard application.status == .submitted, challenge.state == .published, context.now < challenge.deadline
            else {
                throw DomainError(
                    .conflict, code: "withdrawal_closed", zh: "截止后或已授予的申报不能撤回",
                    en: "Applications can be withdrawn only before the deadline",
                    details: ["currentState": .string(application.status.rawValue)]
                )
            }
            application.status = .withdrawn
            application.updatedAt = context.now
            try ChallengeStore.save(db, application)
            return Audited(
                application, target: "challenge_application", id: String(applicationID), change: ["status": "withdrawn"]
            )
        }
    }

    /// Owner and administrators see every application; experts assigned to the challenge too;
    /// an applicant sees its own.
    public func applications(of challengeID: Int64, viewer: Actor) async throws -> [ChallengeApplication] {
        try await database.read { db in
            let challenge = try Self.load(db, challengeID, viewer: viewer)
            let all = try ChallengeStore.applications(db, challenge: challengeID)
            let parties = try Self.parties(db, viewer, challenge)
            let isExpert = try viewer.userID.map { try Self.isAssigned(db, challengeID, user: $0) } ?? false
            if !parties.filter({ $0 != .awardee }).isEmpty
                || Authorization.allows(viewer, .listingSupervise, on: challenge.accessTarget)
            {
                return all
            }
            // Experts see others' scores once every assigned review is in; applicants once the
            // challenge is awarded. Until then the result is left out.
            if isExpert {
                return try ChallengeScoring.complete(db, challenge: challenge) ? all : all.map(Self.withoutScore)
            }
            let own = all.filter { $0.leadOrganizationId == viewer.organizationID }
            return Self.awardedOrLater.contains(challenge.state) ? own : own.map(Self.withoutScore)
        }
    }

    static let awardedOrLater: Set<ChallengeStateMachine.State> = [
        .awarded, .inProgress, .milestoneUnderReview, .accepted, .closed, .terminated,
    ]

    static func withoutScore(_ application: ChallengeApplication) -> ChallengeApplication {
        var copy = application
        copy.averageScore = nil
        return copy
    }

    public func assignExpert(_ userID: Int64, to challengeID: Int64, by actor: Actor) async throws -> ChallengeExpert {
        try await database.write(as: actor, action: "challenge.assign_expert") { db, context in
            let challenge = try Self.load(db, challengeID, viewer: actor)
            let parties = try Self.parties(db, actor, challenge)
            guard parties.contains(.owner) || parties.contains(.admin) else { throw DomainError.forbidden }
            guard [.published, .applicationsClosed, .underReview].contains(challenge.state) else {
                throw DomainError(
                    .conflict, code: "illegal_transition", zh: "当前阶段不能指派专家",
                    en: "Experts are assigned before the award",
                    details: ["currentState": .string(challenge.state.rawValue)]
                )
            }
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT role, organization_id FROM users WHERE id = ?", arguments: [userID]),
                (row["role"] as String) == Role.expert.rawValue
            else {
                throw DomainError.invalid(
                    "not_an_expert", field: "userId", zh: "该用户不是评审专家", en: "The user is not an expert")
            }
            let organization: Int64 = row["organization_id"]
            // The owner's own experts, or one related to the owner, never review its challenge.
            if try ChallengeScoring.conflict(
                db, expertOrganization: organization, owner: challenge.ownerOrganizationId, involved: [])
            {
                throw DomainError(
                    .conflict, code: "conflict_of_interest", field: "userId",
                    zh: "利益冲突：专家来自发榜单位或与其关联", en: "Conflict of interest: the expert is from the owner or related to it"
                )
            }
            try db.execute(
                sql:
                    "INSERT OR IGNORE INTO challenge_experts (challenge_id, user_id, organization_id, assigned_at) VALUES (?, ?, ?, ?)",
                arguments: [challengeID, userID, organization, Timestamp.millis(context.now)]
            )
            let expert = ChallengeExpert(challengeId: challengeID, userId: userID, organizationId: organization)
            return Audited(expert, target: "challenge", id: String(challengeID), change: ["expertUserId": .int(userID)])
        }
    }

    public func score(
        _ applicationID: Int64, of challengeID: Int64, _ sheet: ScoreSheet, by actor: Actor
    ) async throws -> ChallengeApplication {
        try await database.write(as: actor, action: "challenge.score") { db, context in
            let challenge = try Self.load(db, challengeID, viewer: actor)
            guard let user = actor.userID, try Self.isAssigned(db, challengeID, user: user) else {
                throw DomainError(
                    .forbidden, code: "not_assigned", zh: "您未被指派评审此榜单",
                    en: "You are not an assigned expert of this challenge")
            }
            try Authorization.check(actor, .challengeReview, on: challenge.accessTarget)
            guard challenge.state == .underReview else {
                throw DomainError(
                    .conflict, code: "illegal_transition", zh: "只有评审阶段可以打分",
                    en: "Scores are given while the challenge is under review",
                    details: [
                        "currentState": .string(challenge.state.rawValue),
                        "allowedEvents": .array(
                            ChallengeStateMachine.allowedEvents(from: challenge.state).map { .string($0) }),
                    ]
                )
            }
            guard let application = try ChallengeStore.application(db, id: applicationID),
                application.challengeId == challengeID,
                application.status == .submitted
            else { throw DomainError.notFound("application", zh: "申报") }
            let involved = [application.leadOrganizationId] + application.partnerOrganizationIds
            if let organization = actor.organizationID,
                try ChallengeScoring.conflict(
                    db, expertOrganization: organization, owner: challenge.ownerOrganizationId, involved: involved)
            {
                throw DomainError(
                    .forbidden, code: "conflict_of_interest",
                    zh: "利益冲突：专家不能评审本单位、发榜单位或其关联方参与的申报",
                    en:
                        "Conflict of interest: an expert cannot review an application of their organisation, the owner, or a party related to either"
                )
            }
            // One score per criterion fixed at publication: no invented criteria, none left out.
            let criteria = challenge.criteria ?? ChallengeScoring.standard
            try ChallengeScoring.check(sheet, against: criteria)
            try db.execute(
                sql: "DELETE FROM challenge_scores WHERE application_id = ? AND expert_user_id = ?",
                arguments: [applicationID, user])
            for (index, item) in sheet.scores.enumerated() {
                let criterion = try Validate.text(item.criterion, field: "scores[\(index)].criterion", max: 50)
                guard (0...100).contains(item.score) else {
                    throw DomainError.invalid(
                        "score_out_of_range", field: "scores[\(index)].score", zh: "分数须在 0 到 100 之间",
                        en: "A score is between 0 and 100")
                }
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO challenge_scores (application_id, expert_user_id, criterion, score, comment, scored_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        applicationID, user, criterion, item.score,
                        try Validate.optionalText(
                            item.comment, field: "scores[\(index)].comment", max: 2_000, multiline: true),
                        Timestamp.millis(context.now),
                    ]
                )
            }
            // The expert sees the running result only once every review is in.
            let withResult = try ChallengeStore.withScore(db, application)
            let scored =
                try ChallengeScoring.complete(db, challenge: challenge) ? withResult : Self.withoutScore(withResult)
            return Audited(
                scored, target: "challenge_application", id: String(applicationID),
                change: [
                    "scores": .array(
                        sheet.scores.map { ["criterion": .string($0.criterion), "score": .int(Int64($0.score))] })
                ]
            )
        }
    }

    static func isAssigned(_ db: Database, _ challengeID: Int64, user: Int64) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT 1 FROM challenge_experts WHERE challenge_id = ? AND user_id = ?",
            arguments: [challengeID, user]) ?? false
    }

    static func load(_ db: Database, _ id: Int64, viewer: Actor?) throws -> Challenge {
        guard let challenge = try ListingStore.find(db, Challenge.self, id: id),
            ListingAccess.canRead(viewer, challenge)
        else {
            throw ListingAccess.notFound(.challenge)
        }
        return challenge
    }
}

public struct ChallengeExpert: Codable, Sendable, Equatable {
    public var challengeId: Int64
    public var userId: Int64
    public var organizationId: Int64
}
