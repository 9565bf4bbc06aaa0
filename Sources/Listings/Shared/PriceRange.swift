import Kernel

/// An asking price or budget: a range in fen, or "negotiable" (面议).
public struct PriceRange: Codable, Sendable, Equatable {
    public var minFen: Int64?
    public var maxFen: Int64?
    public var negotiable: Bool
    public var currency: Money.Currency

    public init(minFen: Int64? = nil, maxFen: Int64? = nil, negotiable: Bool = false, currency: Money.Currency = .cny) {
        self.minFen = minFen
        self.maxFen = maxFen
        self.negotiable = negotiable
        self.currency = currency
    }

    enum CodingKeys: String, CodingKey { case minFen, maxFen, negotiable, currency }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        minFen = try container.decodeIfPresent(Int64.self, forKey: .minFen)
        maxFen = try container.decodeIfPresent(Int64.self, forKey: .maxFen)
        negotiable = try container.decodeIfPresent(Bool.self, forKey: .negotiable) ?? false
        currency = try container.decodeIfPresent(Money.Currency.self, forKey: .currency) ?? .cny
    }

    /// ¥100 million: no listing here asks more.
    static let ceilingFen: Int64 = 10_000_000_000

    func validated(field: String) throws -> PriceRange {
        if negotiable {
            guard minFen == nil, maxFen == nil else {
                throw ListingsError.negotiableWithAmounts(field: field)
            }
            return self
        }
        guard let minFen, let maxFen else {
            throw ListingsError.priceRequired(field: field)
        }
        for (name, amount) in [("minFen", minFen), ("maxFen", maxFen)] where amount < 0 {
            throw ListingsError.negativeAmount(field: "\(field).\(name)")
        }
        guard minFen <= maxFen else {
            throw ListingsError.invertedPrice(field: "\(field).maxFen")
        }
        guard maxFen <= Self.ceilingFen else {
            throw ListingsError.amountTooLarge(field: "\(field).maxFen")
        }
        return self
    }
}
