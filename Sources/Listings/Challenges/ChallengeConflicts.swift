import Foundation
import GRDB
import Identity
import Kernel
import Store

/// An assigned expert's declaration of conflict of interest (利益冲突声明) on one application
/// (issue 18): "none" lets them score it; "conflict" is final — their scores of it are dropped
/// and they can no longer score it. Every declaration is an audited change.
public struct ConflictDeclaration: Codable, Sendable, Equatable {
    public var applicationId: Int64
    public var expertUserId: Int64
    public var conflict: Bool
    public var note: String?
    public var declaredAt: Date
}

extension ChallengeService {
    /// `POST /v1/challenges/{id}/applications/{applicationId}/conflict-declaration`.
    public func declareConflict(
        _ applicationID: Int64, of challengeID: Int64, conflict: Bool, note: String?, by actor: Actor
    ) async throws -> ConflictDeclaration {
        try await database.write(as: actor, action: "challenge.declare_conflict") { db, context in
            let (_, user) = try Self.reviewable(db, applicationID, of: challengeID, by: actor)
            let note = try Validate.optionalText(note, field: "note", max: 500, multiline: true)
            let declaration = try Self.declare(
                db, application: applicationID, expert: user, conflict: conflict, note: note, now: context.now)
            return Audited(
                declaration, target: "challenge_application", id: String(applicationID),
                change: [
                    "expertUserId": .int(user), "conflict": .bool(conflict),
                    "note": note.map(JSONValue.string) ?? .null,
                ])
        }
    }

    /// The viewer's declarations on the challenge's applications, by application.
    public func conflictDeclarations(of challengeID: Int64, viewer: Actor) async throws -> [Int64: ConflictDeclaration]
    {
        guard let user = viewer.userID else { return [:] }
        return try await database.read { db in
            _ = try Self.load(db, challengeID, viewer: viewer)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.* FROM challenge_conflict_declarations d
                    JOIN challenge_applications a ON a.id = d.application_id
                    WHERE a.challenge_id = ? AND d.expert_user_id = ?
                    """,
                arguments: [challengeID, user])
            return Dictionary(
                uniqueKeysWithValues: rows.map { row in (row["application_id"] as Int64, Self.declaration(row)) })
        }
    }

    /// The challenges the viewer is assigned to review, newest first.
    public func assignedChallengeIDs(viewer: Actor) async throws -> [Int64] {
        guard let user = viewer.userID else { return [] }
        return try await database.read { db in
            try Int64.fetchAll(
                db,
                sql:
                    "SELECT challenge_id FROM challenge_experts WHERE user_id = ? ORDER BY challenge_id DESC LIMIT 200",
                arguments: [user])
        }
    }

    /// The experts assigned to the challenge (its owner and administrators only).
    public func experts(of challengeID: Int64, viewer: Actor) async throws -> [ChallengeExpert] {
        try await database.read { db in
            let challenge = try Self.load(db, challengeID, viewer: viewer)
            let parties = try Self.parties(db, viewer, challenge)
            guard parties.contains(.owner) || parties.contains(.admin) else { throw DomainError.forbidden }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM challenge_experts WHERE challenge_id = ? ORDER BY assigned_at, user_id",
                arguments: [challengeID]
            ).map {
                ChallengeExpert(
                    challengeId: $0["challenge_id"], userId: $0["user_id"], organizationId: $0["organization_id"])
            }
        }
    }

    /// An assigned expert and an application of the challenge they may review now.
    static func reviewable(
        _ db: Database, _ applicationID: Int64, of challengeID: Int64, by actor: Actor
    ) throws -> (ChallengeApplication, Int64) {
        let challenge = try Self.load(db, challengeID, viewer: actor)
        guard let user = actor.userID, try Self.isAssigned(db, challengeID, user: user) else {
            throw ListingsError.notAssigned
        }
        try Authorization.check(actor, .challengeReview, on: challenge.accessTarget)
        guard [.published, .applicationsClosed, .underReview].contains(challenge.state) else {
            throw ListingsError.scoringOutsideReview(challenge.state)
        }
        guard let application = try ChallengeStore.application(db, id: applicationID),
            application.challengeId == challengeID, application.status == .submitted
        else { throw ListingsError.applicationNotFound }
        return (application, user)
    }

    /// Records the declaration; a declared conflict is final and drops the expert's scores.
    static func declare(
        _ db: Database, application: Int64, expert: Int64, conflict: Bool, note: String?, now: Date
    ) throws -> ConflictDeclaration {
        if try declared(db, application: application, expert: expert)?.conflict == true {
            throw ListingsError.conflictDeclared
        }
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO challenge_conflict_declarations
                    (application_id, expert_user_id, conflict, note, declared_at) VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [application, expert, conflict, note, Timestamp.millis(now)])
        if conflict {
            try db.execute(
                sql: "DELETE FROM challenge_scores WHERE application_id = ? AND expert_user_id = ?",
                arguments: [application, expert])
        }
        return ConflictDeclaration(
            applicationId: application, expertUserId: expert, conflict: conflict, note: note, declaredAt: now)
    }

    static func declared(_ db: Database, application: Int64, expert: Int64) throws -> ConflictDeclaration? {
        try Row.fetchOne(
            db,
            sql: "SELECT * FROM challenge_conflict_declarations WHERE application_id = ? AND expert_user_id = ?",
            arguments: [application, expert]
        ).map(declaration)
    }

    static func declaration(_ row: Row) -> ConflictDeclaration {
        ConflictDeclaration(
            applicationId: row["application_id"], expertUserId: row["expert_user_id"], conflict: row["conflict"],
            note: row["note"], declaredAt: Timestamp.date(millis: row["declared_at"]))
    }
}

extension ChallengeService {
    /// An organisation's challenges, drafts included for those who may read them (the console's
    /// owner page, issue 18).
    public func owned(by organization: Int64, page: PageRequest, viewer: Actor?) async throws -> Page<Challenge> {
        try await operations.owned(by: organization, page: page, viewer: viewer)
    }
}

extension Challenge {
    /// What experts score, with weights: the challenge's own, or the standard three.
    public var scoringCriteria: [ScoringCriterion] { criteria ?? ChallengeScoring.standard }
}
