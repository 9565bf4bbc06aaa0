import Foundation
import Testing
@testable import TextAnalysis

/// Checks against the real research text in the shared evaluation corpus. The repository does
/// not hold any of it. Without the corpus the checks are skipped on a developer's machine, but
/// in CI (`CI=true`) or when `CORRIDOR_CSL_PAPERS` names a file, a missing corpus fails them.
@Suite("CSL corpus")
struct CorpusTests {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let environment = ProcessInfo.processInfo.environment
    static let named = environment["CORRIDOR_CSL_PAPERS"].flatMap { $0.isEmpty ? nil : $0 }

    /// `CORRIDOR_CSL_PAPERS` when set, else ../shared/eval/csl/papers.jsonl beside the checkout,
    /// else one folder further up: where QualityTests (MatchingTests) finds them too.
    static let corpusURL: URL = {
        if let named { return URL(fileURLWithPath: named) }
        let candidates = [
            root.deletingLastPathComponent().appendingPathComponent("shared/eval/csl/papers.jsonl"),
            root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "shared/eval/csl/papers.jsonl"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
    }()

    static let corpusExists = FileManager.default.fileExists(atPath: corpusURL.path)
    /// Whether the checks run: always when the corpus is there or is required.
    static let runs = corpusExists || environment["CI"] == "true" || named != nil
    static let skipped: Comment = "the CSL papers are not at ../shared/eval/csl/papers.jsonl (set CORRIDOR_CSL_PAPERS)"

    struct Paper: Decodable {
        var title: String
        var abstract: String
    }

    static func papers() throws -> [Paper] {
        try #require(
            corpusExists,
            "the CSL papers are required here (CI=true or CORRIDOR_CSL_PAPERS) but \(corpusURL.path) is missing")
        let text = try String(contentsOf: corpusURL, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map { try decoder.decode(Paper.self, from: Data($0.utf8)) }
    }

    @Test(
        "every title tokenises to clean, non-empty tokens; abstracts to clean ones",
        .enabled(if: runs, skipped)
    )
    func titles() throws {
        let papers = try Self.papers()
        #expect(papers.count > 1_000)
        var failures = 0
        for paper in papers {
            let tokens = Tokenizer.tokens(TextNormalizer.normalize(paper.title))
            if tokens.isEmpty {
                failures += 1
                Issue.record("no tokens for a title of \(paper.title.count) characters")
            }
            let abstractTokens = Tokenizer.tokens(TextNormalizer.normalize(paper.abstract))
            for token in tokens + abstractTokens
            where token.isEmpty || token.unicodeScalars.contains(where: Self.isForbidden) {
                failures += 1
                Issue.record("token \(token.debugDescription)")
            }
            if failures > 20 { break }
        }
    }

    @Test(
        "normalisation is NFKC-then-fold of the whole text, and stable, on real text",
        .enabled(if: runs, skipped)
    )
    func normalisation() throws {
        var disagreements = 0
        let papers = try Self.papers()
        // The whole corpus is compared, not an empty or cut-short file.
        #expect(papers.count > 1_000, "only \(papers.count) papers")
        for paper in papers {
            for text in [paper.title, paper.abstract] {
                let normalized = TextNormalizer.normalize(text)
                let viaFoundation = TextNormalizerTests.reference(text)
                if ExactText(normalized) != ExactText(viaFoundation)
                    || ExactText(TextNormalizer.normalize(normalized)) != ExactText(normalized)
                {
                    disagreements += 1
                }
            }
        }
        #expect(disagreements == 0, "\(disagreements) of \(papers.count * 2) texts")
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
            || (scalar.isASCII && !scalar.properties.isAlphabetic
                && !(0x30...0x39).contains(scalar.value))
    }
}
