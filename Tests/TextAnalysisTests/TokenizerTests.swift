import Testing
import TextAnalysis

@Suite("Tokenizer")
struct TokenizerTests {
    @Test(
        "mixed Chinese and English technical terms",
        arguments: [
            ("GaN 功率器件", ["gan", "功率", "率器", "器件"]),
            ("5G基站", ["5g", "基站"]),
            ("LiDAR激光雷达", ["lidar", "激光", "光雷", "雷达"]),
            ("基于BERT的文本分类", ["基于", "bert", "的文", "文本", "本分", "分类"]),
            ("采用BERT的X方法", ["采用", "bert", "的", "x", "方法"]),
            ("SiC MOSFET器件", ["sic", "mosfet", "器件"]),
        ])
    func mixedTerms(raw: String, expected: [String]) {
        #expect(exact(Tokenizer.queryTokens(raw)) == exact(expected))
        #expect(exact(Tokenizer.tokens(TextNormalizer.normalize(raw))) == exact(expected))
    }

    @Test("a two-character word is exactly one bigram", arguments: ["电池", "芯片", "北斗", "晶片"])
    func twoCharacters(word: String) {
        #expect(Tokenizer.tokens(word) == [word])
    }

    @Test("a lone ideograph is a unigram; longer runs are overlapping bigrams")
    func runs() {
        #expect(Tokenizer.tokens("锂") == ["锂"])
        #expect(Tokenizer.tokens("锂 电池") == ["锂", "电池"])
        #expect(Tokenizer.tokens("锂电池") == ["锂电", "电池"])
        #expect(Tokenizer.tokens("锂离子电池") == ["锂离", "离子", "子电", "电池"])
        #expect(Tokenizer.tokens("二〇二〇年") == ["二〇", "〇二", "二〇", "〇年"])
    }

    @Test("punctuation separates and is dropped")
    func punctuation() {
        let normalized = TextNormalizer.normalize("锂电池，正极材料（LiFePO₄）；循环-寿命！“5G”…")
        #expect(
            Tokenizer.tokens(normalized) == [
                "锂电", "电池", "正极", "极材", "材料", "lifepo4", "循环", "寿命", "5g",
            ])
        #expect(Tokenizer.tokens("Li-ion, 3.5V; e.g.") == ["li", "ion", "3", "5v", "e", "g"])
        #expect(Tokenizer.tokens(TextNormalizer.normalize("😀 → ★ ①")) == ["1"])
    }

    @Test("combining marks are dropped without splitting a word")
    func marks() {
        #expect(exact(Tokenizer.tokens("cafe\u{301} x")) == exact(["cafe", "x"]))
        #expect(exact(Tokenizer.tokens("e\u{301}cole")) == exact(["ecole"]))
        #expect(exact(Tokenizer.tokens(TextNormalizer.normalize("E\u{301}COLE"))) == exact(["\u{E9}cole"]))
    }

    @Test(
        "IPC codes in text become one token each",
        arguments: [
            ("H01M 10/0525", ["ipch01m0010052500"]),
            ("H01M10/0525", ["ipch01m0010052500"]),
            ("h01m 10/0525", ["ipch01m0010052500"]),
            ("Ｈ０１Ｍ　１０／０５２５", ["ipch01m0010052500"]),
            ("G06F 16/33", ["ipcg06f0016330000"]),
            ("A61K 31/00", ["ipca61k0031000000"]),
            ("分类号：H01M 10/0525；G06F16/33等", ["分类", "类号", "ipch01m0010052500", "ipcg06f0016330000", "等"]),
            ("H01M", ["h01m"]),
            ("Z01M 10/05", ["z01m", "10", "05"]),
            ("H01M 10-0525", ["h01m", "10", "0525"]),
            ("H01M 10/5", ["h01m", "10", "5"]),
            ("H01M 10/0525x", ["h01m", "10", "0525x"]),
            ("xH01M 10/0525", ["xh01m", "10", "0525"]),
        ])
    func ipcInText(raw: String, expected: [String]) {
        #expect(exact(Tokenizer.queryTokens(raw)) == exact(expected))
    }

    @Test("the IPC token of a code is the token the tokenizer gives it")
    func ipcTokenAgrees() throws {
        let code = try #require(IPCCode.parse("H01M 10/0525"))
        #expect(Tokenizer.tokens(TextNormalizer.normalize(code.display)) == [code.token])
    }

    @Test(
        "Traditional and Simplified forms of a phrase give the same tokens",
        arguments: [
            ("鋰離子電池正極材料", "锂离子电池正极材料"),
            ("積體電路設計", "积体电路设计"),
            ("衛星導航定位", "卫星导航定位"),
            ("北斗導航晶片", "北斗导航晶片"),
            ("風力發電機組", "风力发电机组"),
            ("臺灣積體電路製造", "台湾积体电路制造"),
            ("效果顯著", "效果显著"),
            ("隨著技術發展", "随着技术发展"),
        ])
    func traditionalMatchesSimplified(traditional: String, simplified: String) {
        let tokens = Tokenizer.queryTokens(traditional)
        #expect(exact(tokens) == exact(Tokenizer.queryTokens(simplified)))
        #expect(tokens.count == simplified.count - 1)
        #expect(ExactText(Tokenizer.indexText(traditional)) == ExactText(Tokenizer.indexText(simplified)))
    }

    @Test("indexText joins the tokens with single spaces")
    func indexText() {
        #expect(Tokenizer.indexText("  鋰電池 GaN  H01M 10/0525 ") == "锂电 电池 gan ipch01m0010052500")
        #expect(Tokenizer.indexText("") == "")
        #expect(Tokenizer.indexText(" ，。 ") == "")
    }

    @Test("queryTokens keeps each token once, in order of first appearance")
    func queryDeduplicates() {
        #expect(Tokenizer.queryTokens("电池 电池 GaN gan 电池组") == ["电池", "gan", "池组"])
        #expect(Tokenizer.tokens("电池 电池") == ["电池", "电池"])
    }

    @Test("tokens hold only letters, digits and ideographs")
    func tokenCharacters() {
        let text = "Ｈ０１Ｍ　１０／０５２５ 鋰電池（LiFePO₄）—αβ粒子 ÉCOLE 5G基站 ⅫⅢ №1 x²＋y² «quoted» 한국어 カタカナ"
        let tokens = Tokenizer.tokens(TextNormalizer.normalize(text))
        #expect(!tokens.isEmpty)
        for token in tokens {
            #expect(!token.isEmpty)
            for scalar in token.unicodeScalars {
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                    .decimalNumber, .letterNumber, .otherNumber:
                    break
                default:
                    Issue.record("token \(token) holds U+\(String(scalar.value, radix: 16))")
                }
                #expect(!(scalar.isASCII && (0x41...0x5A).contains(scalar.value)), "upper case in \(token)")
            }
        }
    }
}
