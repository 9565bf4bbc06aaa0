/// How much each signal counts, in thousandths of the score (the configuration holds whole
/// numbers only). The structured weights sum to 1,000 so a perfect candidate scores 1.0.
/// Defaults equal `Config/corridor.json` (`matching.*`); chosen by `corridor eval matching`
/// (see README.md in this folder).
public struct MatchWeights: Sendable, Equatable, Codable {
    public var text = 600
    public var field = 150
    public var ipc = 50
    public var trl = 50
    public var price = 40
    public var city = 40
    public var trackRecord = 30
    public var feedback = 40
    /// Subtracted from a candidate dismissed for this subject: it sinks below the rest.
    public var dismissedPenalty = 1_000
    /// How many listings the text stage hands to the scoring stage.
    public var candidates = 50
    /// The most query terms taken from the subject's text (the rarest and most repeated).
    public var queryTerms = 12
    /// bm25() weights of the index's columns for retrieval: title, keywords, body.
    public var columnTitle = 3
    public var columnKeywords = 6
    public var columnBody = 1
    /// Tokens found in more than this share (thousandths) of the listings are not query terms.
    public var commonShare = 50

    public init() {}

    func fraction(_ value: Int) -> Double { Double(value) / 1_000 }

    var columnWeights: String { "\(columnTitle).0, \(columnKeywords).0, \(columnBody).0" }

    /// Every weight by its configuration name (`matching.<name>`).
    public static let keys: [String: any WritableKeyPath<MatchWeights, Int> & Sendable] = [
        "text": \.text, "field": \.field, "ipc": \.ipc, "trl": \.trl, "price": \.price, "city": \.city,
        "trackRecord": \.trackRecord, "feedback": \.feedback, "dismissedPenalty": \.dismissedPenalty,
        "candidates": \.candidates, "queryTerms": \.queryTerms, "columnTitle": \.columnTitle,
        "columnKeywords": \.columnKeywords, "columnBody": \.columnBody, "commonShare": \.commonShare,
    ]

    /// These weights with `name=value,…` applied (for trying alternatives with `corridor eval`).
    public func applying(_ text: String) throws -> MatchWeights {
        var copy = self
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let key = Self.keys[String(parts[0])], let value = Int(parts[1]), value >= 0 else {
                throw WeightsError(text: String(pair))
            }
            copy[keyPath: key] = value
        }
        return copy
    }
}

public struct WeightsError: Error, CustomStringConvertible {
    public var text: String
    public var description: String {
        "not a weight setting: \(text) (name=whole number; names: \(MatchWeights.keys.keys.sorted().joined(separator: ", ")))"
    }
}
