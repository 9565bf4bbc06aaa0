import Foundation
@testable import Listings
import Testing

/// Remembered character folding (issue 19) gives what folding each time gives.
struct CharacterFoldingTests {
    static let text = "鋰電池 LiFePO₄ ＡＢＣ ｱｲ Ⅻ ﬁ é e\u{301} 🔋 👩‍🔬 軟體 锂电池 ①"

    @Test func aRememberedFoldingIsTheFoldingItself() {
        for _ in 0..<2 {
            #expect(CharacterFolding.folded(Array(Self.text)) == Array(Self.text).map(CharacterFolding.fold))
            for character in Self.text {
                #expect(CharacterFolding.folded(character) == CharacterFolding.fold(character), "\(character)")
            }
        }
    }

    @Test func traditionalTextIsStillHighlightedForASimplifiedQuery() {
        let highlighted = Highlighter.highlight("新型鋰電池隔膜", tokens: ["锂电", "电池"])
        #expect(highlighted.text == "新型鋰電池隔膜")
        #expect(highlighted.ranges == [[2, 3]])
    }
}
