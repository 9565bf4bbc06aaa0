import Foundation

/// NFKC without paying for Foundation on every character.
///
/// Foundation's `precomposedStringWithCompatibilityMapping` costs about as much as all the
/// rest of normalisation. Most Chinese technical text is made only of characters whose NFKC
/// form is known without it: ASCII, CJK ideographs, full-width ASCII (NFKC subtracts
/// U+FEE0), the ideographic and no-break spaces (U+0020), lower-case Greek and the common CJK
/// punctuation and mathematical signs, which NFKC leaves alone. Those `foldsDirectly`.
///
/// Every character that folds directly is a starter (canonical combining class 0) that is
/// never the second part of a canonical composition, so NFKC never changes anything across
/// the boundary before one. A stretch of other characters is therefore composed on its own,
/// together with the one character before it (a base that a combining mark may compose
/// with, as in `Ｅ` + U+0301 → `É`), and the result is the NFKC of the whole text. The tests
/// check each of these characters, and compare with NFKC of the whole text on the real
/// corpus and on random mixtures of awkward characters.
enum CompatibilityComposition {
    /// Non-ASCII scalars that NFKC leaves alone, that never combine with a character before
    /// them, that lower-casing leaves alone, and that are neither space nor invisible.
    @inline(__always)
    static func isStable(_ value: UInt32) -> Bool {
        switch value {
        case 0x3400...0x9FFF,  // Extension A, Yijing hexagrams, Unified Ideographs
            0x3001, 0x3002,  // 、。
            0x3008...0x3011,  // 〈〉《》「」『』【】
            0x3014...0x301B,  // 〔〕〖〗〘〙〚〛
            0x00B7, 0x00D7, 0x00F7, 0x00B0, 0x00B1,  // · × ÷ ° ±
            0x03B1...0x03C9,  // α–ω
            0x2014, 0x2018, 0x2019, 0x201C, 0x201D,  // — ‘ ’ “ ”
            0x2030, 0x2032, 0x2192, 0x2208, 0x221E, 0x2236, 0x2264, 0x2265, 0x25B3:  // ‰ ′ → ∈ ∞ ∶ ≤ ≥ △
            true
        default:
            false
        }
    }

    /// Whether `FoldedUTF8.foldDirectly` knows the NFKC form of `value` without Foundation.
    @inline(__always)
    static func foldsDirectly(_ value: UInt32) -> Bool {
        value < 0x80 || (value >= 0xFF01 && value <= 0xFF5E) || value == 0x3000 || value == 0x00A0
            || isStable(value)
    }

    /// CJK ideographs: no case, never space or invisible.
    @inline(__always)
    static func isIdeograph(_ value: UInt32) -> Bool {
        (value >= 0x3400 && value <= 0x9FFF) || (value >= 0xF900 && value <= 0xFAFF)
            || (value >= 0x20000 && value <= 0x3FFFF)
    }

    /// NFKC of `scalars` without their default-ignorable characters, removed first so that
    /// what they separated composes as if they had never been there (`a` U+200B U+0301 → `á`).
    static func nfkc(_ scalars: [Unicode.Scalar]) -> String {
        var visible = String.UnicodeScalarView()
        for scalar in scalars where !scalar.properties.isDefaultIgnorableCodePoint {
            visible.append(scalar)
        }
        return nfkc(String(visible))
    }

    /// Unicode NFKC of `text`.
    ///
    /// Foundation's `precomposedStringWithCompatibilityMapping` on Linux leaves some
    /// compositions undone (half-width `ｶﾞ` comes out as `カ` + U+3099, not `ガ`), which
    /// would make normalising twice differ from once; composing its result canonically (NFC)
    /// completes it, since NFC of anything compatibility-decomposed is NFKC.
    static func nfkc(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
    }
}
