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
    public var candidates = 100
    /// The most query terms taken from the subject's text (the rarest and most repeated).
    public var queryTerms = 24

    public init() {}

    func fraction(_ value: Int) -> Double { Double(value) / 1_000 }
}
