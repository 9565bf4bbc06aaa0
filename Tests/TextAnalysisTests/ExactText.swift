/// A string compared by its Unicode scalars, not by Swift's canonical equivalence: `"é"` and
/// `"e\u{301}"` are equal `String`s but different bytes in an index, and normalisation must
/// produce the very bytes expected.
struct ExactText: Equatable, CustomStringConvertible, ExpressibleByStringLiteral {
    let text: String

    init(_ text: String) { self.text = text }
    init(stringLiteral text: String) { self.text = text }

    static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.text.unicodeScalars.elementsEqual(rhs.text.unicodeScalars)
    }

    var description: String {
        let escaped = text.unicodeScalars.map { scalar in
            scalar.isASCII && scalar.value >= 0x20 || scalar.properties.generalCategory == .otherLetter
                ? String(scalar) : "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        }
        return "\"" + escaped.joined() + "\""
    }
}

extension ExactText {
    init?(_ text: String?) {
        guard let text else { return nil }
        self.text = text
    }
}

/// `strings` compared scalar by scalar.
func exact(_ strings: [String]) -> [ExactText] {
    strings.map { ExactText($0) }
}
