import Foundation
import Kernel
import TextAnalysis

/// A search across listings: free text (optional) and filters.
public struct SearchQuery: Sendable, Equatable {
    public var text: String?
    public var kinds: [ListingKind] = []
    public var fields: [Field] = []
    public var city: CityCode?
    public var trlMin: Int?
    public var trlMax: Int?
    /// Listings whose price or budget range overlaps [priceMin, priceMax] (fen).
    public var priceMin: Int64?
    public var priceMax: Int64?
    public var status: String?
    public var ownerOrganizationId: Int64?
    public var year: Int?
    public var limit: Int = 20
    public var offset: Int = 0

    public init() {}

    static let maxOffset = 1_000

    /// Checks ranges; throws the first precise error.
    func validated() throws -> SearchQuery {
        var copy = self
        if let text {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            try Validate.length(trimmed, field: "q", max: 200)
            copy.text = trimmed.isEmpty ? nil : trimmed
        }
        for (name, value) in [("trlMin", trlMin), ("trlMax", trlMax)] {
            if let value { _ = try ListingRules.trl(value, field: name, required: false) }
        }
        if let trlMin, let trlMax, trlMin > trlMax {
            throw ListingsError.invertedTRLRange
        }
        for (name, amount) in [("priceMin", priceMin), ("priceMax", priceMax)] {
            if let amount, amount < 0 {
                throw ListingsError.negativeAmount(field: name)
            }
        }
        if let priceMin, let priceMax, priceMin > priceMax {
            throw ListingsError.invertedPriceRange
        }
        guard (1...Limits.pageSizeMax).contains(limit) else {
            throw ListingsError.limitOutOfRange(max: Limits.pageSizeMax)
        }
        return copy
    }

    /// The FTS5 expression: each white-space separated term is a phrase of its tokens (so
    /// 锂电池 needs 锂电 followed by 电池), terms are ANDed; an IPC subclass (H01M) or group
    /// matches every code under it.
    static func matchExpression(_ text: String) -> String? {
        var parts: [String] = []
        var terms = TextNormalizer.normalize(text).split(separator: " ").map(String.init)
        // "H01M 10/0525": a subclass followed by its group is one IPC code, written with its space.
        var index = 0
        while index + 1 < terms.count {
            if IPCCode.parse(terms[index] + " " + terms[index + 1]) != nil, terms[index + 1].contains("/") {
                terms[index] += " " + terms.remove(at: index + 1)
            }
            index += 1
        }
        for raw in terms {
            if let code = IPCCode.parse(raw) {
                parts.append("\"\(code.token)\"")
                continue
            }
            let upper = raw.uppercased()
            if upper.count == 4, let first = upper.first, ("A"..."H").contains(first),
                upper.dropFirst().prefix(2).allSatisfy(\.isNumber), upper.last?.isLetter == true
            {
                parts.append("\(IPCCode.tokenPrefix)\(upper.lowercased())*")
                continue
            }
            let tokens = Tokenizer.tokens(raw)
            if !tokens.isEmpty { parts.append("\"" + tokens.joined(separator: " ") + "\"") }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}

/// Search cursors are offsets into the ranked list, wrapped so clients do not build them.
public enum SearchCursor {
    public static func encode(_ offset: Int) -> String { Cursor.encode(Int64(offset)) }

    public static func decode(_ cursor: String) throws -> Int {
        let offset = Int(try Cursor.decode(cursor))
        guard offset <= SearchQuery.maxOffset else {
            throw ListingsError.cursorTooDeep
        }
        return offset
    }
}
