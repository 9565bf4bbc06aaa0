import Foundation
import Kernel
import Listings
import TextAnalysis

/// Narrowing and size of a ranking, validated.
public struct MatchOptions: Sendable {
    public static let defaultLimit = 10
    public static let maxLimit = 50

    public var kind: CandidateKind?
    public var city: CityCode?
    public var field: Field?
    public var limit: Int

    public init(
        kind: CandidateKind? = nil, city: CityCode? = nil, field: Field? = nil, limit: Int = MatchOptions.defaultLimit
    ) {
        self.kind = kind
        self.city = city
        self.field = field
        self.limit = limit
    }

    func validated(allowed: [CandidateKind]) throws -> MatchOptions {
        guard (1...Self.maxLimit).contains(limit) else {
            throw MatchingError.limitOutOfRange(max: Self.maxLimit)
        }
        if let kind, !allowed.contains(kind) {
            throw MatchingError.unsupportedMatchKind(allowed: allowed)
        }
        return self
    }
}

/// A problem in the engineer's words, before it is a need (`POST /v1/matches/query`).
public struct MatchQuery: Sendable {
    public static let maxText = 2_000

    public var text: String
    public var fields: [Field]?
    public var city: CityCode?
    public var cooperationMode: CooperationMode?
    public var budget: PriceRange?
    public var kind: CandidateKind?
    public var limit: Int?

    public init(
        text: String, fields: [Field]? = nil, city: CityCode? = nil, cooperationMode: CooperationMode? = nil,
        budget: PriceRange? = nil, kind: CandidateKind? = nil, limit: Int? = nil
    ) {
        self.text = text
        self.fields = fields
        self.city = city
        self.cooperationMode = cooperationMode
        self.budget = budget
        self.kind = kind
        self.limit = limit
    }

    func probe() throws -> MatchProbe {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw MatchingError.textEmpty
        }
        guard trimmed.count <= Self.maxText else {
            throw MatchingError.textTooLong(max: Self.maxText)
        }
        if let fields, fields.count > Field.allCases.count {
            throw MatchingError.tooManyFields
        }
        // The first line (or sentence) reads like a need's title; all of it is the body.
        let title = trimmed.split(whereSeparator: { "\n。？！?!".contains($0) }).first.map(String.init) ?? trimmed
        // Short pieces set apart by spaces or list punctuation are the terms the engineer has in
        // mind ("GaN 功率器件", "钙钛矿、稳定性"): each is matched as a phrase too.
        let terms = NeedWording.pieces(TextNormalizer.normalize(trimmed))
        return MatchProbe(
            title: String(title.prefix(200)), keywords: terms, body: [trimmed], fields: fields ?? [], price: budget,
            modes: cooperationMode.map { [$0.rawValue] } ?? [], city: city
        )
    }
}
