import Foundation
import Testing
@testable import TextAnalysis

/// Checks against the real research text in the shared evaluation corpus, when it is there.
/// The repository does not hold any of it.
@Suite("CSL corpus")
struct CorpusTests {
    /// `../shared/eval/csl/papers.jsonl` beside the repository; the repository root is three
    /// levels above this file.
    static let corpusURL = URL(fileURLWithPath: #filePath)
        .resolvingSymlinksInPath()
        .deletingLastPathComponent()  // TextAnalysisTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("../shared/eval/csl/papers.jsonl")
        .standardizedFileURL

    static let corpusExists = FileManager.default.fileExists(atPath: corpusURL.path)

    struct Paper: Decodable {
        var title: String
        var abstract: String
    }

    static func papers() throws -> [Paper] {
        let text = try String(contentsOf: corpusURL, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map { try decoder.decode(Paper.self, from: Data($0.utf8)) }
    }

    @Test(
        "every title tokenises to clean, non-empty tokens; abstracts to clean ones",
        .enabled(if: corpusExists, "../shared/eval/csl/papers.jsonl is not beside the repository")
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
        .enabled(if: corpusExists, "../shared/eval/csl/papers.jsonl is not beside the repository")
    )
    func normalisation() throws {
        var disagreements = 0
        for paper in try Self.papers() {
            for text in [paper.title, paper.abstract] {
                let normalized = TextNormalizer.normalize(text)
                let viaFoundation = TextNormalizerTests.reference(text)
                if ExactText(normalized) != ExactText(viaFoundation)
                    || ExactText(TextNormalizer.normalize(normalized)) != ExactText(normalized) {
                    disagreements += 1
                }
            }
        }
        #expect(disagreements == 0)
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (scalar.isASCII && !scalar.properties.isAlphabetic
            && !(0x30...0x39).contains(scalar.value))
    }
}
