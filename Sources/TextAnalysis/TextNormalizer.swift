/// Normalises text once, the same way for what is stored and what is searched, so that
/// 锂电池 finds 鋰電池, `ＡＢＣ１２３` finds `abc123` and `LiDAR` finds `lidar`.
///
/// `normalize` applies, in order:
/// 1. Unicode NFKC, which also folds full-width forms (`ＡＢＣ１２３`, `，`, `（`) and the
///    ideographic space to their ordinary forms (see `CompatibilityComposition`); invisible
///    default-ignorable characters (zero-width space and joiners, soft hyphen, byte-order
///    mark, variation selectors) are removed first, so that they cannot split a word;
/// 2. Traditional → Simplified Chinese by a per-character table built once from Foundation's
///    `Hant-Hans` transform (see `SimplificationTable`);
/// 3. lower case (Latin, and the other cased scripts such as Greek, per scalar);
/// 4. white space: every run of white space or control characters becomes one space, and the
///    ends are trimmed.
///
/// The result is stable: normalising it again changes nothing. All functions are pure and
/// safe to call from any number of threads at once.
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        let table = SimplificationTable.shared
        var out = FoldedUTF8(capacity: text.utf8.count)
        var stretch: [Unicode.Scalar] = []
        var iterator = text.unicodeScalars.makeIterator()
        var lookahead = iterator.next()
        while let scalar = lookahead {
            lookahead = iterator.next()
            let foldsDirectly = CompatibilityComposition.foldsDirectly(scalar.value)
            if foldsDirectly, lookahead.map({ CompatibilityComposition.foldsDirectly($0.value) }) ?? true {
                out.foldDirectly(scalar, table: table)
                continue
            }
            // Either `scalar` needs Foundation's NFKC, or what follows does and `scalar` is the
            // base it may compose with: compose the stretch up to the next character that folds
            // directly (which never composes with anything before it).
            stretch.removeAll(keepingCapacity: true)
            stretch.append(scalar)
            while let next = lookahead, !CompatibilityComposition.foldsDirectly(next.value) {
                stretch.append(next)
                lookahead = iterator.next()
            }
            for composed in CompatibilityComposition.nfkc(stretch).unicodeScalars {
                out.foldComposed(composed, table: table)
            }
        }
        return out.string
    }

    /// Only the Traditional → Simplified step, by table, leaving everything else as it is.
    public static func simplifiedChinese(_ text: String) -> String {
        let table = SimplificationTable.shared
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let mapped = table.simplifiedScalar(scalar.value), let simplified = Unicode.Scalar(mapped) {
                scalars.append(simplified)
            } else if let sequence = table.simplifiedSequence(scalar.value) {
                scalars.append(contentsOf: sequence.unicodeScalars)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Builds the Traditional → Simplified table now (some 30–50 ms) instead of on the first
    /// call, and tells what it found. Call it at start-up to keep that cost off a request.
    @discardableResult
    public static func prepare() -> SimplificationStatistics {
        SimplificationTable.shared.statistics
    }

    /// Steps 2–4 alone, on text that is already NFKC without invisible characters. With
    /// `CompatibilityComposition.nfkc`, the definition that `normalize` is tested against.
    static func foldComposed(_ text: String) -> String {
        let table = SimplificationTable.shared
        var out = FoldedUTF8(capacity: text.utf8.count)
        for scalar in text.unicodeScalars { out.foldComposed(scalar, table: table) }
        return out.string
    }
}
