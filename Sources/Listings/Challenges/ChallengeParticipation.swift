import Foundation
import GRDB
import Identity
import Kernel
import Store

/// One expert's scores of one application (`POST …/scores`).
public struct ScoreSheet: Sendable {
    public struct Score: Sendable {
        public var criterion: String
        public var score: Int
        public var comment: String?

        public init(criterion: String, score: Int, comment: String? = nil) {
            self.criterion = criterion
            self.score = score
            self.comment = comment
        }
    }

    public var scores: [Score]
    /// The expert declares no conflict of interest with this application (issue 18): required
    /// to be true; a conflict is declared through `declareConflict` instead, and then final.
    public var declaresNoConflict: Bool

    public init(scores: [Score], declaresNoConflict: Bool) {
        self.scores = scores
        self.declaresNoConflict = declaresNoConflict
    }
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
                throw ListingsError.applicationsClosed(challenge.state)
            }
            let lead = try ListingOwner.resolve(
                db, requested: input.leadOrganizationId, actor: actor, allowed: Self.applicantKinds)
            try Authorization.check(actor, .challengeApply, on: AccessTarget(organizationID: lead.id, city: lead.city))
            guard lead.id != challenge.ownerOrganizationId else {
                throw ListingsError.ownChallenge
            }
            let eligibility = challenge.eligibility
            if !eligibility.organizationKinds.isEmpty && !eligibility.organizationKinds.contains(lead.kind) {
                throw ListingsError.notEligibleKind
            }
            if !eligibility.cities.isEmpty && !eligibility.cities.contains(lead.city) {
                throw ListingsError.notEligibleCity
            }
            let live = try ChallengeStore.applications(db, challenge: challengeID)
                .contains { $0.leadOrganizationId == lead.id && ($0.status == .submitted || $0.status == .awarded) }
            if live {
                throw ListingsError.applicationExists
            }
            let partners = Array(Set(input.partnerOrganizationIds ?? [])).sorted()
            guard partners.count <= 20, !partners.contains(lead.id) else {
                throw ListingsError.partners
            }
            let known = try OrganizationDirectory.summaries(db, ids: partners)
            for (index, partner) in partners.enumerated() {
                guard known[partner] != nil else {
                    throw ListingsError.unknownPartner(index: index)
                }
            }
            guard input.budgetFen > 0, input.budgetFen <= 10_000_000_000 else {
                throw ListingsError.budgetOutOfRange
            }
            guard (1...50).contains(input.team.count) else {
                throw ListingsError.teamSize
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
                throw ListingsError.applicationNotFound
            }
            try Authorization.check(
                actor, .challengeApply,
                on: AccessTarget(organizationID: application.leadOrganizationId, city: actor.city))
            guard application.status == .submitted, challenge.state == .published, context.now < challenge.deadline
            else {
                throw ListingsError.withdrawalClosed(application.status)
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
                throw ListingsError.expertsAssignedBeforeAward(challenge.state)
            }
            guard let user = try UserDirectory.user(db, id: userID), user.role == .expert else {
                throw ListingsError.notAnExpert
            }
            let organization = user.organizationId
            // The owner's own experts, or one related to the owner, never review its challenge.
            if try ChallengeScoring.conflict(
                db, expertOrganization: organization, owner: challenge.ownerOrganizationId, involved: [])
            {
                throw ListingsError.expertRelatedToOwner
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
                throw ListingsError.notAssigned
            }
            try Authorization.check(actor, .challengeReview, on: challenge.accessTarget)
            guard challenge.state == .underReview else {
                throw ListingsError.scoringOutsideReview(challenge.state)
            }
            guard let application = try ChallengeStore.application(db, id: applicationID),
                application.challengeId == challengeID,
                application.status == .submitted
            else { throw ListingsError.applicationNotFound }
            let involved = [application.leadOrganizationId] + application.partnerOrganizationIds
            if let organization = actor.organizationID,
                try ChallengeScoring.conflict(
                    db, expertOrganization: organization, owner: challenge.ownerOrganizationId, involved: involved)
            {
                throw ListingsError.reviewerInvolved
            }
            // The expert's own declaration: a declared conflict is final; scoring declares none.
            if try Self.declared(db, application: applicationID, expert: user)?.conflict == true {
                throw ListingsError.conflictDeclared
            }
            guard sheet.declaresNoConflict else {
                throw ListingsError.conflictDeclarationRequired
            }
            _ = try Self.declare(
                db, application: applicationID, expert: user, conflict: false, note: nil, now: context.now)
            // One score per criterion fixed at publication: no invented criteria, none left out.
            let criteria = challenge.criteria ?? ChallengeScoring.standard
            try ChallengeScoring.check(sheet, against: criteria)
            try db.execute(
                sql: "DELETE FROM challenge_scores WHERE application_id = ? AND expert_user_id = ?",
                arguments: [applicationID, user])
            for (index, item) in sheet.scores.enumerated() {
                let criterion = try Validate.text(item.criterion, field: "scores[\(index)].criterion", max: 50)
                guard (0...100).contains(item.score) else {
                    throw ListingsError.scoreOutOfRange(index: index)
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
                    "declaresNoConflict": true,
                    "scores": .array(
                        sheet.scores.map { ["criterion": .string($0.criterion), "score": .int(Int64($0.score))] }),
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
