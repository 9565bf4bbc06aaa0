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
                throw DomainError.invalid(
                    "negotiable_with_amounts", field: field,
                    zh: "选择“面议”时不能同时给出金额", en: "A negotiable price has no amounts"
                )
            }
            return self
        }
        guard let minFen, let maxFen else {
            throw DomainError.invalid(
                "price_required", field: field,
                zh: "请给出金额范围（分）或选择面议", en: "Give minFen and maxFen, or set negotiable"
            )
        }
        for (name, amount) in [("minFen", minFen), ("maxFen", maxFen)] where amount < 0 {
            throw DomainError.invalid(
                "negative_amount", field: "\(field).\(name)", zh: "金额不能为负数", en: "Amounts cannot be negative"
            )
        }
        guard minFen <= maxFen else {
            throw DomainError.invalid(
                "inverted_range", field: "\(field).maxFen",
                zh: "最高金额不能低于最低金额", en: "maxFen must not be below minFen"
            )
        }
        guard maxFen <= Self.ceilingFen else {
            throw DomainError.invalid(
                "amount_too_large", field: "\(field).maxFen",
                zh: "金额超过上限（1 亿元）", en: "The amount is above the ceiling of ¥100,000,000"
            )
        }
        return self
    }
}
