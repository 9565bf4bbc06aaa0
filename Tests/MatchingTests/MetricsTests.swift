import Foundation
@testable import Matching
import Testing

/// The quality metrics and the baseline on cases worked out by hand.
struct MetricsTests {
    /// Equal to 1e-9: the figures are compared with hand-computed decimals.
    func close(_ a: Double, _ b: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(a - b) < 1e-9, "\(a) ≠ \(b)", sourceLocation: sourceLocation)
    }

    @Test func gradedGainsDiscountedByRank() {
        // Given grades a 3, b 2, c 1, and a ranking that finds b third and a fourth
        let grades: Grades = ["a": 3, "b": 2, "c": 1]
        let ranked = ["x", "y", "b", "a", "z"]
        // Then DCG = (2²−1)/log2(4) + (2³−1)/log2(5) = 1.5 + 3.0147359… = 4.5147359…
        // and the ideal a, b, c: 7/1 + 3/log2(3) + 1/2 = 9.3927893…
        close(RankingMetrics.dcg([0, 0, 2, 3, 0]), 1.5 + 7 / log2(5))
        close(RankingMetrics.dcg([3, 2, 1]), 7 + 3 / log2(3) + 0.5)
        close(RankingMetrics.ndcg(ranked, grades: grades), 4.514735906513751 / 9.392789260714373)
        close(RankingMetrics.ndcg(ranked, grades: grades), 0.4806597679559118)
        // The first relevant document is third; two of the three relevant ones are found.
        close(RankingMetrics.reciprocalRank(ranked, grades: grades), 1.0 / 3)
        close(RankingMetrics.recall(ranked, grades: grades), 2.0 / 3)
    }

    @Test func theIdealRankingScoresOne() {
        let grades: Grades = ["a": 3, "b": 2, "c": 1, "d": 0]
        close(RankingMetrics.ndcg(["a", "b", "c", "d"], grades: grades), 1)
        close(RankingMetrics.ndcg(["a", "b", "c"], grades: grades), 1)
        // Swapping two grades costs: (7/log2(3) + 3 + 0.5) / (7 + 3/log2(3) + 0.5).
        close(RankingMetrics.ndcg(["b", "a", "c"], grades: grades), (3 + 7 / log2(3) + 0.5) / (7 + 3 / log2(3) + 0.5))
    }

    @Test func onlyTheFirstTenCount() {
        // Given the only relevant document at rank 11
        let ranked = (1...10).map { "n\($0)" } + ["hit"]
        let grades: Grades = ["hit": 2]
        // Then it scores nothing at 10
        #expect(RankingMetrics.scores(ranked, grades: grades) == .zero)
        // and everything at 11 (a cut-off is a parameter).
        close(RankingMetrics.ndcg(ranked, grades: grades, k: 11), 3 / log2(12) / 3)
        close(RankingMetrics.reciprocalRank(ranked, grades: grades, k: 11), 1.0 / 11)
    }

    @Test func theIdealIncludesJudgedDocumentsNotRetrieved() {
        // Given twelve relevant documents of grade 1, ten of them found in order
        let grades = Grades(uniqueKeysWithValues: (1...12).map { ("d\($0)", 1) })
        let ranked = (1...10).map { "d\($0)" }
        // Then nDCG is 1 (the ideal holds ten too), recall 10/12.
        close(RankingMetrics.ndcg(ranked, grades: grades), 1)
        close(RankingMetrics.recall(ranked, grades: grades), 10.0 / 12)
        // A ranking that finds only the last two relevant ones, at ranks 1 and 2:
        let ideal = (1...10).reduce(0.0) { $0 + 1 / log2(Double($1) + 1) }
        close(RankingMetrics.ndcg(["d11", "d12"], grades: grades), (1 + 1 / log2(3)) / ideal)
    }

    @Test func gradeZeroIsJudgedNotRelevant() {
        let grades: Grades = ["a": 0, "b": 1]
        close(RankingMetrics.reciprocalRank(["a", "b"], grades: grades), 0.5)
        close(RankingMetrics.recall(["a", "b"], grades: grades), 1)
        close(RankingMetrics.ndcg(["a", "b"], grades: grades), 1 / log2(3))
        #expect(RankingMetrics.isJudged(grades))
        #expect(!RankingMetrics.isJudged(["a": 0]))
        #expect(!RankingMetrics.isJudged(nil))
        #expect(RankingMetrics.scores(["a"], grades: ["a": 0]) == .zero)
    }

    @Test func aDocumentListedTwiceCountsOnce() {
        // The repeat is dropped: b moves up to the second rank.
        let grades: Grades = ["a": 1, "b": 1]
        close(RankingMetrics.ndcg(["a", "a", "b"], grades: grades), 1)
        close(RankingMetrics.recall(["a", "a", "a"], grades: grades), 0.5)
    }

    @Test func meansAndRatios() {
        let mean = MetricScores.mean([
            MetricScores(ndcg10: 1, mrr10: 1, recall10: 0.5), MetricScores(ndcg10: 0.5, mrr10: 0, recall10: 0.25),
        ])
        #expect(mean == MetricScores(ndcg10: 0.75, mrr10: 0.5, recall10: 0.375))
        let ratio = mean.ratio(to: MetricScores(ndcg10: 0.5, mrr10: 0, recall10: 0.75))
        close(ratio.ndcg10 ?? -1, 1.5)
        #expect(ratio.mrr10 == nil)
        close(ratio.recall10 ?? -1, 0.5)
        #expect(MetricScores.mean([]) == .zero)
    }

    @Test func bm25PrefersRareTermsAndShortDocuments() {
        // Given three documents (tokens: character bigrams)
        let baseline = BM25Baseline(documents: [
            (id: "long", text: "锂电池正极材料的制备方法与锂电池回收"),
            (id: "short", text: "锂电池"),
            (id: "fibre", text: "光纤激光器"),
        ])
        // A term in one document finds only it.
        #expect(baseline.rank("正极材料") == ["long"])
        // 锂电 and 电池 are in two documents: the shorter wins despite the longer's two mentions.
        #expect(baseline.rank("锂电池") == ["short", "long"])
        // Traditional script folds to the same tokens.
        #expect(baseline.rank("鋰電池") == ["short", "long"])
        #expect(baseline.rank("激光") == ["fibre"])
        #expect(baseline.rank("量子") == [])
        // The score of 光纤 in "fibre" by hand: N 3, df 1, tf 1, |d| 4 tokens, avgdl (17 + 2 + 4) / 3.
        let idf = log(1 + (3 - 1 + 0.5) / (1 + 0.5))
        let norm = 1.2 * (1 - 0.75 + 0.75 * 4 / (23.0 / 3))
        let scored = baseline.scored("光纤")
        #expect(scored.count == 1)
        close(scored.first?.score ?? -1, idf * 2.2 / (1 + norm))
    }

    @Test func qrelsAndQueriesReadBackAsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "corridor-metrics-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let queries = [
            EvalQuery(id: "q1-s", text: "寻求锂电池回收技术", script: .simplified, fields: [.newEnergyVehicles], source: "p1"),
            EvalQuery(
                id: "q1-t", text: "尋求鋰電池回收技術", script: .traditional, fields: [.newEnergyVehicles], kind: "keywords"),
        ]
        let qrels: [String: Grades] = ["q1-s": ["p1": 3, "p2": 1], "q1-t": ["p1": 3, "p2": 1]]
        let queriesURL = folder.appendingPathComponent("queries.jsonl")
        let qrelsURL = folder.appendingPathComponent("qrels.tsv")
        try Data(EvaluationFiles.queriesText(queries).utf8).write(to: queriesURL)
        try Data(("# comment\n" + EvaluationFiles.qrelsText(qrels, queries: queries)).utf8).write(to: qrelsURL)
        #expect(try EvaluationFiles.readQueries(queriesURL) == queries)
        #expect(try EvaluationFiles.readQrels(qrelsURL) == qrels)
        #expect(EvaluationFiles.qrelsText(qrels, queries: queries).hasPrefix("q1-s\tp1\t3\nq1-s\tp2\t1\n"))
        // A line without a grade is refused with its line number.
        try Data("q1-s\tp1\n".utf8).write(to: qrelsURL)
        #expect(throws: EvaluationError.self) { try EvaluationFiles.readQrels(qrelsURL) }
    }
}
