import Foundation
import Testing
@testable import TextAnalysis

@Suite("TextNormalizer")
struct TextNormalizerTests {
    @Test(
        "full-width letters and digits fold to half-width, lower case",
        arguments: [
            ("ＡＢＣ１２３", "abc123"),
            ("ｌｉＤＡＲ", "lidar"),
            ("５Ｇ基站", "5g基站"),
            ("（锂电池）：正极", "(锂电池):正极"),
            ("Ｈ０１Ｍ　１０／０５２５", "h01m 10/0525"),
        ])
    func fullWidth(input: String, expected: String) {
        #expect(ExactText(TextNormalizer.normalize(input)) == ExactText(expected))
    }

    @Test(
        "other compatibility forms are NFKC-folded",
        arguments: [
            ("①号", "1号"),
            ("ﬁber", "fiber"),
            ("Ⅻ", "xii"),
            ("㎡", "m2"),
            ("25℃", "25°c"),
            ("ｶﾀｶﾅ", "\u{30AB}\u{30BF}\u{30AB}\u{30CA}"),
            ("H₂O", "h2o"),
            ("Cafe\u{301}", "caf\u{E9}"),
            ("5\u{B5}m", "5\u{3BC}m"),
        ])
    func compatibility(input: String, expected: String) {
        #expect(ExactText(TextNormalizer.normalize(input)) == ExactText(expected))
    }

    @Test(
        "Latin and other cased scripts are lower-cased, CJK untouched",
        arguments: [
            ("GaN 功率器件", "gan 功率器件"),
            ("LiDAR激光雷达", "lidar激光雷达"),
            ("5G基站", "5g基站"),
            ("基于BERT的Text分类", "基于bert的text分类"),
            ("\u{C9}COLE \u{3A9}mega", "\u{E9}cole \u{3C9}mega"),
        ])
    func mixedScripts(input: String, expected: String) {
        #expect(ExactText(TextNormalizer.normalize(input)) == ExactText(expected))
    }

    @Test(
        "runs of white space collapse to one space, ends trimmed",
        arguments: [
            ("  锂电池 \t 正极\n\n材料  ", "锂电池 正极 材料"),
            ("a\u{3000}\u{3000}b", "a b"),
            ("a\u{00A0}b\u{2003}c\u{2028}d", "a b c d"),
            ("line\r\nbreak", "line break"),
            ("a\u{0}b", "a b"),
        ])
    func whiteSpace(input: String, expected: String) {
        #expect(ExactText(TextNormalizer.normalize(input)) == ExactText(expected))
    }

    @Test(
        "empty and white-space-only input give the empty string",
        arguments: [
            "", " ", "\t\n", "\u{3000}\u{3000}", " \u{00A0} \r\n ",
        ])
    func empty(input: String) {
        #expect(TextNormalizer.normalize(input).isEmpty)
    }

    @Test("invisible characters are removed without splitting a word")
    func invisible() {
        #expect(ExactText(TextNormalizer.normalize("锂\u{200B}电池")) == "锂电池")
        #expect(ExactText(TextNormalizer.normalize("\u{FEFF}lithium\u{00AD}ion")) == "lithiumion")
        #expect(ExactText(TextNormalizer.normalize("葛\u{E0100}洲坝")) == "葛洲坝")
    }

    @Test("normalising twice changes nothing")
    func idempotent() {
        let samples = [
            "鋰離子電池正極材料 ＬｉＦｅＰＯ４", "H01M 10/0525；Ｇ０６Ｆ　１６／３３", "ÉCOLE  Ωmega ℃",
            "苧麻纖維", "薴", "积体电路", "①②③ ﬁ", "ｶﾞｽ ﾊﾟﾈﾙ", "Ｅ\u{301}",
        ]
        for sample in samples {
            let once = TextNormalizer.normalize(sample)
            #expect(ExactText(TextNormalizer.normalize(once)) == ExactText(once), "\(sample)")
        }
    }

    @Test("characters folded without Foundation fold exactly as NFKC of the whole text would")
    func directFoldMatchesNFKC() {
        var values = Array(UInt32(0x20)...0x7E) + Array(UInt32(0xFF01)...0xFF5E) + [0x3000, 0x00A0]
        for value in UInt32(0x80)...0xFFFF where CompatibilityComposition.isStable(value) {
            values.append(value)
        }
        #expect(values.count > 27_000)
        var mismatches: [String] = []
        for value in values {
            let scalar = String(Unicode.Scalar(value)!)
            for text in [scalar, "a" + scalar + "b", "Ａ" + scalar + "\u{301}"] {
                if ExactText(TextNormalizer.normalize(text)) != ExactText(Self.reference(text)) {
                    mismatches.append(String(value, radix: 16))
                }
            }
        }
        #expect(mismatches.isEmpty, "U+\(mismatches.prefix(20))")
        for value in values where value >= 0x80 {
            #expect(Unicode.Scalar(value)!.properties.canonicalCombiningClass == .notReordered)
        }
    }

    @Test("no character folded without Foundation is the second part of a canonical composition")
    func directFoldNeverComposesWithThePrevious() {
        var offenders: [String] = []
        for value in UInt32(0xA0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned,
                scalar.properties.generalCategory != .privateUse
            else { continue }
            let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            if decomposed.dropFirst().contains(where: { CompatibilityComposition.foldsDirectly($0.value) }) {
                offenders.append(String(value, radix: 16))
            }
        }
        #expect(offenders.isEmpty, "U+\(offenders.prefix(20))")
    }

    /// The normalisation by definition: drop invisible characters, NFKC the whole text, fold.
    static func reference(_ text: String) -> String {
        TextNormalizer.foldComposed(CompatibilityComposition.nfkc(Array(text.unicodeScalars)))
    }

    @Test("composing only the awkward stretches gives the NFKC of the whole text, stably")
    func stretchesMatchWholeNFKC() {
        // Characters that fold directly mixed with ones that compose, decompose, reorder or
        // vanish around them.
        let pool: [String] = [
            "a", "E", "z", "5", " ", "\t", "/", "Ａ", "ｅ", "５", "／", "\u{3000}", "\u{00A0}",
            "锂", "電", "池", "體", "，", "。", "“", "”", "·", "±",
            "\u{0301}", "\u{0327}", "\u{0308}", "\u{0323}", "\u{0344}", "\u{0F73}",
            "\u{1100}", "\u{1161}", "\u{11A8}", "가", "ｶ", "ﾞ", "ﬁ", "①", "℃", "㎡", "Ⅻ", "…",
            "\u{F900}", "\u{2F800}", "Å", "\u{212B}", "Σ", "ά", "\u{200B}", "\u{FE0F}", "\u{E0100}", "μ", "\u{00B5}",
        ]
        var random = SplitMix64(seed: 20_251_129)
        var mismatches: [String] = []
        for _ in 0..<3_000 {
            let length = Int(random.next() % 24) + 1
            let text = (0..<length).map { _ in pool[Int(random.next() % UInt64(pool.count))] }.joined()
            let expected = Self.reference(text)
            let normalized = TextNormalizer.normalize(text)
            if ExactText(normalized) != ExactText(expected) { mismatches.append(text) }
            if ExactText(TextNormalizer.normalize(normalized)) != ExactText(normalized) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3).map { ExactText($0) })")
        #expect(ExactText(TextNormalizer.normalize("Ｅ\u{0301}")) == "\u{E9}")
        #expect(ExactText(TextNormalizer.normalize("电池ｶﾞ")) == "电池\u{30AC}")
        #expect(ExactText(TextNormalizer.normalize("ﾊﾟﾈﾙ")) == "\u{30D1}\u{30CD}\u{30EB}")
        #expect(
            ExactText(TextNormalizer.normalize("ﾊﾟﾈﾙ"))
                == ExactText(TextNormalizer.normalize("\u{30D1}\u{30CD}\u{30EB}")))
    }
}

/// A small deterministic generator, so that a failure can be replayed.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
