import Foundation
import Kernel

/// The evaluation as text, for `corridor eval` and the quality test's log.
public enum EvaluationText {
    public static func round4(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    public static func fixed4(_ value: Double) -> String { String(format: "%.4f", value) }

    public static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func right(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// The header and the rows of the three metrics for Corridor, the baseline and their ratio,
    /// for each named summary.
    public static func table(_ rows: [(label: String, summary: MatchingEvaluation.Summary)]) -> String {
        var lines = [
            pad("", 24) + right("queries", 8) + right("nDCG@10", 10) + right("MRR@10", 10) + right("Recall@10", 11)
        ]
        for (label, summary) in rows {
            let ratio = summary.corridor.ratio(to: summary.baseline)
            func cell(_ value: Double?) -> String { value.map { String(format: "%.3f×", $0) } ?? "—" }
            lines.append(
                pad(label, 14) + pad("corridor", 10) + right(String(summary.queries), 8) + metrics(summary.corridor)
            )
            lines.append(pad("", 14) + pad("baseline", 10) + right("", 8) + metrics(summary.baseline))
            lines.append(
                pad("", 14) + pad("ratio", 10) + right("", 8) + right(cell(ratio.ndcg10), 10)
                    + right(cell(ratio.mrr10), 10)
                    + right(cell(ratio.recall10), 11)
            )
        }
        return lines.joined(separator: "\n")
    }

    static func metrics(_ scores: MetricScores) -> String {
        right(fixed4(scores.ndcg10), 10) + right(fixed4(scores.mrr10), 10) + right(fixed4(scores.recall10), 11)
    }

    /// Overall, Simplified-only and Traditional-only.
    public static func byScript(_ evaluation: MatchingEvaluation) -> String {
        table(
            [("all", evaluation.all)]
                + QueryScript.allCases.map { (label: $0.rawValue, summary: evaluation.summary($0)) }
        )
    }

    /// By what the query was built from, and by whether it names a field.
    public static func byKind(_ evaluation: MatchingEvaluation) -> String {
        table(
            evaluation.groups { "kind=" + ($0.kind ?? "hand") }
                + evaluation.groups { $0.fields.isEmpty ? "no fields" : "with fields" }
        )
    }

    /// What Config/matching-quality.json holds, beside this run.
    public static func committed(_ figures: QualityFigures, path: String, fingerprint: String?) -> String {
        let measured = figures.measured
        var lines = [
            "committed (\(path)): floor nDCG@10 \(fixed4(figures.floor.ndcg10)), ratio ≥ \(fixed4(figures.floor.ratioToBaseline)), "
                + "Traditional ≥ Simplified − \(fixed4(figures.floor.traditionalSlack))",
            "  measured then on \(figures.querySet.queries) queries (\(figures.querySet.papersCount) papers, seed "
                + "\(figures.querySet.seed), fingerprint \(figures.querySet.fingerprint)):",
        ]
        for (label, summary) in [
            ("all", measured.all), ("simplified", measured.simplified), ("traditional", measured.traditional),
        ] {
            lines.append(
                "    " + pad(label, 12) + "corridor nDCG@10 \(fixed4(summary.corridor.ndcg10))"
                    + "  baseline \(fixed4(summary.baseline.ndcg10))"
                    + "  ratio \(String(format: "%.3f", summary.ndcgRatio))  MRR@10 \(fixed4(summary.corridor.mrr10))"
                    + "  Recall@10 \(fixed4(summary.corridor.recall10))"
            )
        }
        if let fingerprint {
            lines.append(
                fingerprint == figures.querySet.fingerprint
                    ? "  this run used the same query set"
                    : "  this run used another query set (fingerprint \(fingerprint)): the figures are not comparable"
            )
        }
        return lines.joined(separator: "\n")
    }

    /// One query: its text, both rankers' scores and answers with their grades.
    public static func outcome(_ outcome: MatchingEvaluation.Outcome, grades: Grades) -> String {
        let query = outcome.query
        let delta = outcome.corridorScores.ndcg10 - outcome.baselineScores.ndcg10
        func answers(_ ids: [String]) -> String {
            ids.map { "\($0):\(grades[$0] ?? 0)" }.joined(separator: " ")
        }
        func scores(_ s: MetricScores) -> String {
            "nDCG \(String(format: "%.3f", s.ndcg10)) RR \(String(format: "%.2f", s.mrr10)) R \(String(format: "%.2f", s.recall10))"
        }
        let relevant = grades.values.filter { $0 >= 1 }.count
        return [
            "\(query.id) [\(query.kind ?? "hand"), \(query.script.rawValue)"
                + (query.fields.isEmpty ? "" : ", fields \(query.fields.map(\.rawValue).joined(separator: ","))")
                + (query.source.map { ", from \($0)" } ?? "")
                + ", \(relevant) relevant] Δ nDCG \(String(format: "%+.3f", delta))",
            "  text: \(query.text)",
            "  terms: \(outcome.queryTerms.joined(separator: " "))",
            "  corridor \(scores(outcome.corridorScores)): \(answers(outcome.corridor))",
            "  baseline \(scores(outcome.baselineScores)): \(answers(outcome.baseline))",
        ].joined(separator: "\n")
    }
}
