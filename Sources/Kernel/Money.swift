/// An amount of money in integer minor units (fen, 分). Never floating point.
public struct Money: Codable, Hashable, Sendable, Comparable {
    public enum Currency: String, Codable, Sendable {
        case cny = "CNY"
    }

    public var fen: Int64
    public var currency: Currency

    public init(fen: Int64, currency: Currency = .cny) {
        self.fen = fen
        self.currency = currency
    }

    public static func yuan(_ yuan: Int64) -> Money {
        Money(fen: yuan * 100)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        precondition(lhs.currency == rhs.currency, "comparing amounts in different currencies")
        return lhs.fen < rhs.fen
    }
}
