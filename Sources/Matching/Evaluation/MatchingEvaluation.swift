import Foundation
import GRDB
import Kernel
import Listings
import Store

/// Corridor's ranking and the baseline on the same queries, scored on the same judgements.
public struct MatchingEvaluation: Sendable {
    /// One query's answers and scores.
    public struct Outcome: Sendable {
        public var query: EvalQuery
        /// Paper ids, best first (at most 10).
        public var corridor: [String]
        public var baseline: [String]
        public var corridorScores: MetricScores
        public var baselineScores: MetricScores
        /// Corridor's selected query terms (what the text stage searched for).
        public var queryTerms: [String]
    }

    /// The mean scores of both rankers over some of the queries.
    public struct Summary: Codable, Sendable, Equatable {
        public var queries: Int
        public var corridor: MetricScores
        public var baseline: MetricScores

        public init(queries: Int, corridor: MetricScores, baseline: MetricScores) {
            self.queries = queries
            self.corridor = corridor
            self.baseline = baseline
        }

        public init(_ outcomes: [Outcome]) {
            self.init(
                queries: outcomes.count, corridor: .mean(outcomes.map(\.corridorScores)),
                baseline: .mean(outcomes.map(\.baselineScores))
            )
        }

        /// Corridor's nDCG@10 ÷ the baseline's (0 when the baseline scored 0).
        public var ndcgRatio: Double { corridor.ratio(to: baseline).ndcg10 ?? 0 }
    }

    public var outcomes: [Outcome]
    /// Queries left out: no judged relevant document.
    public var unjudged: [String]
    /// Wall time of the whole run, and of the baseline (index and ranking) within it.
    public var seconds: Double
    public var baselineSeconds = 0.0

    public var all: Summary { Summary(outcomes) }

    public func summary(_ script: QueryScript) -> Summary {
        Summary(outcomes.filter { $0.query.script == script })
    }

    /// Summaries by a label of each query (its kind, whether it names fields, …), in label order.
    public func groups(by label: (EvalQuery) -> String) -> [(label: String, summary: Summary)] {
        Dictionary(grouping: outcomes) { label($0.query) }.sorted { $0.key < $1.key }.map {
            ($0.key, Summary($0.value))
        }
    }

    /// Runs every judged query through `MatchService`'s ranking (the one `POST /v1/matches/query`
    /// uses: `MatchQuery(text:fields:kind: .achievement, limit: 10)`, supply for a need, no
    /// subject) and through the baseline.
    public static func run(
        corpus: EvaluationCorpus, queries: [EvalQuery], qrels: [String: Grades], weights: MatchWeights = MatchWeights()
    ) async throws -> MatchingEvaluation {
        let started = ContinuousClock.now
        let judged = queries.filter { RankingMetrics.isJudged(qrels[$0.id]) }
        let unjudged = queries.filter { !RankingMetrics.isJudged(qrels[$0.id]) }.map(\.id)
        let baseline = corpus.baseline()
        let baselineAnswers = judged.map { baseline.rank($0.text, limit: RankingMetrics.cutoff) }
        let baselineSeconds = EvaluationText.seconds(ContinuousClock.now - started)
        let service = MatchService(database: corpus.database, weights: weights)
        let paperIds = corpus.paperIds
        let now = corpus.database.clock.now()
        // Slices of the queries on as many reader connections as there are processors.
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let sliceSize = max(1, (judged.count + workers - 1) / workers)
        let slices = stride(from: 0, to: judged.count, by: sliceSize).map {
            Array(judged[$0..<min(judged.count, $0 + sliceSize)])
        }
        let corridorAnswers = try await withThrowingTaskGroup(of: (Int, [(ids: [String], terms: [String])]).self) {
            group in
            for (number, slice) in slices.enumerated() {
                group.addTask {
                    let answers = try await corpus.database.read { db in
                        try slice.map { query -> (ids: [String], terms: [String]) in
                            let list = try corridorRanking(db, service: service, query: query, now: now)
                            return (list.items.compactMap { paperIds[$0.id] }, list.queryTerms)
                        }
                    }
                    return (number, answers)
                }
            }
            var answers: [[(ids: [String], terms: [String])]] = Array(repeating: [], count: slices.count)
            for try await (number, slice) in group { answers[number] = slice }
            return answers.flatMap { $0 }
        }
        var outcomes: [Outcome] = []
        for (index, query) in judged.enumerated() {
            let grades = qrels[query.id] ?? [:]
            outcomes.append(
                Outcome(
                    query: query, corridor: corridorAnswers[index].ids, baseline: baselineAnswers[index],
                    corridorScores: RankingMetrics.scores(corridorAnswers[index].ids, grades: grades),
                    baselineScores: RankingMetrics.scores(baselineAnswers[index], grades: grades),
                    queryTerms: corridorAnswers[index].terms
                ))
        }
        let elapsed = ContinuousClock.now - started
        return MatchingEvaluation(
            outcomes: outcomes, unjudged: unjudged, seconds: EvaluationText.seconds(elapsed),
            baselineSeconds: baselineSeconds
        )
    }

    static func corridorRanking(_ db: Database, service: MatchService, query: EvalQuery, now: Date) throws -> MatchList
    {
        let input = MatchQuery(
            text: query.text, fields: query.fields.isEmpty ? nil : query.fields, kind: .achievement,
            limit: RankingMetrics.cutoff
        )
        return try service.ranking(
            db, probe: try input.probe(), direction: .supplyForNeed,
            options: MatchOptions(kind: .achievement, limit: RankingMetrics.cutoff), subject: nil, now: now
        )
    }
}
