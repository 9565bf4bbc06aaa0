import Foundation

/// Config/matching-quality.json: the query set the figures were measured on, the floor the
/// quality test holds the ranking to, and the figures last measured.
public struct QualityFigures: Codable, Sendable, Equatable {
    public struct QuerySetInfo: Codable, Sendable, Equatable {
        public var papersCount: Int
        public var seed: UInt64
        public var queries: Int
        public var judgements: Int
        public var fingerprint: String
    }

    public struct Floor: Codable, Sendable, Equatable {
        /// Corridor's nDCG@10 over all queries may not fall below this.
        public var ndcg10: Double
        /// Nor below this multiple of the baseline's.
        public var ratioToBaseline: Double
        /// Traditional-script queries may trail Simplified ones by at most this much nDCG@10.
        public var traditionalSlack: Double
    }

    public struct Measured: Codable, Sendable, Equatable {
        public var all: MatchingEvaluation.Summary
        public var simplified: MatchingEvaluation.Summary
        public var traditional: MatchingEvaluation.Summary
    }

    /// What `--record` sets the floor to: the measured nDCG@10 less this (the run is
    /// deterministic; the margin leaves room for changes that move a query or two).
    public static let recordMargin = 0.005
    public static let defaultRatio = 1.15
    public static let defaultSlack = 0.01

    public var about: String
    public var querySet: QuerySetInfo
    public var floor: Floor
    public var measured: Measured

    public static func read(_ url: URL) throws -> QualityFigures {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw EvaluationError("cannot read \(url.path)")
        }
        do {
            return try JSONDecoder().decode(QualityFigures.self, from: data)
        } catch {
            throw EvaluationError("\(url.path): \(error)")
        }
    }

    public func write(_ url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(contentsOf: Array("\n".utf8))
        try data.write(to: url, options: .atomic)
    }

    /// New figures from an evaluation: the floor at the measured nDCG@10 less `recordMargin`
    /// (rounded down to 3 decimals), the ratio and slack kept from `previous` or the defaults.
    public static func recording(
        _ evaluation: MatchingEvaluation, set: QuerySet, papersCount: Int, seed: UInt64, previous: QualityFigures?
    ) throws -> QualityFigures {
        let ndcg = evaluation.all.corridor.ndcg10
        return QualityFigures(
            about: "Matching quality on the CSL papers (../shared/eval/csl/papers.jsonl, read at run time): "
                + "measured by `corridor eval matching --record`, held by Tests/MatchingTests/QualityTests.swift.",
            querySet: QuerySetInfo(
                papersCount: papersCount, seed: seed, queries: set.queries.count, judgements: set.judgementCount,
                fingerprint: try set.fingerprint()
            ),
            floor: Floor(
                ndcg10: ((ndcg - recordMargin) * 1_000).rounded(.down) / 1_000,
                ratioToBaseline: previous?.floor.ratioToBaseline ?? defaultRatio,
                traditionalSlack: previous?.floor.traditionalSlack ?? defaultSlack
            ),
            measured: Measured(
                all: evaluation.all.rounded, simplified: evaluation.summary(.simplified).rounded,
                traditional: evaluation.summary(.traditional).rounded
            )
        )
    }

    /// One requirement on an evaluation, met or not.
    public struct Check: Sendable {
        public var name: String
        public var passed: Bool
        public var detail: String
    }

    /// The floor applied to an evaluation.
    public func checks(_ evaluation: MatchingEvaluation) -> [Check] {
        let f = EvaluationText.fixed4
        let all = evaluation.all
        let simplified = evaluation.summary(.simplified).corridor.ndcg10
        let traditional = evaluation.summary(.traditional).corridor.ndcg10
        return [
            Check(
                name: "floor", passed: all.corridor.ndcg10 >= floor.ndcg10,
                detail: "nDCG@10 \(f(all.corridor.ndcg10)) ≥ committed floor \(f(floor.ndcg10))"
            ),
            Check(
                name: "ratio", passed: all.ndcgRatio >= floor.ratioToBaseline,
                detail: "nDCG@10 ÷ baseline \(f(all.ndcgRatio)) ≥ \(f(floor.ratioToBaseline))"
            ),
            Check(
                name: "traditional", passed: traditional >= simplified - floor.traditionalSlack,
                detail:
                    "Traditional nDCG@10 \(f(traditional)) ≥ Simplified \(f(simplified)) − \(f(floor.traditionalSlack))"
            ),
        ]
    }
}

extension MatchingEvaluation.Summary {
    /// Four decimals, for the committed file.
    var rounded: MatchingEvaluation.Summary {
        let r = EvaluationText.round4
        func round(_ scores: MetricScores) -> MetricScores {
            MetricScores(ndcg10: r(scores.ndcg10), mrr10: r(scores.mrr10), recall10: r(scores.recall10))
        }
        return MatchingEvaluation.Summary(queries: queries, corridor: round(corridor), baseline: round(baseline))
    }
}
