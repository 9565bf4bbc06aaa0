import Foundation
import GRDB
import Kernel

/// An application (揭榜): a lead organisation with partners, a plan, a budget and a team.
public struct ChallengeApplication: Codable, Sendable, Equatable {
    public enum Status: String, Codable, CaseIterable, Sendable {
        case submitted, withdrawn, awarded
        case notAwarded = "not_awarded"
    }

    public struct TeamMember: Codable, Sendable, Equatable {
        public var name: String
        public var role: String?
        public var title: String?

        public init(name: String, role: String? = nil, title: String? = nil) {
            self.name = name
            self.role = role
            self.title = title
        }
    }

    public var id: Int64
    public var challengeId: Int64
    public var leadOrganizationId: Int64
    public var partnerOrganizationIds: [Int64]
    public var plan: String
    public var budgetFen: Int64
    public var team: [TeamMember]
    public var status: Status
    /// Mean of all experts' scores over all criteria, when any.
    public var averageScore: Double?
    public var createdAt: Date
    public var updatedAt: Date
}

/// An application to a challenge (`POST /v1/challenges/{id}/applications`).
public struct NewChallengeApplication: Sendable {
    public var partnerOrganizationIds: [Int64]?
    public var plan: String
    public var budgetFen: Int64
    public var team: [ChallengeApplication.TeamMember]
    /// For platform administrators acting for an organisation.
    public var leadOrganizationId: Int64?

    public init(
        partnerOrganizationIds: [Int64]? = nil, plan: String, budgetFen: Int64, team: [ChallengeApplication.TeamMember],
        leadOrganizationId: Int64? = nil
    ) {
        self.partnerOrganizationIds = partnerOrganizationIds
        self.plan = plan
        self.budgetFen = budgetFen
        self.team = team
        self.leadOrganizationId = leadOrganizationId
    }
}

/// A milestone submission and its decision.
public struct Milestone: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case submitted, accepted, rejected }
    public var id: Int64
    public var applicationId: Int64
    public var trancheIndex: Int
    public var deliverable: String
    public var status: Status
    public var reason: String?
    public var submittedAt: Date
    public var decidedAt: Date?
}

/// A tranche of the reward that has become payable.
public struct Payable: Codable, Sendable, Equatable {
    public var applicationId: Int64
    public var trancheIndex: Int
    public var amount: Money
    public var recordedAt: Date
}

enum ChallengeStore {
    static func application(_ db: Database, id: Int64) throws -> ChallengeApplication? {
        try Data.fetchOne(
            db.cachedStatement(sql: "SELECT document FROM challenge_applications WHERE id = ?"), arguments: [id]
        )
        .map { try withScore(db, try ListingStore.decoder.decode(ChallengeApplication.self, from: $0)) }
    }

    /// The challenge's criteria (the standard ones for a challenge made before criteria).
    static func criteria(_ db: Database, challenge: Int64) throws -> [ScoringCriterion] {
        try ListingStore.find(db, Challenge.self, id: challenge)?.criteria ?? ChallengeScoring.standard
    }

    static func applications(_ db: Database, challenge: Int64, scored: Bool = true) throws -> [ChallengeApplication] {
        let criteria = scored ? try Self.criteria(db, challenge: challenge) : []
        return try Data.fetchAll(
            db.cachedStatement(sql: "SELECT document FROM challenge_applications WHERE challenge_id = ? ORDER BY id"),
            arguments: [challenge]
        ).map { data in
            let application = try ListingStore.decoder.decode(ChallengeApplication.self, from: data)
            return scored ? try withScore(db, application, criteria: criteria) : application
        }
    }

    /// The application with its result: the mean over experts of each expert's weighted average.
    static func withScore(
        _ db: Database, _ application: ChallengeApplication, criteria: [ScoringCriterion]? = nil
    ) throws -> ChallengeApplication {
        var copy = application
        let criteria = try criteria ?? Self.criteria(db, challenge: application.challengeId)
        copy.averageScore = try ChallengeScoring.result(db, application: application.id, criteria: criteria)
        return copy
    }

    static func insert(_ db: Database, _ application: inout ChallengeApplication) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO challenge_applications (challenge_id, lead_org_id, status, document, created_at, updated_at)
                VALUES (?, ?, ?, '{}', ?, ?)
                """
        ).execute(arguments: [
            application.challengeId, application.leadOrganizationId, application.status.rawValue,
            Timestamp.millis(application.createdAt), Timestamp.millis(application.updatedAt),
        ])
        application.id = db.lastInsertedRowID
        try save(db, application)
    }

    static func save(_ db: Database, _ application: ChallengeApplication) throws {
        var stored = application
        stored.averageScore = nil
        try db.cachedStatement(
            sql: "UPDATE challenge_applications SET status = ?, document = ?, updated_at = ? WHERE id = ?"
        )
        .execute(arguments: [
            application.status.rawValue, try ListingStore.text(stored),
            Timestamp.millis(application.updatedAt), application.id,
        ])
    }

    static func milestones(_ db: Database, challenge: Int64) throws -> [Milestone] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT m.* FROM challenge_milestones m JOIN challenge_applications a ON a.id = m.application_id
                    WHERE a.challenge_id = ? ORDER BY m.id
                    """),
            arguments: [challenge]
        ).map(milestone)
    }

    static func milestone(_ row: Row) -> Milestone {
        Milestone(
            id: row["id"], applicationId: row["application_id"], trancheIndex: row["tranche_index"],
            deliverable: row["deliverable"], status: Milestone.Status(rawValue: row["status"]) ?? .submitted,
            reason: row["reason"], submittedAt: Timestamp.date(millis: row["submitted_at"]),
            decidedAt: (row["decided_at"] as Int64?).map(Timestamp.date(millis:))
        )
    }

    static func payables(_ db: Database, challenge: Int64) throws -> [Payable] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM challenge_payables WHERE challenge_id = ? ORDER BY id"),
            arguments: [challenge]
        ).map { row in
            Payable(
                applicationId: row["application_id"], trancheIndex: row["tranche_index"],
                amount: Money(fen: row["amount_fen"]), recordedAt: Timestamp.date(millis: row["recorded_at"])
            )
        }
    }

    static func recordPayable(
        _ db: Database, challenge: Int64, application: Int64, tranche: Int, amount: Int64, now: Date
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO challenge_payables (challenge_id, application_id, tranche_index, amount_fen, recorded_at)
                VALUES (?, ?, ?, ?, ?)
                """
        ).execute(arguments: [challenge, application, tranche, amount, Timestamp.millis(now)])
    }
}
