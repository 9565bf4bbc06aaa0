/// How the tokenizer treats one Unicode scalar.
enum ScalarClass: Equatable {
    /// A CJK ideograph: runs of them become overlapping character bigrams.
    case ideograph
    /// A letter or digit of any other script: runs of them become one word.
    case word
    /// A combining mark: dropped without ending a word, as FTS5 `unicode61` drops diacritics.
    case mark
    /// Anything else (space, punctuation, symbols, emoji, private use): ends a token.
    case separator

    @inline(__always)
    static func of(_ scalar: Unicode.Scalar) -> ScalarClass {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .word
            default: return .separator
            }
        }
        switch value {
        case 0x4E00...0x9FFF,  // CJK Unified Ideographs
            0x3400...0x4DBF,  // Extension A
            0xF900...0xFAFF,  // Compatibility Ideographs
            0x3005...0x3007,  // 々 〆 〇
            0x20000...0x3FFFF:  // Extensions B–H and compatibility supplement (planes 2 and 3)
            return .ideograph
        default:
            break
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return .word
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        default:
            return .separator
        }
    }
}
