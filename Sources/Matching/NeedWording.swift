import Foundation

/// The words people wrap a technical problem in when they post it ("寻求…相关技术合作",
/// "我公司在…方面遇到技术难题", "希望引进…"). They say nothing about the technology, yet their
/// bigrams are rare in research text and would otherwise be chosen as telling query terms.
/// They are cut out of the subject's text before its terms are chosen; what they separate
/// becomes the phrases the engineer had in mind.
enum NeedWording {
    /// Longest first, so that a longer phrase is cut before a shorter one inside it.
    static let phrases: [String] = [
        "寻求高校或科研院所合作", "希望与高校联合攻关", "高校或科研院所", "科研院所", "联合攻关", "遇到技术难题", "技术难题",
        "相关技术合作", "技术合作", "相关的成熟技术", "成熟技术", "相关技术", "技术支持", "技术服务", "解决方案",
        "希望引进", "希望找到", "希望能", "希望", "寻求", "需要", "急需", "求助", "征集", "引进", "我公司", "我们公司", "我司",
        "本公司", "公司", "企业", "有没有", "是否有", "能否", "方面的", "方面", "等方面", "相关的", "相关", "涉及", "合作开发",
        "委托开发", "可合作", "合作", "高校", "一起", "攻关", "现有", "目前", "提供", "主要", "产品",
    ].sorted { $0.count > $1.count }

    /// Characters that join words rather than belong to them; a bigram across one is a
    /// boundary, not a word (与可 in "…与可视化", 的显 in "…的显微结构").
    static let joiners: Set<Character> = ["的", "与", "及", "或", "其", "于"]
    /// Joiners that are also parts of technical words (饱和, 等离子): they end a piece but a
    /// bigram holding one stays a query term.
    static let softJoiners: Set<Character> = ["和", "等", "对", "在", "并"]

    /// The text with need wording replaced by a separator.
    static func strip(_ text: String) -> String {
        var result = text
        for phrase in phrases where result.contains(phrase) {
            result = result.replacingOccurrences(of: phrase, with: "，")
        }
        return result
    }

    /// Technical pieces of the text: what lies between need wording, punctuation and joiner
    /// characters, two to twenty characters long.
    static func pieces(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        func flush() {
            let piece = current.trimmingCharacters(in: .whitespaces)
            if (2...20).contains(piece.count) { pieces.append(piece) }
            current = ""
        }
        for character in strip(text) {
            if joiners.contains(character) || softJoiners.contains(character) || character.isPunctuation
                || character.isWhitespace || character == "，"
            {
                flush()
            } else {
                current.append(character)
            }
        }
        flush()
        return pieces
    }

    /// Whether a token is a bigram across a joiner (its first or last character is one).
    static func spansJoiner(_ token: String) -> Bool {
        guard token.count == 2, let first = token.first, let last = token.last else { return false }
        return joiners.contains(first) || joiners.contains(last)
    }
}
