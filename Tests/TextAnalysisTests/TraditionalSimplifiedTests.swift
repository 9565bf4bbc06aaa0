import Foundation
import Testing
@testable import TextAnalysis

@Suite("Traditional → Simplified")
struct TraditionalSimplifiedTests {
    @Test(
        "known words",
        arguments: [
            ("鋰電池", "锂电池"),
            ("晶片", "晶片"),
            ("北斗導航", "北斗导航"),
            ("積體電路", "积体电路"),
            ("臺灣", "台湾"),
            ("台灣", "台湾"),
            ("衛星導航定位", "卫星导航定位"),
            ("鋰離子電池正極材料", "锂离子电池正极材料"),
        ])
    func knownWords(traditional: String, simplified: String) {
        #expect(ExactText(TextNormalizer.normalize(traditional)) == ExactText(simplified))
        #expect(ExactText(TextNormalizer.simplifiedChinese(traditional)) == ExactText(simplified))
    }

    @Test(
        "the table agrees with Foundation's transform of whole phrases",
        arguments: [
            "積體電路設計與製造", "鋰離子電池正極材料", "衛星導航定位系統", "機器學習與資料探勘",
            "風力發電機組葉片", "醫療器械註冊證", "區塊鏈數位憑證", "臺灣積體電路製造股份有限公司",
        ])
    func matchesFoundation(phrase: String) throws {
        let foundation = try #require(phrase.applyingTransform(StringTransform("Hant-Hans"), reverse: false))
        #expect(ExactText(TextNormalizer.simplifiedChinese(phrase)) == ExactText(foundation))
        #expect(foundation != phrase)
    }

    @Test("Simplified text is left as it is")
    func simplifiedUnchanged() {
        for phrase in ["锂离子电池正极材料", "积体电路设计", "卫星导航定位", "北斗", "芯片"] {
            #expect(ExactText(TextNormalizer.simplifiedChinese(phrase)) == ExactText(phrase))
        }
    }

    @Test("the table covers the three blocks in one call each")
    func statistics() {
        let statistics = TextNormalizer.prepare()
        #expect(statistics.entries > 2_500)
        #expect(statistics.blocksTransformedOneByOne == 0)
        #expect(statistics.buildTime < .seconds(5))
    }

    @Test("every character simplifies in one step: the table is idempotent")
    func idempotentTable() {
        var unstable: [String] = []
        for block in SimplificationTable.blocks {
            for value in block {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let once = TextNormalizer.simplifiedChinese(String(scalar))
                if ExactText(TextNormalizer.simplifiedChinese(once)) != ExactText(once) {
                    unstable.append(String(scalar))
                }
            }
        }
        #expect(unstable.isEmpty, "\(unstable.prefix(20))")
        // ICU maps 苎 → 苧 and 苧 → 苎; both, and 薴, end on the same character.
        #expect(ExactText(TextNormalizer.normalize("苧麻")) == ExactText(TextNormalizer.normalize("苎麻")))
        #expect(ExactText(TextNormalizer.normalize("薴")) == "苎")
    }

    @Test("a block whose transform changes length is redone a character at a time")
    func fallbackPerCharacter() {
        let mapping: [Character: Character] = ["體": "体", "電": "电", "乙": "甲"]
        // Maps each character; a text of more than one character also gains a stray "+".
        let transform: (String) -> String? = { text in
            let mapped = String(text.map { mapping[$0] ?? $0 })
            return text.count > 1 ? mapped + "+" : mapped
        }
        let table = SimplificationTable.build(
            blocks: [0x4E00...0x4EFF, 0x9AD4...0x9AD4, 0x96FB...0x96FB], transform: transform
        )
        #expect(table.statistics.blocksTransformedOneByOne == 1)
        #expect(table.simplifiedScalar(0x4E59) == 0x7532)  // 乙 → 甲, found one by one
        #expect(table.simplifiedScalar(0x9AD4) == 0x4F53)  // 體 → 体
        #expect(table.simplifiedScalar(0x96FB) == 0x7535)  // 電 → 电
        #expect(table.simplifiedScalar(0x4E00) == nil)  // 一 unchanged
        #expect(table.statistics.entries == 3)
    }

    @Test("a cycle resolves to its smallest character")
    func cycles() {
        // 乙 (U+4E59) ⇄ 九 (U+4E5D); 乞 (U+4E5E) → 九.
        let mapping: [Character: Character] = ["乙": "九", "九": "乙", "乞": "九"]
        let table = SimplificationTable.build(blocks: [0x4E00...0x4EFF]) { text in
            String(text.map { mapping[$0] ?? $0 })
        }
        #expect(table.statistics.blocksTransformedOneByOne == 0)
        #expect(table.simplifiedScalar(0x4E59) == nil)
        #expect(table.simplifiedScalar(0x4E5D) == 0x4E59)
        #expect(table.simplifiedScalar(0x4E5E) == 0x4E59)
        #expect(table.statistics.chainsOnCycles == 3)
    }
}
