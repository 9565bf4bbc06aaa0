import Foundation

/// Traditional → Simplified Chinese as a per-character table, built once from Foundation's
/// `Hant-Hans` transform.
///
/// Calling `applyingTransform(StringTransform("Hant-Hans"), reverse: false)` per string costs
/// some 0.5–1 µs a character. Instead each whole CJK block is transformed in one call (or, if
/// the output's length differs, character by character), only the characters that change are
/// kept, and normalisation looks characters up by scalar value.
///
/// ICU's transform also has a few phrase rules (`顯著` → `显著`, yet `显著` → `显着` and `著` →
/// `着`); a per-character table has none, which makes it the more consistent of the two for
/// search: the Traditional and the Simplified spelling of a word map to the same characters
/// (`顯著` and `显著` both to `显着`). The price is that a few characters that are also
/// standard Simplified merge with another (著/着, 俱/具, 乾/干, 藉/借), on both the index and
/// the query side alike.
///
/// The table is idempotent: ICU maps a few characters in a cycle (苎 → 苧 → 苎); every chain is
/// followed to its end, and a cycle resolves to its smallest scalar, so that simplifying a
/// simplified text changes nothing.
struct SimplificationTable: Sendable {
    /// The CJK blocks transformed: Extension A, the Unified Ideographs, Compatibility Ideographs.
    static let blocks: [ClosedRange<UInt32>] = [0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF]

    /// Built on first use; Swift runs a `static let` initialiser exactly once, thread-safely.
    static let shared = SimplificationTable.build()

    static let base: UInt32 = 0x3400
    static let limit: UInt32 = 0xFAFF

    /// Indexed by `scalar - base` over `base...limit`; 0 means "unchanged", otherwise the
    /// scalar value of the single-scalar simplified form.
    private let single: [UInt32]
    /// Characters whose simplified form is more than one scalar (none with today's ICU data).
    private let multi: [UInt32: String]

    let statistics: SimplificationStatistics

    /// The simplified form of `value` when it is a single scalar other than `value`.
    @inline(__always)
    func simplifiedScalar(_ value: UInt32) -> UInt32? {
        guard value >= Self.base, value <= Self.limit else { return nil }
        let mapped = single[Int(value &- Self.base)]
        return mapped == 0 ? nil : mapped
    }

    /// The simplified form of `value` when it is more than one scalar.
    func simplifiedSequence(_ value: UInt32) -> String? {
        multi.isEmpty ? nil : multi[value]
    }

    private init(single: [UInt32], multi: [UInt32: String], statistics: SimplificationStatistics) {
        self.single = single
        self.multi = multi
        self.statistics = statistics
    }

    /// Foundation's Traditional → Simplified transform of a whole string.
    static func hantHans(_ text: String) -> String? {
        text.applyingTransform(StringTransform("Hant-Hans"), reverse: false)
    }

    /// Builds the table over `blocks` (which must lie within `base...limit`) with `transform`,
    /// which the tests replace.
    static func build(
        blocks: [ClosedRange<UInt32>] = blocks,
        transform: (String) -> String? = hantHans
    ) -> SimplificationTable {
        let clock = ContinuousClock()
        let start = clock.now
        var raw: [UInt32: [Unicode.Scalar]] = [:]
        var blocksOneByOne = 0

        for block in blocks {
            let characters = block.compactMap(Unicode.Scalar.init).map(Character.init)
            let input = String(characters)
            if let output = transform(input),
                output.count == characters.count
            {
                for (from, to) in zip(characters, output) where from != to {
                    raw[from.unicodeScalars.first!.value] = Array(to.unicodeScalars)
                }
            } else {
                // The block changed length (or failed): transform its characters one by one.
                blocksOneByOne += 1
                for from in characters {
                    let text = String(from)
                    guard let to = transform(text), to != text else { continue }
                    raw[from.unicodeScalars.first!.value] = Array(to.unicodeScalars)
                }
            }
        }

        var single = [UInt32](repeating: 0, count: Int(limit - base + 1))
        var multi: [UInt32: String] = [:]
        var cyclesResolved = 0
        for (from, to) in raw {
            guard to.count == 1 else {
                multi[from] = String(String.UnicodeScalarView(to))
                continue
            }
            let (target, cycled) = resolveChain(from: from, in: raw)
            if cycled { cyclesResolved += 1 }
            if target != from { single[Int(from - base)] = target }
        }
        let entries = single.reduce(0) { $0 + ($1 == 0 ? 0 : 1) } + multi.count
        return SimplificationTable(
            single: single,
            multi: multi,
            statistics: SimplificationStatistics(
                entries: entries,
                blocksTransformedOneByOne: blocksOneByOne,
                chainsOnCycles: cyclesResolved,
                buildTime: clock.now - start
            )
        )
    }

    /// Follows single-scalar mappings from `from` until a character that does not change; on a
    /// cycle, answers the cycle's smallest scalar so that every member maps to the same one.
    private static func resolveChain(from: UInt32, in raw: [UInt32: [Unicode.Scalar]]) -> (UInt32, Bool) {
        var path = [from]
        var current = from
        while let next = raw[current], next.count == 1 {
            let value = next[0].value
            if let start = path.firstIndex(of: value) {
                return (path[start...].min()!, true)
            }
            path.append(value)
            current = value
        }
        return (current, false)
    }
}

/// What building the Traditional → Simplified table found and cost.
public struct SimplificationStatistics: Sendable, Hashable {
    /// Characters that change.
    public var entries: Int
    /// Blocks whose one-call transform changed length and were redone a character at a time.
    public var blocksTransformedOneByOne: Int
    /// Characters whose mapping chain ended in a cycle (resolved to the smallest scalar).
    public var chainsOnCycles: Int
    public var buildTime: Duration
}
