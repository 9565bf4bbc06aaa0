import Foundation
import GRDB
import Kernel

/// What has been recorded about a (subject, candidate) pair, read for ranking.
enum FeedbackStore {
    struct Subject: Hashable, Sendable {
        var kind: String
        var id: Int64
    }

    /// Candidates dismissed for this subject.
    static func dismissed(_ db: Database, subject: Subject?, candidateKind: CandidateKind) throws -> Set<Int64> {
        guard let subject else { return [] }
        let ids = try Int64.fetchAll(
            db,
            sql: """
                SELECT candidate_id FROM match_feedback
                WHERE subject_kind = ? AND subject_id = ? AND candidate_kind = ? AND action = 'dismissed'
                """,
            arguments: [subject.kind, subject.id, candidateKind.rawValue]
        )
        return Set(ids)
    }
}

/// 1 << index for each field, as the listings' `fields_mask` column stores them.
enum FieldMask {
    static func of(_ fields: [Field]) -> Int64 {
        fields.reduce(0) { mask, field in mask | (1 << Int64(Field.allCases.firstIndex(of: field)!)) }
    }
}
