import Foundation
import Kernel
import Listings

// What the listing resources share on the wire (generated from openapi.yaml) and in the
// domain: fields, statuses, cooperation modes, visibility, money, and price ranges.
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

extension Money.Currency {
    init(_ wire: Components.Schemas.Currency) {
        switch wire {
        case .cny: self = .cny
        }
    }
}

extension Components.Schemas.Currency {
    init(_ domain: Money.Currency) {
        switch domain {
        case .cny: self = .cny
        }
    }
}

extension Components.Schemas.Money {
    init(_ domain: Money) {
        self.init(currency: .init(domain.currency), fen: domain.fen)
    }
}

extension PriceRange {
    /// As the domain decoded it before: `negotiable` false and the currency CNY when absent.
    init(_ wire: Components.Schemas.PriceRange) {
        self.init(
            minFen: wire.minFen, maxFen: wire.maxFen, negotiable: wire.negotiable ?? false,
            currency: wire.currency.map(Money.Currency.init) ?? .cny)
    }
}

extension Components.Schemas.PriceRange {
    init(_ domain: PriceRange) {
        self.init(
            currency: .init(domain.currency), maxFen: domain.maxFen, minFen: domain.minFen,
            negotiable: domain.negotiable)
    }
}

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
