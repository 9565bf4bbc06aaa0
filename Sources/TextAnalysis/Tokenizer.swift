/// Splits normalised text into the tokens that are indexed and searched with SQLite FTS5.
///
/// FTS5's `trigram` tokenizer cannot find two-character Chinese words, so the index stores
/// pre-split tokens, separated by single spaces, in a column tokenised by `unicode61`:
///
/// - a run of CJK ideographs becomes its overlapping character bigrams (`锂电池` → `锂电`,
///   `电池`); a run of exactly one ideograph becomes that character alone (`锂`);
/// - a run of letters and digits of other scripts becomes one word (`lidar`, `5g`, `h01m`); a
///   change of script ends a run (`5g基站` → `5g`, `基站`);
/// - an IPC symbol becomes one token, see `IPCCode.token` (`h01m 10/0525` →
///   `ipch01m0010052500`);
/// - everything else (white space, punctuation, symbols, emoji) separates tokens and is
///   dropped; combining marks are dropped without ending a word.
///
/// Every token is made only of letters, digits and ideographs (Unicode L* and N*), so
/// `unicode61` keeps it whole; ASCII letters come out lower-cased.
public enum Tokenizer {
    /// The tokens of text that has already been through `TextNormalizer.normalize`, in order,
    /// repeats included.
    public static func tokens(_ normalizedText: String) -> [String] {
        var tokens: [String] = []
        scan(normalizedText) { token in
            switch token {
            case .bytes(let bytes): tokens.append(String(decoding: bytes, as: UTF8.self))
            case .string(let string): tokens.append(string)
            }
        }
        return tokens
    }

    /// What is stored in the FTS5 column: the tokens of the normalised text joined by single
    /// spaces.
    public static func indexText(_ raw: String) -> String {
        let normalized = TextNormalizer.normalize(raw)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(normalized.utf8.count * 2)
        scan(normalized) { token in
            if !bytes.isEmpty { bytes.append(0x20) }
            switch token {
            case .bytes(let slice): bytes.append(contentsOf: slice)
            case .string(let string): bytes.append(contentsOf: string.utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The tokens of a search query: normalised, tokenised, each kept once in the order of
    /// its first appearance.
    public static func queryTokens(_ raw: String) -> [String] {
        var seen = Set<String>(minimumCapacity: 16)
        return tokens(TextNormalizer.normalize(raw)).filter { seen.insert($0).inserted }
    }

    /// One token as `scan` finds it: bytes of the text itself, or a string made for it.
    private enum Token {
        case bytes(UnsafeBufferPointer<UInt8>)
        case string(String)
    }

    /// Finds the tokens of `text` in order. Most are cut from the text's own UTF-8; only an IPC
    /// code and a word holding upper-case ASCII or a combining mark are made anew.
    @inline(__always)
    private static func scan(_ text: String, _ emit: (Token) -> Void) {
        var contiguous = text
        contiguous.withUTF8 { utf8 in
            var scalars: [Unicode.Scalar] = []
            var offsets: [Int] = []  // offsets[i] is where scalars[i] starts in utf8
            scalars.reserveCapacity(utf8.count)
            offsets.reserveCapacity(utf8.count + 1)
            var offset = 0
            for scalar in text.unicodeScalars {
                scalars.append(scalar)
                offsets.append(offset)
                offset += UTF8.width(scalar)
            }
            offsets.append(offset)
            func slice(_ from: Int, _ to: Int) -> Token {
                .bytes(UnsafeBufferPointer(rebasing: utf8[offsets[from]..<offsets[to]]))
            }

            let count = scalars.count
            var index = 0
            while index < count {
                switch ScalarClass.of(scalars[index]) {
                case .ideograph:
                    var end = index + 1
                    while end < count, ScalarClass.of(scalars[end]) == .ideograph { end += 1 }
                    if end - index == 1 {
                        emit(slice(index, end))
                    } else {
                        for first in index..<(end - 1) { emit(slice(first, first + 2)) }
                    }
                    index = end
                case .word:
                    if let (code, end) = IPCCode.match(scalars, at: index) {
                        emit(.string(code.token))
                        index = end
                        continue
                    }
                    var end = index
                    var isClean = true
                    scan: while end < count {
                        switch ScalarClass.of(scalars[end]) {
                        case .word:
                            if scalars[end].value >= 0x41, scalars[end].value <= 0x5A { isClean = false }
                        case .mark:
                            isClean = false
                        case .ideograph, .separator:
                            break scan
                        }
                        end += 1
                    }
                    emit(isClean ? slice(index, end) : .string(rebuiltWord(scalars[index..<end])))
                    index = end
                case .mark, .separator:
                    index += 1
                }
            }
        }
    }

    /// A word without its combining marks, ASCII lower-cased.
    private static func rebuiltWord(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var word = String.UnicodeScalarView()
        for scalar in scalars {
            switch ScalarClass.of(scalar) {
            case .word:
                let value = scalar.value
                word.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(value | 0x20)! : scalar)
            case .ideograph, .mark, .separator:
                break
            }
        }
        return String(word)
    }
}
