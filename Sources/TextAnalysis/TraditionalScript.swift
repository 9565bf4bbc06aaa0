import Foundation

/// Simplified → Traditional Chinese, character by character, as the inverse of the table
/// `TextNormalizer` folds Traditional text with (`SimplificationTable`). Made for test and
/// evaluation data (the Traditional twin of a query), not for display.
///
/// Where several Traditional characters simplify to the same one (發/髮 → 发, 後 → 后, 乾/幹 →
/// 干), the one Foundation's `Hans-Hant` transform gives for the character alone is taken;
/// when that transform keeps the character as it is, so does this. Otherwise the candidate
/// in the Unified Ideographs block with the smallest scalar value wins. Candidates that
/// normalise to anything but the Simplified character are never used (the Compatibility
/// Ideographs, which NFKC maps elsewhere), so that for every text
/// `TextNormalizer.normalize(traditional(text)) == TextNormalizer.normalize(text)`.
public enum TraditionalScript {
    /// `text` with every Simplified character that has a Traditional form replaced by it.
    public static func traditional(_ text: String) -> String {
        let table = TraditionalTable.shared
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let mapped = table.map[scalar.value], let traditional = Unicode.Scalar(mapped) {
                scalars.append(traditional)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// How many Simplified characters have a Traditional form here.
    public static var entries: Int { TraditionalTable.shared.map.count }
}

/// The inverse table, built once on first use from `SimplificationTable.shared`.
struct TraditionalTable: Sendable {
    static let shared = TraditionalTable.build()

    /// Simplified scalar → Traditional scalar.
    let map: [UInt32: UInt32]

    static func hansHant(_ text: String) -> String? {
        text.applyingTransform(StringTransform("Hans-Hant"), reverse: false)
    }

    static func build() -> TraditionalTable {
        let table = SimplificationTable.shared
        let unified: ClosedRange<UInt32> = 0x4E00...0x9FFF
        var candidates: [UInt32: [UInt32]] = [:]
        for block in SimplificationTable.blocks where block.upperBound < 0xF900 {
            for value in block {
                guard let simplified = table.simplifiedScalar(value) else { continue }
                candidates[simplified, default: []].append(value)
            }
        }
        // Foundation's choice for each Simplified character alone, in one call (a line each).
        let keys = candidates.keys.sorted()
        let input = keys.compactMap(Unicode.Scalar.init).map { String(Character($0)) }.joined(separator: "\n")
        let lines = hansHant(input)?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
        let preferred: [UInt32: UInt32] =
            lines.count == keys.count
            ? Dictionary(
                uniqueKeysWithValues: zip(keys, lines).compactMap { key, line in
                    line.unicodeScalars.count == 1 ? (key, line.unicodeScalars.first!.value) : nil
                })
            : [:]
        var map: [UInt32: UInt32] = [:]
        for key in keys {
            guard let simplified = Unicode.Scalar(key) else { continue }
            let folded = TextNormalizer.normalize(String(Character(simplified)))
            let usable = candidates[key, default: []].filter { value in
                guard let scalar = Unicode.Scalar(value) else { return false }
                return TextNormalizer.normalize(String(Character(scalar))) == folded
            }
            if let choice = preferred[key], choice == key { continue }
            if let choice = preferred[key], usable.contains(choice) {
                map[key] = choice
            } else if let choice = usable.filter(unified.contains).min() ?? usable.min() {
                map[key] = choice
            }
        }
        return TraditionalTable(map: map)
    }
}
