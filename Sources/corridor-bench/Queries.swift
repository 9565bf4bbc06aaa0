import Foundation
import Kernel
import TextAnalysis

/// One benchmark query: its text, the field of the paper it came from, and how it was made.
struct BenchQuery: Sendable {
    enum Style: String, Sendable {
        case keywords = "keywords"
        case traditional = "traditional"
        case twoCharacters = "2-char"
    }

    var text: String
    var field: Field
    var style: Style
}

enum QueryMaker {
    /// Half keyword queries (1–2 keywords of one paper, space separated), a quarter the same in
    /// Traditional script, a quarter two-character words (the first two characters of a keyword).
    static func make(_ corpus: Corpus, count: Int, seed: UInt64) -> [BenchQuery] {
        var random = SeededGenerator(seed: seed &+ 99)
        let traditionalCount = count / 4
        let twoCount = count / 4
        let keywordCount = count - traditionalCount - twoCount
        var queries: [BenchQuery] = []
        var seen = Set<String>()

        func keywordQuery() -> BenchQuery {
            while true {
                let index = random.below(corpus.papers.count)
                // Chinese keywords only, as an engineer would type them (no long Latin terms).
                let keywords = corpus.keywords[index].filter { keyword in
                    keyword.count <= 12 && keyword.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }
                }
                guard !keywords.isEmpty else { continue }
                var words = [random.pick(keywords)]
                if keywords.count > 1 && random.chance(50) {
                    let second = random.pick(keywords)
                    if second != words[0] { words.append(second) }
                }
                let text = words.joined(separator: " ")
                if seen.insert(text).inserted {
                    return BenchQuery(text: text, field: corpus.fields[index], style: .keywords)
                }
            }
        }

        for _ in 0..<keywordCount { queries.append(keywordQuery()) }
        var made = 0
        while made < traditionalCount {
            var query = keywordQuery()
            let traditional = query.text.applyingTransform(StringTransform("Hans-Hant"), reverse: false) ?? query.text
            guard traditional != query.text, seen.insert(traditional).inserted else { continue }
            query.text = traditional
            query.style = .traditional
            queries.append(query)
            made += 1
        }
        made = 0
        while made < twoCount {
            let index = random.below(corpus.papers.count)
            let candidates = corpus.keywords[index].filter { keyword in
                let scalars = Array(keyword.unicodeScalars.prefix(2))
                return scalars.count == 2 && scalars.allSatisfy { $0.value >= 0x4E00 && $0.value <= 0x9FFF }
            }
            guard !candidates.isEmpty else { continue }
            let text = String(String.UnicodeScalarView(random.pick(candidates).unicodeScalars.prefix(2)))
            guard seen.insert(text).inserted else { continue }
            queries.append(BenchQuery(text: text, field: corpus.fields[index], style: .twoCharacters))
            made += 1
        }
        return queries
    }

    /// The FTS5 expression SearchService builds (SearchQuery.matchExpression, which is internal):
    /// each space-separated term a phrase of its bigrams, terms ANDed.
    static func matchExpression(_ text: String) -> String? {
        var parts: [String] = []
        for term in TextNormalizer.normalize(text).split(separator: " ") {
            let raw = String(term)
            if let code = IPCCode.parse(raw) {
                parts.append("\"\(code.token)\"")
                continue
            }
            let tokens = Tokenizer.tokens(raw)
            if !tokens.isEmpty { parts.append("\"" + tokens.joined(separator: " ") + "\"") }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
