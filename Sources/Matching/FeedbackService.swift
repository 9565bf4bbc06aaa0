import Foundation
import GRDB
import Identity
import Kernel
import Listings
import Store

/// What a viewer did with a match.
public enum FeedbackAction: String, Codable, CaseIterable, Sendable {
    case viewed
    case contacted
    case dismissed
    case deal
}

/// What a viewer did with a match (`POST /v1/matches/feedback`).
public struct NewFeedback: Sendable {
    public var subjectKind: CandidateKind
    public var subjectId: Int64
    public var candidateKind: CandidateKind
    public var candidateId: Int64
    public var action: FeedbackAction

    public init(
        subjectKind: CandidateKind, subjectId: Int64, candidateKind: CandidateKind, candidateId: Int64,
        action: FeedbackAction
    ) {
        self.subjectKind = subjectKind
        self.subjectId = subjectId
        self.candidateKind = candidateKind
        self.candidateId = candidateId
        self.action = action
    }
}

/// One recorded piece of feedback.
public struct Feedback: Codable, Sendable, Equatable {
    public var id: Int64
    public var subjectKind: CandidateKind
    public var subjectId: Int64
    public var candidateKind: CandidateKind
    public var candidateId: Int64
    public var action: FeedbackAction
    public var organizationId: Int64
    public var createdAt: Date
}

/// Records feedback through the audited write path. Recording the same action on the same
/// pair again changes nothing and returns the first record.
public struct FeedbackService: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public func record(_ input: NewFeedback, by actor: Actor) async throws -> Feedback {
        try await database.write(as: actor, action: "match.feedback") { db, context in
            let now = context.now
            // The subject: a listing whose matches this actor may see, or an organisation.
            let subjectFields: [Field]
            let subjectTarget: AccessTarget
            let subjectOwner: Int64
            switch input.subjectKind {
            case .organisation:
                guard
                    let organization = try OrganizationDirectory.summaries(db, ids: [input.subjectId])[input.subjectId]
                else {
                    throw MatchingError.organizationNotFound
                }
                subjectFields = Field.allCases
                subjectTarget = AccessTarget(organizationID: organization.id, city: organization.city)
                subjectOwner = organization.id
            case .need, .patent, .achievement:
                let kind = ListingKind(rawValue: input.subjectKind.rawValue)!
                guard let listing = try ListingIndex.listing(db, id: input.subjectId, now: now), listing.kind == kind
                else {
                    throw MatchingError.subjectNotFound
                }
                subjectFields = listing.fields
                subjectTarget = AccessTarget(organizationID: listing.ownerOrganizationId, city: listing.city)
                subjectOwner = listing.ownerOrganizationId
            }
            guard Authorization.allows(context.actor, .matchFeedback, on: subjectTarget) else {
                throw MatchingError.subjectNotFound
            }
            guard let organizationId = context.actor.organizationID else { throw DomainError.forbidden }
            let candidateOrg: Int64
            switch input.candidateKind {
            case .organisation:
                guard try OrganizationDirectory.summaries(db, ids: [input.candidateId])[input.candidateId] != nil else {
                    throw MatchingError.candidateNotFound
                }
                candidateOrg = input.candidateId
            case .need, .patent, .achievement:
                // Only what a match could show: a draft or hidden candidate is answered like a
                // missing one, so feedback cannot probe for it (issue 14).
                guard let listing = try ListingIndex.findableListing(db, id: input.candidateId, now: now),
                    listing.kind.rawValue == input.candidateKind.rawValue
                else {
                    throw MatchingError.candidateNotFound
                }
                candidateOrg = listing.ownerOrganizationId
            }
            if input.subjectKind == input.candidateKind && input.subjectId == input.candidateId {
                throw MatchingError.candidateIsSubject
            }
            // A deal with oneself would raise one's own listings (issue 14).
            if candidateOrg == organizationId || candidateOrg == subjectOwner {
                throw MatchingError.candidateIsOwn
            }
            if let existing = try Self.find(db, input, organizationId: organizationId) {
                return .unchanged(existing)
            }
            try db.execute(
                sql: """
                    INSERT INTO match_feedback (subject_kind, subject_id, subject_fields_mask, candidate_kind, candidate_id,
                        candidate_org_id, action, organization_id, user_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    input.subjectKind.rawValue, input.subjectId, FieldMask.of(subjectFields),
                    input.candidateKind.rawValue,
                    input.candidateId, candidateOrg, input.action.rawValue, organizationId, context.actor.userID,
                    Timestamp.millis(now),
                ]
            )
            let feedback = Feedback(
                id: db.lastInsertedRowID, subjectKind: input.subjectKind, subjectId: input.subjectId,
                candidateKind: input.candidateKind, candidateId: input.candidateId, action: input.action,
                organizationId: organizationId, createdAt: Timestamp.date(millis: Timestamp.millis(now))
            )
            return Audited(
                feedback, target: "match_feedback", id: String(feedback.id),
                change: [
                    "subject": .string("\(input.subjectKind.rawValue):\(input.subjectId)"),
                    "candidate": .string("\(input.candidateKind.rawValue):\(input.candidateId)"),
                    "action": .string(input.action.rawValue),
                ])
        }
    }

    static func find(_ db: Database, _ input: NewFeedback, organizationId: Int64) throws -> Feedback? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, created_at FROM match_feedback WHERE subject_kind = ? AND subject_id = ? AND candidate_kind = ?
                      AND candidate_id = ? AND action = ? AND organization_id = ?
                    """,
                arguments: [
                    input.subjectKind.rawValue, input.subjectId, input.candidateKind.rawValue, input.candidateId,
                    input.action.rawValue, organizationId,
                ]
            )
        else { return nil }
        return Feedback(
            id: row["id"], subjectKind: input.subjectKind, subjectId: input.subjectId,
            candidateKind: input.candidateKind,
            candidateId: input.candidateId, action: input.action, organizationId: organizationId,
            createdAt: Timestamp.date(millis: row["created_at"])
        )
    }
}
