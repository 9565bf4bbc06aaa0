import Foundation
import GRDB
import Identity
import Kernel

/// How applications are scored: criteria and weights fixed when the challenge is made; each
/// expert gives one score per criterion; an application's result is the mean over experts of
/// each expert's weighted average, so no expert counts more by scoring more often or inventing
/// criteria.
public struct ScoringCriterion: Codable, Sendable, Equatable {
    public var name: String
    /// Relative weight, 1–100.
    public var weight: Int

    public init(name: String, weight: Int) {
        self.name = name
        self.weight = weight
    }
}

enum ChallengeScoring {
    /// The criteria of a challenge made without its own (and of challenges made before criteria).
    static let standard = [
        ScoringCriterion(name: "技术方案", weight: 40), ScoringCriterion(name: "团队能力", weight: 30),
        ScoringCriterion(name: "研究基础", weight: 30),
    ]

    static func criteria(_ given: [ScoringCriterion]?) throws -> [ScoringCriterion] {
        guard let given else { return standard }
        guard (1...10).contains(given.count) else {
            throw ListingsError.criteriaCount
        }
        var names = Set<String>()
        return try given.enumerated().map { index, criterion in
            let name = try Validate.text(criterion.name, field: "criteria[\(index)].name", max: 50)
            guard names.insert(name).inserted else {
                throw ListingsError.criteriaDuplicate(index: index)
            }
            guard (1...100).contains(criterion.weight) else {
                throw ListingsError.weightOutOfRange(index: index)
            }
            return ScoringCriterion(name: name, weight: criterion.weight)
        }
    }

    /// The sheet names every criterion of the challenge exactly once.
    static func check(_ sheet: ScoreSheet, against criteria: [ScoringCriterion]) throws {
        let given = sheet.scores.map { $0.criterion.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard given.count == criteria.count, Set(given) == Set(criteria.map(\.name)) else {
            throw ListingsError.criteriaMismatch(criteria)
        }
    }

    /// Mean over experts of each expert's weighted average (rounded to hundredths), nil when unscored.
    static func result(_ db: Database, application: Int64, criteria: [ScoringCriterion]) throws -> Double? {
        let weights = Dictionary(uniqueKeysWithValues: criteria.map { ($0.name, Double($0.weight)) })
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT expert_user_id, criterion, score FROM challenge_scores WHERE application_id = ?"),
            arguments: [application]
        )
        var perExpert: [Int64: (sum: Double, weight: Double)] = [:]
        for row in rows {
            guard let weight = weights[row["criterion"]] else { continue }  // a criterion the challenge does not have
            let expert: Int64 = row["expert_user_id"]
            let score: Int = row["score"]
            perExpert[expert, default: (0, 0)].sum += Double(score) * weight
            perExpert[expert, default: (0, 0)].weight += weight
        }
        let averages = perExpert.values.filter { $0.weight > 0 }.map { $0.sum / $0.weight }
        guard !averages.isEmpty else { return nil }
        return (averages.reduce(0, +) / Double(averages.count) * 100).rounded() / 100
    }

    /// Every assigned expert has scored every submitted application they may score (a pair in
    /// conflict of interest is not expected).
    static func complete(_ db: Database, challenge: Challenge) throws -> Bool {
        let experts = try Row.fetchAll(
            db, sql: "SELECT user_id, organization_id FROM challenge_experts WHERE challenge_id = ?",
            arguments: [challenge.id]
        )
        let applications = try ChallengeStore.applications(db, challenge: challenge.id, scored: false)
            .filter { $0.status == .submitted || $0.status == .awarded }
        guard !experts.isEmpty, !applications.isEmpty else { return false }
        for expert in experts {
            for application in applications {
                let involved = [application.leadOrganizationId] + application.partnerOrganizationIds
                if try conflict(
                    db, expertOrganization: expert["organization_id"], owner: challenge.ownerOrganizationId,
                    involved: involved)
                {
                    continue
                }
                // An expert who declared a conflict recuses from that application (issue 18).
                if try ChallengeService.declared(db, application: application.id, expert: expert["user_id"])?.conflict
                    == true
                {
                    continue
                }
                let scored =
                    try Bool.fetchOne(
                        db,
                        sql: "SELECT 1 FROM challenge_scores WHERE application_id = ? AND expert_user_id = ? LIMIT 1",
                        arguments: [application.id, expert["user_id"]]
                    ) ?? false
                if !scored { return false }
            }
        }
        return true
    }

    /// Why an expert of `organization` may not score this application (owner, applicant or
    /// partner, or related to one of them by a declared relation), or nil.
    static func conflict(_ db: Database, expertOrganization: Int64, owner: Int64, involved: [Int64]) throws -> Bool {
        if expertOrganization == owner || involved.contains(expertOrganization) { return true }
        guard let expert = try OrganizationDirectory.organization(db, id: expertOrganization) else { return false }
        for other in [owner] + involved {
            guard let party = try OrganizationDirectory.organization(db, id: other) else { continue }
            if try RelationService.link(db, expert, party) != nil { return true }
        }
        return false
    }
}
