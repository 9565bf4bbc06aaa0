import Foundation

/// The judged documents of one query: document id → grade (0 judged not relevant, 1 and up
/// relevant, higher is better).
public typealias Grades = [String: Int]

/// The three figures reported for a ranking, each in 0…1.
public struct MetricScores: Codable, Sendable, Equatable {
    public var ndcg10: Double
    public var mrr10: Double
    public var recall10: Double

    public init(ndcg10: Double, mrr10: Double, recall10: Double) {
        self.ndcg10 = ndcg10
        self.mrr10 = mrr10
        self.recall10 = recall10
    }

    public static let zero = MetricScores(ndcg10: 0, mrr10: 0, recall10: 0)

    /// The per-query scores of a ranking, averaged (macro average; 0 for no queries).
    public static func mean(_ scores: [MetricScores]) -> MetricScores {
        guard !scores.isEmpty else { return .zero }
        let count = Double(scores.count)
        return MetricScores(
            ndcg10: scores.map(\.ndcg10).reduce(0, +) / count,
            mrr10: scores.map(\.mrr10).reduce(0, +) / count,
            recall10: scores.map(\.recall10).reduce(0, +) / count
        )
    }

    /// `self` ÷ `base`, metric by metric; nil where the base is 0.
    public func ratio(to base: MetricScores) -> (ndcg10: Double?, mrr10: Double?, recall10: Double?) {
        func divide(_ a: Double, _ b: Double) -> Double? { b > 0 ? a / b : nil }
        return (divide(ndcg10, base.ndcg10), divide(mrr10, base.mrr10), divide(recall10, base.recall10))
    }
}

/// Ranking quality at a cut-off of 10, on graded judgements.
///
/// - nDCG@10: DCG = Σ over ranks i = 1…10 of (2^g − 1) / log2(i + 1), g the grade of the
///   document at rank i (0 if unjudged); divided by the DCG of the ideal ranking, which puts
///   all the query's judged documents in order of grade.
/// - MRR@10: 1 / the rank of the first document with grade ≥ 1 (any relevant document, not
///   only the top grade), 0 if none is in the first 10.
/// - Recall@10: the share of the documents with grade ≥ 1 that are in the first 10.
///
/// A document listed twice counts at its first rank only. A query without a relevant document
/// scores 0 on all three; the evaluator leaves such queries out (and says how many).
public enum RankingMetrics {
    public static let cutoff = 10

    public static func scores(_ ranked: [String], grades: Grades, k: Int = cutoff) -> MetricScores {
        MetricScores(
            ndcg10: ndcg(ranked, grades: grades, k: k), mrr10: reciprocalRank(ranked, grades: grades, k: k),
            recall10: recall(ranked, grades: grades, k: k)
        )
    }

    public static func ndcg(_ ranked: [String], grades: Grades, k: Int = cutoff) -> Double {
        let ideal = dcg(grades.values.sorted(by: >).prefix(k))
        guard ideal > 0 else { return 0 }
        return dcg(top(ranked, k).map { grades[$0] ?? 0 }) / ideal
    }

    public static func reciprocalRank(_ ranked: [String], grades: Grades, k: Int = cutoff) -> Double {
        for (index, id) in top(ranked, k).enumerated() where (grades[id] ?? 0) >= 1 {
            return 1 / Double(index + 1)
        }
        return 0
    }

    public static func recall(_ ranked: [String], grades: Grades, k: Int = cutoff) -> Double {
        let relevant = grades.values.filter { $0 >= 1 }.count
        guard relevant > 0 else { return 0 }
        let found = top(ranked, k).filter { (grades[$0] ?? 0) >= 1 }.count
        return Double(found) / Double(relevant)
    }

    /// Whether a query can be scored at all: it has a document with grade ≥ 1.
    public static func isJudged(_ grades: Grades?) -> Bool {
        grades?.values.contains { $0 >= 1 } ?? false
    }

    static func dcg(_ gains: some Sequence<Int>) -> Double {
        var total = 0.0
        for (index, grade) in gains.enumerated() where grade > 0 {
            total += (pow(2, Double(grade)) - 1) / log2(Double(index + 2))
        }
        return total
    }

    /// The first `k` distinct ids.
    static func top(_ ranked: [String], _ k: Int) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for id in ranked where seen.insert(id).inserted {
            result.append(id)
            if result.count == k { break }
        }
        return result
    }
}
