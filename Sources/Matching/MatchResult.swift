import Foundation
import Identity
import Kernel
import Listings

/// What a ranked candidate is.
public enum CandidateKind: String, Codable, CaseIterable, Sendable {
    case patent
    case achievement
    case need
    case organisation
}

/// One part of a score: the signal, its weight, its value (0…1, nil when it does not apply),
/// what it added, and the facts behind it.
public struct ScorePart: Sendable, Equatable {
    public var signal: String
    public var weight: Double
    public var value: Double?
    public var contribution: Double
    public var facts: JSONValue
}

/// Why a candidate ranks where it does.
public struct Explanation: Sendable {
    public var parts: [ScorePart]
    /// Query terms found in the candidate's text.
    public var matchedTerms: [String]
    public var highlights: SearchResult.Highlights?
    /// For an organisation: the listings that made it a match.
    public var evidence: [Evidence]?
    /// Dismissed for this subject (and sunk to the bottom).
    public var dismissed: Bool
}

/// A listing that supports an organisation's match.
public struct Evidence: Sendable {
    public var kind: CandidateKind
    public var id: Int64
    public var title: String
    public var score: Double
}

/// One ranked candidate.
public struct Match: Sendable {
    public var rank: Int
    public var kind: CandidateKind
    public var id: Int64
    public var title: String
    public var city: CityCode
    public var organization: OrganizationSummary?
    public var fields: [Field]
    public var score: Double
    public var explanation: Explanation
}

/// What was matched and the ranked answer.
public struct MatchList: Sendable {
    public struct Subject: Sendable {
        public var kind: String
        public var id: Int64?
    }

    public var subject: Subject
    /// The query terms chosen from the subject's text, best first.
    public var queryTerms: [String]
    public var items: [Match]
}

extension Double {
    /// Four decimals: scores are for people to read and compare.
    var rounded4: Double { (self * 10_000).rounded() / 10_000 }
}
