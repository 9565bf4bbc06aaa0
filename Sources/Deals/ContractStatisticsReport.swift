import Foundation
import Kernel

/// Contract turnover (技术合同成交额) in aggregates only: no contract, party or title appears.
///
/// Turnover counts every contract that was signed (signed, in registration, registered,
/// performing, completed, and terminated after signature), at its current value, in the month
/// of its signature (China Standard Time). Drafts and cancelled drafts never count. The field
/// is the contract's: its first listing's first field, else its need's or challenge's, else
/// `other`.
public struct ContractStatisticsReport: Codable, Sendable, Equatable {
    /// One row of a breakdown: its key (a month `YYYY-MM`, a type, a field or a city code).
    public struct Amount: Codable, Sendable, Equatable {
        public var key: String
        public var contracts: Int
        public var valueFen: Int64
        /// The value is withheld (and `valueFen` 0) in the public view: see `withholdingSmallCells`.
        public var withheld = false
    }

    /// One cell of the seller city (exported) × buyer city (absorbed) matrix.
    public struct Cell: Codable, Sendable, Equatable {
        public var sellerCity: CityCode
        public var buyerCity: CityCode
        public var contracts: Int
        public var valueFen: Int64
        public var withheld = false
    }

    /// Needs posted → connections accepted → contracts signed → registered, each counted in the
    /// range, with the median whole days between consecutive steps of the same deal (nil when
    /// no deal made both steps).
    public struct Funnel: Codable, Sendable, Equatable {
        public var needsPosted: Int
        public var connectionsAccepted: Int
        public var contractsSigned: Int
        public var contractsRegistered: Int
        public var medianDaysNeedToConnection: Int?
        public var medianDaysConnectionToSignature: Int?
        public var medianDaysSignatureToRegistration: Int?
    }

    public var from: Date?
    public var to: Date?
    public var contracts: Int
    public var totalFen: Int64
    public var byMonth: [Amount]
    public var byType: [Amount]
    public var byField: [Amount]
    /// Exported (输出): by the seller's city.
    public var bySellerCity: [Amount]
    /// Absorbed (吸纳): by the buyer's city.
    public var byBuyerCity: [Amount]
    /// All 25 cells, seller city then buyer city in `CityCode.allCases` order.
    public var matrix: [Cell]
    /// Value whose seller and buyer are in the same city, and its share of the total in ‰
    /// (rounded down; 0 when there is no turnover).
    public var withinCityFen: Int64
    public var withinCityPermille: Int
    public var funnel: Funnel
    /// Voucher money (创新券) per contract type: the voucher parts that redemptions opened in the
    /// range hold or were paid for platform contracts, keyed by type; `contracts` counts the
    /// contracts they paid into.
    public var voucherByType: [Amount]
    /// Turnover credited to broker organisations (issue 18): contracts drafted by a broker under
    /// a client's delegation, keyed by the broker organisation's id.
    public var byBroker: [Amount] = []
    /// True when small cells' values are withheld (the public view).
    public var withholding = false
}
