import GRDB

/// What the marketplace's own transactions say about candidates (issue 16: match feedback is
/// two-sided). A one-sided click no longer counts: "contacted" is a connection the other party
/// accepted, a "deal" a technology contract registered with a city or completed. The module that
/// owns connections and contracts answers, inside the ranking's read transaction; Matching only
/// asks (the two sit in one layer, so the platform wires them together).
public protocol DealRecord: Sendable {
    /// Per organisation: its registered or completed contracts, as either party.
    func contracts(_ db: Database, organizations: [Int64]) throws -> [Int64: Int]
    /// Per listing: accepted connections about it, and registered or completed contracts naming it.
    func listings(_ db: Database, ids: [Int64]) throws -> [Int64: DealCounts]
    /// Per organisation: accepted connections it is a party to, and its registered or completed
    /// contracts.
    func organizations(_ db: Database, ids: [Int64]) throws -> [Int64: DealCounts]
}

/// Accepted connections and registered or completed contracts of one candidate.
public struct DealCounts: Sendable, Equatable {
    public var contacted: Int
    public var deals: Int

    public init(contacted: Int, deals: Int) {
        self.contacted = contacted
        self.deals = deals
    }

    public static let none = DealCounts(contacted: 0, deals: 0)
}
