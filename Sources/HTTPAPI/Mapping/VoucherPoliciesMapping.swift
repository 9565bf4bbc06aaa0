import Identity
import Kernel
import Vouchers

// Between the wire types of the voucher-policy routes (generated from openapi.yaml) and the
// Vouchers module's own types. Both directions are spelled out with every member, and enums
// are mapped by exhaustive switches (never by raw value), so a member or case added on either
// side and not mapped fails to compile.

extension NewVoucherPolicy {
    init(_ wire: Components.Schemas.NewVoucherPolicy) {
        self.init(
            year: Int(wire.year), budgetFen: wire.budgetFen, unitFen: wire.unitFen, yearlyCapFen: wire.yearlyCapFen,
            categories: wire.categories.map(VoucherPolicy.CategoryRule.init),
            eligibility: wire.eligibility.map(VoucherPolicy.Eligibility.init), validUntil: wire.validUntil,
            modes: wire.modes?.map(RedemptionMode.init), providerCities: wire.providerCities?.map(CityCode.init),
            holdHours: wire.holdHours.map(Int.init), acceptanceDays: wire.acceptanceDays.map(Int.init),
            fraudRules: wire.fraudRules.map(FraudRules.init),
            contractRule: wire.contractRule.map(VoucherPolicy.ContractRule.init)
        )
    }
}

extension Components.Schemas.NewVoucherPolicy {
    init(_ domain: NewVoucherPolicy) {
        self.init(
            acceptanceDays: domain.acceptanceDays.map(Int64.init), budgetFen: domain.budgetFen,
            categories: domain.categories.map(Components.Schemas.VoucherCategoryRule.init),
            contractRule: domain.contractRule.map(Components.Schemas.VoucherContractRule.init),
            eligibility: domain.eligibility.map(Components.Schemas.VoucherEligibility.init),
            fraudRules: domain.fraudRules.map(Components.Schemas.FraudRules.init),
            holdHours: domain.holdHours.map(Int64.init),
            modes: domain.modes?.map(Components.Schemas.RedemptionMode.init),
            providerCities: domain.providerCities?.map(Components.Schemas.CityCode.init), unitFen: domain.unitFen,
            validUntil: domain.validUntil, year: Int64(domain.year), yearlyCapFen: domain.yearlyCapFen
        )
    }
}

extension VoucherPolicy.CategoryRule {
    init(_ wire: Components.Schemas.VoucherCategoryRule) {
        self.init(category: ServiceCategory(wire.category), ratioPermille: Int(wire.ratioPermille))
    }
}

extension Components.Schemas.VoucherCategoryRule {
    init(_ domain: VoucherPolicy.CategoryRule) {
        self.init(category: .init(domain.category), ratioPermille: Int64(domain.ratioPermille))
    }
}

extension VoucherPolicy.Eligibility {
    init(_ wire: Components.Schemas.VoucherEligibility) {
        self.init(
            anyOf: wire.anyOf.map(VoucherPolicy.Qualification.init),
            maxRevenueBand: wire.maxRevenueBand.map(RevenueBand.init))
    }
}

extension Components.Schemas.VoucherEligibility {
    init(_ domain: VoucherPolicy.Eligibility) {
        self.init(
            anyOf: domain.anyOf.map(Components.Schemas.Qualification.init),
            maxRevenueBand: domain.maxRevenueBand.map(Components.Schemas.RevenueBand.init))
    }
}

extension VoucherPolicy.Qualification {
    init(_ wire: Components.Schemas.Qualification) {
        switch wire {
        case .techSme: self = .techSME
        case .highTech: self = .highTech
        case .specialized: self = .specialized
        }
    }
}

extension Components.Schemas.Qualification {
    init(_ domain: VoucherPolicy.Qualification) {
        switch domain {
        case .techSME: self = .techSme
        case .highTech: self = .highTech
        case .specialized: self = .specialized
        }
    }
}

extension FraudRules {
    /// A rule left out keeps its default.
    init(_ wire: Components.Schemas.FraudRules) {
        self.init()
        if let value = wire.concentrationWindowDays { concentrationWindowDays = Int(value) }
        if let value = wire.maxProviderSharePermille { maxProviderSharePermille = Int(value) }
        if let value = wire.minimumForShare { minimumForShare = Int(value) }
        if let value = wire.nearBelowPermille { nearBelowPermille = Int(value) }
        if let value = wire.nearRepeat { nearRepeat = Int(value) }
        if let value = wire.splittingWindowDays { splittingWindowDays = Int(value) }
        if let value = wire.thresholdsFen { thresholdsFen = value }
    }
}

extension Components.Schemas.FraudRules {
    init(_ domain: FraudRules) {
        self.init(
            concentrationWindowDays: Int64(domain.concentrationWindowDays),
            maxProviderSharePermille: Int64(domain.maxProviderSharePermille),
            minimumForShare: Int64(domain.minimumForShare), nearBelowPermille: Int64(domain.nearBelowPermille),
            nearRepeat: Int64(domain.nearRepeat), splittingWindowDays: Int64(domain.splittingWindowDays),
            thresholdsFen: domain.thresholdsFen)
    }
}

// The redemption modes, shared by policies, redemptions and the settlement report.

extension RedemptionMode {
    init(_ wire: Components.Schemas.RedemptionMode) {
        switch wire {
        case .tongdui: self = .tongdui
        case .tongyong: self = .tongyong
        }
    }
}

extension Components.Schemas.RedemptionMode {
    init(_ domain: RedemptionMode) {
        switch domain {
        case .tongdui: self = .tongdui
        case .tongyong: self = .tongyong
        }
    }
}

// The service categories, shared by policies, providers and redemptions.

extension ServiceCategory {
    init(_ wire: Components.Schemas.VoucherCategory) {
        switch wire {
        case .rd: self = .rd
        case .technologyTransfer: self = .technologyTransfer
        case .testing: self = .testing
        case .instrumentSharing: self = .instrumentSharing
        }
    }
}

extension Components.Schemas.VoucherCategory {
    init(_ domain: ServiceCategory) {
        switch domain {
        case .rd: self = .rd
        case .technologyTransfer: self = .technologyTransfer
        case .testing: self = .testing
        case .instrumentSharing: self = .instrumentSharing
        }
    }
}

extension VoucherPolicy.ContractRule {
    init(_ wire: Components.Schemas.VoucherContractRule) {
        switch wire {
        case .terms: self = .terms
        case .signed: self = .signed
        case .registered: self = .registered
        }
    }
}

extension Components.Schemas.VoucherContractRule {
    init(_ domain: VoucherPolicy.ContractRule) {
        switch domain {
        case .terms: self = .terms
        case .signed: self = .signed
        case .registered: self = .registered
        }
    }
}

/// A coding-path key, to name a field in a refusal exactly as a decoding failure would.
private struct WireKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

// Responses.

extension Components.Schemas.VoucherPolicy {
    init(_ domain: VoucherPolicy) {
        self.init(
            acceptanceDays: Int64(domain.acceptanceDays), budgetFen: domain.budgetFen,
            categories: domain.categories.map(Components.Schemas.VoucherCategoryRule.init),
            city: Components.Schemas.CityCode(domain.city),
            contractRule: Components.Schemas.VoucherContractRule(domain.contractRule),
            createdAt: domain.createdAt, current: domain.current,
            eligibility: Components.Schemas.VoucherEligibility(domain.eligibility),
            fraudRules: Components.Schemas.FraudRules(domain.fraudRules), holdHours: Int64(domain.holdHours),
            id: domain.id,
            modes: domain.modes.map(Components.Schemas.RedemptionMode.init),
            providerCities: domain.providerCities.map(Components.Schemas.CityCode.init), unitFen: domain.unitFen,
            validUntil: domain.validUntil, version: Int64(domain.version), year: Int64(domain.year),
            yearlyCapFen: domain.yearlyCapFen)
    }
}

extension Components.Schemas.VoucherPolicyList {
    init(_ domain: [VoucherPolicy]) {
        self.init(items: domain.map(Components.Schemas.VoucherPolicy.init))
    }
}
