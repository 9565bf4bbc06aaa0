import Foundation

/// An International Patent Classification symbol down to the subgroup, such as `H01M 10/0525`.
///
/// Format: section letter `A`–`H`, two-digit class, subclass letter `A`–`Z`, main group of 1–4
/// digits, `/`, subgroup of 2–6 digits. Parsing ignores case, folds full-width characters and
/// allows white space between subclass and main group (`H01M10/0525` and `h01m 10/0525` are the
/// same code).
///
/// Two codes are equal when they denote the same group: the main group is a number (`010` is
/// `10`), and subgroup digits are read as a decimal fraction, so trailing zeros beyond the
/// first two do not count (`10/0500` is `10/05`). This is the equivalence of the fixed-width
/// form used in WIPO's IPC scheme files (`symbol`).
public struct IPCCode: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// `A`–`H`.
    public let section: Character
    /// 1–99, written with two digits (`00` is not a class).
    public let classNumber: Int
    /// `A`–`Z`.
    public let subclassLetter: Character
    /// 0–9999.
    public let mainGroup: Int
    /// The subgroup digits: 2–6 of them, trailing zeros beyond the first two removed.
    public let subgroup: String

    /// The prefix of every IPC search token.
    public static let tokenPrefix = "ipc"

    private init(
        section: Character, classNumber: Int, subclassLetter: Character, mainGroup: Int, subgroupDigits: String
    ) {
        self.section = section
        self.classNumber = classNumber
        self.subclassLetter = subclassLetter
        self.mainGroup = mainGroup
        var subgroup = Substring(subgroupDigits)
        while subgroup.count > 2, subgroup.last == "0" { subgroup = subgroup.dropLast() }
        self.subgroup = String(subgroup)
    }

    /// The code in `text`, which must hold nothing else but surrounding white space; nil when
    /// it is not a well-formed IPC symbol.
    public static func parse(_ text: String) -> IPCCode? {
        let folded = text.precomposedStringWithCompatibilityMapping
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let scalars = Array(folded.unicodeScalars)
        guard let (code, end) = match(scalars, at: 0), end == scalars.count else { return nil }
        return code
    }

    /// `H01M`.
    public var subclass: String {
        "\(section)\(twoDigits(classNumber))\(subclassLetter)"
    }

    /// `H01M 10/0525`, the usual written form.
    public var display: String {
        "\(subclass) \(mainGroup)/\(subgroup)"
    }

    /// `H01M0010052500`: the subclass, the main group right-aligned in four digits, the
    /// subgroup left-aligned in six, zero-filled. Sorts in the order of the classification.
    public var symbol: String {
        let group = String(mainGroup)
        return subclass + String(repeating: "0", count: 4 - group.count) + group
            + subgroup + String(repeating: "0", count: 6 - subgroup.count)
    }

    /// The single full-text search token: `ipc` followed by the lower-cased `symbol`, e.g.
    /// `ipch01m0010052500` for `H01M 10/0525`. Only ASCII letters and digits, so FTS5's
    /// `unicode61` keeps it whole; fixed-width, so prefixes select the hierarchy in an FTS5
    /// prefix query: `ipch01m*` a subclass, `ipch01m0010*` a main group.
    public var token: String {
        Self.tokenPrefix + symbol.lowercased()
    }

    public var description: String { display }

    public static func < (lhs: IPCCode, rhs: IPCCode) -> Bool {
        lhs.symbol < rhs.symbol
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let code = IPCCode.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an IPC code: \(text)")
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(display)
    }

    /// Matches an IPC symbol starting exactly at `start` and ending at a word boundary (the end
    /// of the text or a character that is not a letter, digit or mark). Answers the code and
    /// the index just past it. The caller sees to the boundary before `start`.
    static func match(_ scalars: [Unicode.Scalar], at start: Int) -> (IPCCode, Int)? {
        var index = start
        func letter(in range: ClosedRange<UInt32>) -> Character? {
            guard index < scalars.count else { return nil }
            var value = scalars[index].value
            if value >= 0x61, value <= 0x7A { value -= 0x20 }
            guard range.contains(value) else { return nil }
            index += 1
            return Character(Unicode.Scalar(value)!)
        }
        func digits(max: Int) -> String {
            var text = ""
            while index < scalars.count, text.count <= max, (0x30...0x39).contains(scalars[index].value) {
                text.unicodeScalars.append(scalars[index])
                index += 1
            }
            return text
        }

        guard let section = letter(in: 0x41...0x48) else { return nil }
        let classDigits = digits(max: 2)
        guard classDigits.count == 2, let classNumber = Int(classDigits), classNumber > 0 else { return nil }
        guard let subclassLetter = letter(in: 0x41...0x5A) else { return nil }
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        let groupDigits = digits(max: 4)
        guard (1...4).contains(groupDigits.count), let mainGroup = Int(groupDigits) else { return nil }
        guard index < scalars.count, scalars[index] == "/" else { return nil }
        index += 1
        let subgroupDigits = digits(max: 6)
        guard (2...6).contains(subgroupDigits.count) else { return nil }
        if index < scalars.count {
            switch ScalarClass.of(scalars[index]) {
            case .word, .mark: return nil
            case .ideograph, .separator: break
            }
        }
        let code = IPCCode(
            section: section, classNumber: classNumber, subclassLetter: subclassLetter,
            mainGroup: mainGroup, subgroupDigits: subgroupDigits
        )
        return (code, index)
    }
}

private func twoDigits(_ number: Int) -> String {
    number < 10 ? "0\(number)" : String(number)
}
