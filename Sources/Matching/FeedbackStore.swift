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

    /// Per candidate: contacts and deals recorded for subjects sharing a field with `fieldsMask`.
    static func prior(
        _ db: Database, candidateKind: CandidateKind, ids: [Int64], fieldsMask: Int64
    ) throws -> [Int64: (contacted: Int, deals: Int)] {
        guard !ids.isEmpty else { return [:] }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT candidate_id, action, count(*) AS n FROM match_feedback
                WHERE candidate_kind = ? AND action IN ('contacted', 'deal') AND (subject_fields_mask & ?) <> 0
                  AND candidate_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
                GROUP BY candidate_id, action
                """,
            arguments: StatementArguments([candidateKind.rawValue, fieldsMask] as [any DatabaseValueConvertible])
                + StatementArguments(ids)
        )
        var result: [Int64: (contacted: Int, deals: Int)] = [:]
        for row in rows {
            let id: Int64 = row["candidate_id"]
            let n: Int = row["n"]
            var entry = result[id] ?? (0, 0)
            if row["action"] == "deal" { entry.deals += n } else { entry.contacted += n }
            result[id] = entry
        }
        return result
    }

    /// Per organisation: deals recorded with it or with one of its listings.
    static func deals(_ db: Database, organizations: some Collection<Int64>) throws -> [Int64: Int] {
        guard !organizations.isEmpty else { return [:] }
        let ids = Array(Set(organizations))
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT candidate_org_id AS org, count(DISTINCT subject_kind || ':' || subject_id) AS n FROM match_feedback
                WHERE action = 'deal' AND candidate_org_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
                GROUP BY candidate_org_id
                """,
            arguments: StatementArguments(ids)
        )
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["org"] as Int64, $0["n"] as Int) })
    }
}

/// 1 << index for each field, as the listings' `fields_mask` column stores them.
enum FieldMask {
    static func of(_ fields: [Field]) -> Int64 {
        fields.reduce(0) { mask, field in mask | (1 << Int64(Field.allCases.firstIndex(of: field)!)) }
    }
}
