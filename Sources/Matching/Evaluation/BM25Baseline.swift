import Foundation
import TextAnalysis

/// The baseline every figure is a ratio against: plain Okapi BM25 (k1 = 1.2, b = 0.75) over
/// one field per document (for a paper: title, abstract and keywords joined), computed in
/// memory by the harness.
///
/// Tokens are those the index uses: `Tokenizer.tokens(TextNormalizer.normalize(text))`,
/// character bigrams for Chinese and words for Latin. Normalisation folds Traditional script
/// to Simplified on both the document and the query side, so Traditional and Simplified
/// queries are alike for the baseline too. Every distinct token of the query counts once (no
/// selection, no weighting by where it occurs, no phrases). IDF is log(1 + (N − df + 0.5) /
/// (df + 0.5)), never negative. Ties go to the document listed first.
public struct BM25Baseline: Sendable {
    public static let k1 = 1.2
    public static let b = 0.75

    struct Posting: Sendable {
        var document: Int32
        var frequency: Int32
    }

    let ids: [String]
    let lengths: [Double]
    let averageLength: Double
    let postings: [String: [Posting]]

    /// `documents` as (id, text) pairs.
    public init(documents: [(id: String, text: String)]) {
        var postings: [String: [Posting]] = [:]
        var lengths: [Double] = []
        lengths.reserveCapacity(documents.count)
        for (index, document) in documents.enumerated() {
            let tokens = Tokenizer.tokens(TextNormalizer.normalize(document.text))
            lengths.append(Double(tokens.count))
            var counts: [String: Int32] = [:]
            for token in tokens { counts[token, default: 0] += 1 }
            for (token, count) in counts {
                postings[token, default: []].append(Posting(document: Int32(index), frequency: count))
            }
        }
        ids = documents.map(\.id)
        self.lengths = lengths
        averageLength = lengths.isEmpty ? 0 : max(lengths.reduce(0, +) / Double(lengths.count), 1)
        self.postings = postings
    }

    public var count: Int { ids.count }

    /// The ids of the best `limit` documents for `query`, best first (documents without a
    /// query token are never returned).
    public func rank(_ query: String, limit: Int = RankingMetrics.cutoff) -> [String] {
        scored(query).prefix(limit).map { ids[$0.document] }
    }

    func scored(_ query: String) -> [(document: Int, score: Double)] {
        let total = Double(ids.count)
        var scores: [Int: Double] = [:]
        for token in Tokenizer.queryTokens(query) {
            guard let list = postings[token] else { continue }
            let df = Double(list.count)
            let idf = log(1 + (total - df + 0.5) / (df + 0.5))
            for posting in list {
                let tf = Double(posting.frequency)
                let norm = Self.k1 * (1 - Self.b + Self.b * lengths[Int(posting.document)] / averageLength)
                scores[Int(posting.document), default: 0] += idf * tf * (Self.k1 + 1) / (tf + norm)
            }
        }
        return scores.map { (document: $0.key, score: $0.value) }
            .sorted { ($0.score, -$0.document) > ($1.score, -$1.document) }
    }
}
