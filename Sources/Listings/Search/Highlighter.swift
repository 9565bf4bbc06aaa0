import Foundation
import Synchronization
import TextAnalysis

/// Marks where a query's tokens occur in original text. Matching is on normalised text
/// (so 鋰電池 in the text matches 锂电池 in the query) and mapped back to the original.
enum Highlighter {
    static func highlight(_ text: String, tokens: [String], window: Int? = nil) -> SearchResult.Highlighted {
        let characters = Array(text)
        // The normalised form of each original character, and where it starts in the joined form.
        var normalized: [Character] = []
        var owner: [Int] = []
        for (index, folding) in CharacterFolding.folded(characters).enumerated() {
            for folded in folding {
                normalized.append(folded)
                owner.append(index)
            }
        }
        var marked = Array(repeating: false, count: characters.count)
        for token in tokens where !token.hasPrefix(IPCCode.tokenPrefix) {
            let needle = Array(token)
            guard !needle.isEmpty, needle.count <= normalized.count else { continue }
            var start = 0
            while start + needle.count <= normalized.count {
                if normalized[start] == needle[0] && Array(normalized[start..<start + needle.count]) == needle {
                    for position in start..<start + needle.count { marked[owner[position]] = true }
                    start += 1
                } else {
                    start += 1
                }
            }
        }
        var lower = 0
        var upper = characters.count
        if let window, characters.count > window {
            let first = marked.firstIndex(of: true) ?? 0
            lower = max(0, min(first - window / 4, characters.count - window))
            upper = lower + window
        }
        var ranges: [[Int]] = []
        var position = lower
        while position < upper {
            if marked[position] {
                let begin = position
                while position < upper && marked[position] { position += 1 }
                ranges.append([begin - lower, position - begin])
            } else {
                position += 1
            }
        }
        return SearchResult.Highlighted(text: String(characters[lower..<upper]), ranges: ranges)
    }
}

/// The normalised, lower-cased form of one character, remembered by its scalar (issue 19):
/// normalising every character of every hit on its own was the largest part of a search. The
/// form depends on the character alone, so a remembered one is always right; characters of
/// several scalars are folded each time. Bounded: when full, it starts again empty.
enum CharacterFolding {
    static let capacity = 65_536
    private static let folded = Mutex<[UInt32: [Character]]>([:])

    /// Each character's folding; the table is locked twice per text, not once per character
    /// (a lock per character was contended into most of a search's time).
    static func folded(_ characters: [Character]) -> [[Character]] {
        var result = [[Character]?](repeating: nil, count: characters.count)
        folded.withLock { folded in
            for (index, character) in characters.enumerated() {
                if let scalar = single(character) { result[index] = folded[scalar] }
            }
        }
        var learned: [(UInt32, [Character])] = []
        for (index, character) in characters.enumerated() where result[index] == nil {
            let folding = fold(character)
            result[index] = folding
            if let scalar = single(character) { learned.append((scalar, folding)) }
        }
        if !learned.isEmpty {
            folded.withLock { folded in
                if folded.count + learned.count > capacity { folded.removeAll(keepingCapacity: true) }
                for (scalar, folding) in learned { folded[scalar] = folding }
            }
        }
        return result.map { $0 ?? [] }
    }

    static func folded(_ character: Character) -> [Character] { folded([character])[0] }

    private static func single(_ character: Character) -> UInt32? {
        let scalars = character.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first else { return nil }
        return scalar.value
    }

    static func fold(_ character: Character) -> [Character] {
        Array(TextNormalizer.normalize(String(character)).lowercased())
    }
}
