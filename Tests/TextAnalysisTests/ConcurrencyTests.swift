import Testing
import TextAnalysis

@Suite("Concurrency")
struct ConcurrencyTests {
    static let samples = [
        "鋰離子電池正極材料的製備與電化學性能研究", "積體電路設計 H01M 10/0525", "衛星導航定位ＧＰＳ／北斗",
        "ＬｉＤＡＲ激光雷達點雲", "臺灣半導體產業", "GaN 功率器件", "苧麻纖維",
    ]

    @Test("many concurrent normalisations give the same result as one at a time")
    func concurrentNormalisation() async {
        let expected = Self.samples.map(TextNormalizer.normalize)
        let expectedTokens = Self.samples.map(Tokenizer.indexText)
        let results = await withTaskGroup(of: (Int, String, String).self) { group in
            for task in 0..<400 {
                group.addTask {
                    let index = task % Self.samples.count
                    return (
                        index, TextNormalizer.normalize(Self.samples[index]), Tokenizer.indexText(Self.samples[index])
                    )
                }
            }
            var results: [(Int, String, String)] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(results.count == 400)
        for (index, normalized, indexText) in results {
            #expect(ExactText(normalized) == ExactText(expected[index]))
            #expect(ExactText(indexText) == ExactText(expectedTokens[index]))
        }
        #expect(expected[0] == "锂离子电池正极材料的制备与电化学性能研究")
    }
}
