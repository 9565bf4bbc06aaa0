import Foundation
import Identity
import Kernel

/// The services a voucher may pay for.
public enum ServiceCategory: String, Codable, CaseIterable, Sendable {
    /// 研发服务
    case rd
    /// 技术转移
    case technologyTransfer = "technology_transfer"
    /// 检验检测
    case testing
    /// 大型仪器共享
    case instrumentSharing = "instrument_sharing"
}

/// 通兑: the enterprise pays its share and the provider redeems the voucher part.
/// 通用: the enterprise pays in full and is reimbursed the voucher part.
public enum RedemptionMode: String, Codable, CaseIterable, Sendable {
    case tongdui
    case tongyong
}

/// One city's voucher rules for one budget year, as one version. Amending makes a new version;
/// vouchers keep the version they were issued under.
public struct VoucherPolicy: Codable, Sendable, Equatable {
    public struct CategoryRule: Codable, Sendable, Equatable {
        public var category: ServiceCategory
        /// The most the voucher pays of a contract, in thousandths (500 = 50 %).
        public var ratioPermille: Int

        public init(category: ServiceCategory, ratioPermille: Int) {
            self.category = category
            self.ratioPermille = ratioPermille
        }
    }

    /// Who may apply: an enterprise with at least one of `anyOf` (empty: any enterprise), and a
    /// revenue band no higher than `maxRevenueBand` when given.
    public struct Eligibility: Codable, Sendable, Equatable {
        public var anyOf: [Qualification]
        public var maxRevenueBand: RevenueBand?

        public init(anyOf: [Qualification] = [], maxRevenueBand: RevenueBand? = nil) {
            self.anyOf = anyOf
            self.maxRevenueBand = maxRevenueBand
        }
    }

    /// What a redemption must pay into (issue 16): typed contract terms or a platform contract
    /// (`terms`, the rule of policies written before contracts were on the platform), a platform
    /// technology contract signed by both parties (`signed`), or one registered with the
    /// seller's city (`registered`, 认定登记).
    public enum ContractRule: String, Codable, CaseIterable, Sendable {
        case terms
        case signed
        case registered
    }

    public enum Qualification: String, Codable, CaseIterable, Sendable {
        /// 科技型中小企业
        case techSME = "tech_sme"
        /// 高新技术企业
        case highTech = "high_tech"
        /// 专精特新
        case specialized
    }

    public var id: Int64
    public var city: CityCode
    public var year: Int
    public var version: Int
    public var budgetFen: Int64
    public var unitFen: Int64
    public var yearlyCapFen: Int64
    public var categories: [CategoryRule]
    public var eligibility: Eligibility
    public var validUntil: Date
    public var modes: [RedemptionMode]
    public var providerCities: [CityCode]
    /// Hours a 通兑 hold waits for the provider's confirmation before it is released.
    public var holdHours: Int
    /// Days a confirmed delivery waits for the enterprise to accept or dispute; silence is
    /// acceptance.
    public var acceptanceDays: Int
    /// The fraud rules' parameters for redemptions paid by this policy's vouchers.
    public var fraudRules: FraudRules
    /// What a redemption must pay into; policies stored before the rule existed read `terms`.
    public var contractRule: ContractRule
    public var current: Bool
    public var createdAt: Date

    public static let defaultAcceptanceDays = 15

    func ratio(for category: ServiceCategory) -> Int? {
        categories.first { $0.category == category }?.ratioPermille
    }

    /// The first instant of the policy's budget year (China Standard Time): no voucher of it is
    /// spent before.
    var yearStart: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        return calendar.date(from: DateComponents(year: year, month: 1, day: 1)) ?? .distantPast
    }
}

extension VoucherPolicy {
    /// Policies stored before acceptance days and fraud settings existed read with the defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        city = try c.decode(CityCode.self, forKey: .city)
        year = try c.decode(Int.self, forKey: .year)
        version = try c.decode(Int.self, forKey: .version)
        budgetFen = try c.decode(Int64.self, forKey: .budgetFen)
        unitFen = try c.decode(Int64.self, forKey: .unitFen)
        yearlyCapFen = try c.decode(Int64.self, forKey: .yearlyCapFen)
        categories = try c.decode([CategoryRule].self, forKey: .categories)
        eligibility = try c.decode(Eligibility.self, forKey: .eligibility)
        validUntil = try c.decode(Date.self, forKey: .validUntil)
        modes = try c.decode([RedemptionMode].self, forKey: .modes)
        providerCities = try c.decode([CityCode].self, forKey: .providerCities)
        holdHours = try c.decode(Int.self, forKey: .holdHours)
        acceptanceDays = try c.decodeIfPresent(Int.self, forKey: .acceptanceDays) ?? Self.defaultAcceptanceDays
        fraudRules = try c.decodeIfPresent(FraudRules.self, forKey: .fraudRules) ?? FraudRules()
        contractRule = try c.decodeIfPresent(ContractRule.self, forKey: .contractRule) ?? .terms
        current = try c.decode(Bool.self, forKey: .current)
        createdAt = try c.decode(Date.self, forKey: .createdAt)
    }
}

/// The body of `POST /v1/voucher-policies` and of an amendment.
public struct NewVoucherPolicy: Sendable {

    public var year: Int
    public var budgetFen: Int64
    public var unitFen: Int64
    public var yearlyCapFen: Int64
    public var categories: [VoucherPolicy.CategoryRule]
    public var eligibility: VoucherPolicy.Eligibility?
    public var validUntil: Date
    public var modes: [RedemptionMode]?
    public var providerCities: [CityCode]?
    public var holdHours: Int?
    public var acceptanceDays: Int?
    public var fraudRules: FraudRules?
    public var contractRule: VoucherPolicy.ContractRule?

    public init(
        year: Int, budgetFen: Int64, unitFen: Int64, yearlyCapFen: Int64, categories: [VoucherPolicy.CategoryRule],
        eligibility: VoucherPolicy.Eligibility? = nil, validUntil: Date, modes: [RedemptionMode]? = nil,
        providerCities: [CityCode]? = nil, holdHours: Int? = nil, acceptanceDays: Int? = nil,
        fraudRules: FraudRules? = nil, contractRule: VoucherPolicy.ContractRule? = nil
    ) {
        self.year = year
        self.budgetFen = budgetFen
        self.unitFen = unitFen
        self.yearlyCapFen = yearlyCapFen
        self.categories = categories
        self.eligibility = eligibility
        self.validUntil = validUntil
        self.modes = modes
        self.providerCities = providerCities
        self.holdHours = holdHours
        self.acceptanceDays = acceptanceDays
        self.fraudRules = fraudRules
        self.contractRule = contractRule
    }

    /// ¥1 billion: no city's yearly voucher budget is larger.
    static let budgetCeiling: Int64 = 100_000_000_000

    func validated(now: Date) throws {
        guard (now.chinaYear - 1...now.chinaYear + 1).contains(year) else {
            throw VoucherError.yearOutOfRange
        }
        guard budgetFen > 0 else { throw VoucherError.amountMustBePositive(field: "budgetFen") }
        guard budgetFen <= Self.budgetCeiling else {
            throw VoucherError.budgetTooLarge
        }
        guard unitFen > 0 else { throw VoucherError.amountMustBePositive(field: "unitFen") }
        guard yearlyCapFen > 0 else { throw VoucherError.amountMustBePositive(field: "yearlyCapFen") }
        guard yearlyCapFen % unitFen == 0 else {
            throw VoucherError.notUnitMultiple(field: "yearlyCapFen", unit: unitFen)
        }
        guard yearlyCapFen <= budgetFen else {
            throw VoucherError.capExceedsBudget
        }
        guard !categories.isEmpty, Set(categories.map(\.category)).count == categories.count else {
            throw VoucherError.categoriesInvalid
        }
        for rule in categories where !(1...1_000).contains(rule.ratioPermille) {
            throw VoucherError.ratioOutOfRange
        }
        guard validUntil > now else {
            throw VoucherError.validUntilInPast
        }
        if let modes, modes.isEmpty || Set(modes).count != modes.count {
            throw VoucherError.modesInvalid
        }
        if let providerCities, providerCities.isEmpty || Set(providerCities).count != providerCities.count {
            throw VoucherError.providerCitiesInvalid
        }
        if let holdHours, !(1...24 * 90).contains(holdHours) {
            throw VoucherError.holdHoursOutOfRange
        }
        if let acceptanceDays, !(1...90).contains(acceptanceDays) {
            throw VoucherError.acceptanceDaysOutOfRange
        }
        try fraudRules?.validated()
    }
}

extension Date {
    /// The calendar year in China Standard Time.
    var chinaYear: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        return calendar.component(.year, from: self)
    }
}
