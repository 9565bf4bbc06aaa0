import Foundation
import Kernel
import Listings

// What the listing resources share on the wire (generated from openapi.yaml) and in the
// domain: fields, statuses, cooperation modes, visibility, price ranges and team members.
// Enums are mapped with exhaustive switches both ways, so a case added on either side fails
// to compile; structs pass every member explicitly.

extension Field {
    init(_ wire: Components.Schemas.FieldCode) {
        switch wire {
        case .optoelectronics: self = .optoelectronics
        case .newEnergyVehicles: self = .newEnergyVehicles
        case .lifeHealth: self = .lifeHealth
        case .highEndEquipment: self = .highEndEquipment
        case .beidou: self = .beidou
        case .ai: self = .ai
        case .other: self = .other
        }
    }
}

extension Components.Schemas.FieldCode {
    init(_ domain: Field) {
        switch domain {
        case .optoelectronics: self = .optoelectronics
        case .newEnergyVehicles: self = .newEnergyVehicles
        case .lifeHealth: self = .lifeHealth
        case .highEndEquipment: self = .highEndEquipment
        case .beidou: self = .beidou
        case .ai: self = .ai
        case .other: self = .other
        }
    }
}

extension SupplyStatus {
    init(_ wire: Components.Schemas.ListingStatus) {
        switch wire {
        case .draft: self = .draft
        case .listed: self = .listed
        case .underNegotiation: self = .underNegotiation
        case .transferred: self = .transferred
        case .withdrawn: self = .withdrawn
        }
    }
}

extension Components.Schemas.ListingStatus {
    init(_ domain: SupplyStatus) {
        switch domain {
        case .draft: self = .draft
        case .listed: self = .listed
        case .underNegotiation: self = .underNegotiation
        case .transferred: self = .transferred
        case .withdrawn: self = .withdrawn
        }
    }
}

extension CooperationMode {
    init(_ wire: Components.Schemas.CooperationMode) {
        switch wire {
        case .transfer: self = .transfer
        case .licence: self = .licence
        case .equity: self = .equity
        case .jointDevelopment: self = .jointDevelopment
        case .commissionedDevelopment: self = .commissionedDevelopment
        case .consulting: self = .consulting
        }
    }
}

extension Components.Schemas.CooperationMode {
    init(_ domain: CooperationMode) {
        switch domain {
        case .transfer: self = .transfer
        case .licence: self = .licence
        case .equity: self = .equity
        case .jointDevelopment: self = .jointDevelopment
        case .commissionedDevelopment: self = .commissionedDevelopment
        case .consulting: self = .consulting
        }
    }
}

extension Visibility {
    init(_ wire: Components.Schemas.Visibility) {
        switch wire {
        case ._public: self = .public
        case .corridor: self = .corridor
        }
    }
}

extension Components.Schemas.Visibility {
    init(_ domain: Visibility) {
        switch domain {
        case .public: self = ._public
        case .corridor: self = .corridor
        }
    }
}

/// A price range as the document spells it, once per schema that carries one (each has its own
/// generated type and currency enum).
protocol WirePriceRange {
    associatedtype Currency
    var currency: Currency? { get }
    var maxFen: Int64? { get }
    var minFen: Int64? { get }
    var negotiable: Bool? { get }
    init(currency: Currency?, maxFen: Int64?, minFen: Int64?, negotiable: Bool?)
    static func domain(_ currency: Currency) -> Money.Currency
    static func wire(_ currency: Money.Currency) -> Currency
}

extension PriceRange {
    /// As the domain decoded it before: `negotiable` false and the currency CNY when absent.
    init<Wire: WirePriceRange>(_ wire: Wire) {
        self.init(
            minFen: wire.minFen, maxFen: wire.maxFen, negotiable: wire.negotiable ?? false,
            currency: wire.currency.map(Wire.domain) ?? .cny)
    }
}

extension WirePriceRange {
    init(_ domain: PriceRange) {
        self.init(
            currency: Self.wire(domain.currency), maxFen: domain.maxFen, minFen: domain.minFen,
            negotiable: domain.negotiable)
    }
}

/// The one currency, for a wire enum whose only case is `cny`.
protocol WireCNY {
    static var cny: Self { get }
}

extension WirePriceRange where Currency: WireCNY {
    static func domain(_ currency: Currency) -> Money.Currency { .cny }
    static func wire(_ currency: Money.Currency) -> Currency {
        switch currency {
        case .cny: .cny
        }
    }
}

extension Components.Schemas.NewPatent.AskingPricePayload: WirePriceRange {}
extension Components.Schemas.NewPatent.AskingPricePayload.CurrencyPayload: WireCNY {}
extension Components.Schemas.PatentPatch.AskingPricePayload: WirePriceRange {}
extension Components.Schemas.PatentPatch.AskingPricePayload.CurrencyPayload: WireCNY {}
extension Components.Schemas.NewAchievement.PricePayload: WirePriceRange {}
extension Components.Schemas.NewAchievement.PricePayload.CurrencyPayload: WireCNY {}
extension Components.Schemas.AchievementPatch.PricePayload: WirePriceRange {}
extension Components.Schemas.AchievementPatch.PricePayload.CurrencyPayload: WireCNY {}
extension Components.Schemas.NewNeed.BudgetPayload: WirePriceRange {}
extension Components.Schemas.NewNeed.BudgetPayload.CurrencyPayload: WireCNY {}
extension Components.Schemas.NeedPatch.BudgetPayload: WirePriceRange {}
extension Components.Schemas.NeedPatch.BudgetPayload.CurrencyPayload: WireCNY {}
extension Components.Schemas.MatchQuery.BudgetPayload: WirePriceRange {}
extension Components.Schemas.MatchQuery.BudgetPayload.CurrencyPayload: WireCNY {}

/// A team member as the document spells it (achievements' team, applications' team).
protocol WireTeamMember {
    var name: String { get }
    var role: String? { get }
    var title: String? { get }
    init(name: String, role: String?, title: String?)
}

extension Components.Schemas.NewAchievement.TeamMembersPayloadPayload: WireTeamMember {}
extension Components.Schemas.AchievementPatch.TeamMembersPayloadPayload: WireTeamMember {}
extension Components.Schemas.NewChallengeApplication.TeamPayloadPayload: WireTeamMember {}

/// A moderation record as the document spells it, once per listing schema.
protocol WireModeration {
    var at: Date { get }
    var byUser: Int64? { get }
    var reason: String { get }
    init(at: Date, byUser: Int64?, reason: String)
}

extension Components.Schemas.Patent.ModerationPayload: WireModeration {}
extension Components.Schemas.Achievement.ModerationPayload: WireModeration {}
extension Components.Schemas.Need.ModerationPayload: WireModeration {}

extension WireModeration {
    init(_ domain: Moderation) {
        self.init(at: domain.at, byUser: domain.byUser, reason: domain.reason)
    }
}

extension Components.Schemas.Patent.AskingPricePayload: WirePriceRange {}
extension Components.Schemas.Patent.AskingPricePayload.CurrencyPayload: WireCNY {}
extension Components.Schemas.Achievement.PricePayload: WirePriceRange {}
extension Components.Schemas.Achievement.PricePayload.CurrencyPayload: WireCNY {}
extension Components.Schemas.Need.BudgetPayload: WirePriceRange {}
extension Components.Schemas.Need.BudgetPayload.CurrencyPayload: WireCNY {}
extension Components.Schemas.Achievement.TeamMembersPayloadPayload: WireTeamMember {}
