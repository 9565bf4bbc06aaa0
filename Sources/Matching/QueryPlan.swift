import Foundation
import GRDB
import Listings
import TextAnalysis

/// The text stage's query for a probe: its most telling tokens, weighted by where they occur
/// (title over keywords over body) and how rare they are in the index, OR-ed together, plus
/// each keyword as a phrase so that a whole technical term outranks its scattered bigrams.
struct QueryPlan: Sendable {
    /// The selected tokens, best first (shown as the matched terms' vocabulary).
    var tokens: [String]
    /// Keyword phrases (two or more tokens each) that occur in the index.
    var phrases: [[String]]
    /// The FTS5 expression.
    var expression: String

    /// Where a token occurs in the probe, as a weight multiplier.
    static let titleWeight = 3.0
    static let keywordWeight = 2.0
    static let bodyWeight = 1.0

    static let consideredTokens = 64

    static func make(
        _ db: Database, probe: MatchProbe, maxTerms: Int, commonShare: Double, cache: FrequencyCache
    ) throws -> QueryPlan? {
        var weight: [String: Double] = [:]
        var order: [String] = []
        func add(_ text: String, _ factor: Double) {
            for token in Tokenizer.tokens(TextNormalizer.normalize(text)) where !NeedWording.spansJoiner(token) {
                if weight[token] == nil { order.append(token) }
                weight[token, default: 0] += factor
            }
        }
        add(NeedWording.strip(TextNormalizer.normalize(probe.title)), titleWeight)
        for keyword in probe.keywords { add(keyword, keywordWeight) }
        for code in probe.ipcCodes { add(code, keywordWeight) }
        for text in probe.body { add(NeedWording.strip(TextNormalizer.normalize(text)), bodyWeight) }
        guard !order.isEmpty else { return nil }
        // Look up at most 64 distinct tokens, the heaviest first (each look-up walks a posting list).
        let considered = order.enumerated()
            .sorted { (weight[$0.element]!, -$0.offset) > (weight[$1.element]!, -$1.offset) }
            .prefix(consideredTokens).map(\.element)
        let (count, frequencies) = try cache.lookup(db, tokens: considered)
        let total = max(count, 1)
        let present = considered.filter { (frequencies[$0] ?? 0) > 0 }
        guard !present.isEmpty else { return nil }
        func idf(_ token: String) -> Double {
            let df = Double(frequencies[token] ?? 0)
            return log(1 + (Double(total) - df + 0.5) / (df + 0.5))
        }
        // In a small index a share is a handful of listings: a token in up to 50 always stays.
        let cut = max(Double(total) * commonShare, 50)
        let rare = present.filter { Double(frequencies[$0] ?? 0) <= cut }
        let pool = rare.count >= 4 ? rare : present
        let ranked = pool.enumerated()
            .sorted {
                (weight[$0.element]! * idf($0.element), -$0.offset) > (
                    weight[$1.element]! * idf($1.element), -$1.offset
                )
            }
            .prefix(maxTerms).map(\.element)
        var phrases: [[String]] = []
        var seenPhrases = Set<[String]>()
        for keyword in probe.keywords + NeedWording.pieces(TextNormalizer.normalize(probe.title)) {
            let tokens = Tokenizer.tokens(TextNormalizer.normalize(keyword))
            guard tokens.count >= 2, tokens.count <= 12, tokens.allSatisfy({ (frequencies[$0] ?? 1) > 0 }) else {
                continue
            }
            if seenPhrases.insert(tokens).inserted { phrases.append(tokens) }
        }
        // A phrase counts again when it is one of a listing's keywords (the keywords column).
        let parts =
            ranked.map { "\"\($0)\"" } + phrases.map { "\"" + $0.joined(separator: " ") + "\"" }
            + phrases.map { "keywords : \"" + $0.joined(separator: " ") + "\"" }
        return QueryPlan(tokens: ranked, phrases: phrases, expression: parts.joined(separator: " OR "))
    }
}
