import ArgumentParser
import Foundation
import Matching

/// `corridor eval`: the matching quality harness (Sources/Matching/Evaluation).
struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure matching quality against a plain BM25 baseline.",
        subcommands: [MakeQueries.self, MatchingRun.self, Seeded.self]
    )

    struct MakeQueries: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "make-queries",
            abstract:
                "Build enterprise-need queries (Simplified and Traditional) and graded judgements from the papers.",
            discussion:
                "Writes DIR/queries.jsonl and DIR/qrels.tsv. The same papers, count and seed give the same files."
        )
        @Option(help: "The papers (JSON Lines, e.g. ../shared/eval/csl/papers.jsonl).") var papers: String
        @Option(help: "The folder to write queries.jsonl and qrels.tsv to.") var out: String
        @Option(name: .customLong("papers-count"), help: "How many papers make queries (two each).")
        var papersCount: Int = QueryBuilder.defaultPapersCount
        @Option(help: "The seed that draws the papers and phrasings.") var seed: UInt64 = QueryBuilder.defaultSeed

        func run() throws {
            let papers = try PaperCorpus.read(URL(fileURLWithPath: papers))
            let set = try QueryBuilder(papersCount: papersCount, seed: seed).build(from: papers)
            let folder = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(EvaluationFiles.queriesText(set.queries).utf8).write(
                to: folder.appendingPathComponent("queries.jsonl"))
            try Data(EvaluationFiles.qrelsText(set.qrels, queries: set.queries).utf8)
                .write(to: folder.appendingPathComponent("qrels.tsv"))
            print(
                "\(set.queries.count) queries from \(papersCount) of \(papers.count) papers (seed \(seed)), "
                    + "\(set.judgementCount) judgements, fingerprint \(try set.fingerprint()) → \(folder.path)"
            )
        }
    }

    struct MatchingRun: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "matching",
            abstract:
                "nDCG@10, MRR@10 and Recall@10 of Corridor's matching and of the baseline, overall and by script.",
            discussion: """
                Loads the papers as achievements into a fresh temporary database (owners from --seeds), runs every \
                query through the matching ranking and through plain BM25 over character bigrams, and prints both \
                with their ratio beside the committed figures (--quality). MRR counts the first document with \
                grade ≥ 1 (any relevant document, not only the source paper).
                """
        )
        @Option(help: "The papers (JSON Lines).") var corpus: String
        @Option(help: "queries.jsonl (see make-queries).") var queries: String
        @Option(help: "qrels.tsv: query-id, doc-id, grade.") var qrels: String
        @Option(help: "The seeds folder (organisations that own the papers).") var seeds: String = "Seeds"
        @Option(help: "The committed figures.") var quality: String = "Config/matching-quality.json"
        @Flag(help: "Also print results by kind of query and every query's answers.") var verbose = false
        @Flag(help: "Write the measured figures and a floor just below them to --quality.") var record = false
        @Flag(help: "Exit with status 3 when a committed requirement is not met.") var check = false
        @Option(name: .customLong("papers-count"), help: "With --record: how many papers made the queries.")
        var papersCount: Int = QueryBuilder.defaultPapersCount
        @Option(help: "With --record: the seed that made the queries.") var seed: UInt64 = QueryBuilder.defaultSeed
        @Option(help: "Try other weights: name=value,… (names as in Config/corridor.json matching).") var weights:
            String?

        func run() async throws {
            let tried = try weights.map { try MatchWeights().applying($0) } ?? MatchWeights()
            let papers = try PaperCorpus.read(URL(fileURLWithPath: corpus))
            let set = QuerySet(
                queries: try EvaluationFiles.readQueries(URL(fileURLWithPath: queries)),
                qrels: try EvaluationFiles.readQrels(URL(fileURLWithPath: qrels))
            )
            let loaded = try await EvaluationCorpus.load(papers: papers, seeds: URL(fileURLWithPath: seeds))
            let evaluation: MatchingEvaluation
            do {
                evaluation = try await MatchingEvaluation.run(
                    corpus: loaded, queries: set.queries, qrels: set.qrels, weights: tried)
                try loaded.close()
            } catch {
                try? loaded.close()
                throw error
            }
            let scripts = Dictionary(grouping: evaluation.outcomes, by: \.query.script).mapValues(\.count)
            print(
                "matching quality at 10: \(evaluation.outcomes.count) queries (\(scripts[.simplified] ?? 0) simplified, "
                    + "\(scripts[.traditional] ?? 0) traditional; \(evaluation.unjudged.count) without judgements left out) "
                    + "over \(papers.count) papers as achievements"
            )
            print(
                String(
                    format: "loaded in %.1f s, ranked in %.1f s (baseline %.1f s of it)", loaded.loadSeconds,
                    evaluation.seconds,
                    evaluation.baselineSeconds
                ))
            print(EvaluationText.byScript(evaluation))
            if verbose {
                print("\nby kind of query:")
                print(EvaluationText.byKind(evaluation))
                print("\nper query (answers as paper:grade):")
                for outcome in evaluation.outcomes {
                    print(EvaluationText.outcome(outcome, grades: set.qrels[outcome.query.id] ?? [:]))
                }
            }
            let qualityURL = URL(fileURLWithPath: quality)
            let committed =
                FileManager.default.fileExists(atPath: qualityURL.path) ? try QualityFigures.read(qualityURL) : nil
            let fingerprint = try set.fingerprint()
            print("")
            if let committed {
                print(EvaluationText.committed(committed, path: quality, fingerprint: fingerprint))
                let checks = committed.checks(evaluation)
                for check in checks { print("  \(check.passed ? "met" : "NOT MET"): \(check.detail)") }
                if check && checks.contains(where: { !$0.passed }) && !record { throw ExitCode(3) }
            } else {
                print("no committed figures at \(quality)")
            }
            if record {
                let figures = try QualityFigures.recording(
                    evaluation, set: set, papersCount: papersCount, seed: seed, previous: committed
                )
                try figures.write(qualityURL)
                print("recorded to \(quality): floor nDCG@10 \(EvaluationText.fixed4(figures.floor.ndcg10))")
            }
        }
    }

    struct Seeded: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "The seeded needs matched to the seeded patents and achievements, on Seeds/listings/need-judgements.json."
        )
        @Option(help: "The seeds folder.") var seeds: String = "Seeds"
        @Flag(help: "Also print every need's answers.") var verbose = false

        func run() async throws {
            let result = try await SeededEvaluation.run(seeds: URL(fileURLWithPath: seeds))
            for (label, evaluation, qrels) in [
                ("need → patent", result.patents, result.patentQrels),
                ("need → achievement", result.achievements, result.achievementQrels),
            ] {
                print(
                    "\(label): \(evaluation.outcomes.count) needs with judged answers "
                        + "(\(evaluation.unjudged.count) without any left out)"
                )
                print(EvaluationText.table([("seeded", evaluation.all)]))
                if verbose {
                    for outcome in evaluation.outcomes {
                        print(EvaluationText.outcome(outcome, grades: qrels[outcome.query.id] ?? [:]))
                    }
                }
                print("")
            }
            if !result.missing.isEmpty {
                print(
                    "judged answers not among the listed patents and achievements: \(result.missing.joined(separator: ", "))"
                )
            }
        }
    }
}
