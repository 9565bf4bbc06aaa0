import Kernel

/// The one catalogue of the vouchers module's refusals: a member per stable code, with its kind
/// (the HTTP layer maps it to a status), its field, its details and its Chinese and English
/// message, here and nowhere else (issue 15). Grouped by flow; within a flow, where several
/// apply, the services and machines check them in the order listed (TigerBeetle's precedence
/// habit). Each member is a `DomainError`, the one error type the HTTP layer and the console
/// know, so logic files write `throw VoucherError.someCase`.
enum VoucherError {
    private static func conflict(
        _ code: String, field: String? = nil, zh: String, en: String, details: [String: JSONValue] = [:]
    ) -> DomainError {
        DomainError(.conflict, code: code, field: field, zh: zh, en: en, details: details)
    }

    private static func invalid(_ code: String, field: String, zh: String, en: String) -> DomainError {
        .invalid(code, field: field, zh: zh, en: en)
    }

    // MARK: who may act (every flow, first)

    /// Authenticated, not allowed (Kernel's generic 403).
    static var forbidden: DomainError { DomainError.forbidden }
    static var wrongCity: DomainError {
        DomainError(.forbidden, code: "wrong_city", zh: "只能向本市申请、审批", en: "This belongs to another city")
    }
    /// A party's step taken by someone outside that party (separation of duties, Kernel's text).
    static var notYourParty: DomainError { SeparationOfDuties.notYourParty }
    static func samePerson(step: String, earlier: String) -> DomainError {
        SeparationOfDuties.samePerson(step: step, earlier: earlier)
    }

    // MARK: not found

    static var policyNotFound: DomainError { .notFound("voucher_policy", zh: "创新券政策") }
    static var voucherNotFound: DomainError { .notFound("voucher", zh: "创新券") }
    static var applicationNotFound: DomainError { .notFound("voucher_application", zh: "创新券申请") }
    static var providerNotFound: DomainError { .notFound("provider", zh: "服务机构") }
    static var redemptionNotFound: DomainError { .notFound("redemption", zh: "兑付申请") }
    static var settlementNotFound: DomainError { .notFound("settlement", zh: "结算批次") }

    // MARK: lifecycles (the state machines' refusals)

    /// `application_wrong_state`, `voucher_wrong_state`, `redemption_wrong_state`,
    /// `provider_wrong_state`, `settlement_wrong_state`.
    static func wrongState(_ what: String, state: String, allowed: [String]) -> DomainError {
        conflict(
            "\(what)_wrong_state", zh: "当前状态（\(state)）下不能进行此操作", en: "Not possible while the \(what) is \(state)",
            details: ["state": .string(state), "allowedFrom": .array(allowed.map { .string($0) })]
        )
    }
    static var reasonRequired: DomainError {
        invalid("reason_required", field: "reason", zh: "此操作须说明理由", en: "This step needs a reason")
    }
    /// The same code, worded for rejecting an application.
    static var rejectionReasonRequired: DomainError {
        invalid("reason_required", field: "reason", zh: "驳回须说明理由", en: "A rejection needs a reason")
    }

    // MARK: amounts (shared)

    static func amountMustBePositive(field: String) -> DomainError {
        invalid("amount_must_be_positive", field: field, zh: "金额必须大于零", en: "The amount must be positive")
    }
    static func notUnitMultiple(field: String, unit: Int64) -> DomainError {
        invalid(
            "amount_not_unit_multiple", field: field, zh: "金额须为券面单位（\(unit / 100) 元）的整数倍",
            en: "The amount must be a whole number of voucher units (¥\(unit / 100))"
        )
    }
    static func insufficientBalance(account: String, balance: Int64, amount: Int64) -> DomainError {
        conflict(
            "insufficient_balance", zh: "余额不足", en: "The balance is insufficient",
            details: ["account": .string(account), "balance": .int(balance), "amount": .int(amount)]
        )
    }

    // MARK: policies (validation of the body, then the city's versions)

    static var yearOutOfRange: DomainError {
        invalid(
            "year_out_of_range", field: "year", zh: "政策年度须为去年、今年或明年",
            en: "year must be last year, this year or next year")
    }
    static var budgetTooLarge: DomainError {
        invalid("budget_too_large", field: "budgetFen", zh: "预算超过上限", en: "The budget exceeds the ceiling")
    }
    static var capExceedsBudget: DomainError {
        invalid(
            "cap_exceeds_budget", field: "yearlyCapFen", zh: "年度额度不能超过预算", en: "The yearly cap cannot exceed the budget"
        )
    }
    /// A policy's categories, or a provider's.
    static var categoriesInvalid: DomainError {
        invalid("categories_invalid", field: "categories", zh: "服务类别不能为空或重复", en: "Categories must be given, each once")
    }
    static var ratioOutOfRange: DomainError {
        invalid(
            "ratio_out_of_range", field: "categories", zh: "补贴比例须在 0.1% 到 100% 之间",
            en: "ratioPermille must be 1 to 1000")
    }
    static var validUntilInPast: DomainError {
        invalid(
            "valid_until_in_past", field: "validUntil", zh: "有效期须晚于当前时间", en: "validUntil must be in the future")
    }
    static var modesInvalid: DomainError {
        invalid("modes_invalid", field: "modes", zh: "兑付方式不能为空或重复", en: "Modes must be given, each once")
    }
    static var providerCitiesInvalid: DomainError {
        invalid(
            "provider_cities_invalid", field: "providerCities", zh: "服务机构城市不能为空或重复",
            en: "Provider cities must be given, each once")
    }
    static var holdHoursOutOfRange: DomainError {
        invalid(
            "hold_hours_out_of_range", field: "holdHours", zh: "冻结时限须在 1 小时到 90 天之间",
            en: "holdHours must be 1 to 2160")
    }
    static var acceptanceDaysOutOfRange: DomainError {
        invalid(
            "acceptance_days_out_of_range", field: "acceptanceDays", zh: "验收时限须在 1 到 90 天之间",
            en: "acceptanceDays must be 1 to 90")
    }
    static func fraudRuleOutOfRange(_ field: String, range: String) -> DomainError {
        invalid(
            "fraud_rule_out_of_range", field: "fraudRules.\(field)", zh: "风控参数 \(field) 须在 \(range) 之间",
            en: "fraudRules.\(field) must be \(range)")
    }
    static var policyExists: DomainError {
        conflict(
            "policy_exists", zh: "本市该年度已有政策，请提交修订", en: "This city already has a policy for that year; amend it")
    }
    static var policySuperseded: DomainError {
        conflict("policy_superseded", zh: "只能修订当前版本", en: "Only the current version can be amended")
    }
    static var yearFixed: DomainError {
        invalid("year_fixed", field: "year", zh: "修订不能改变年度", en: "An amendment keeps the year")
    }
    static func budgetBelowIssued(unallocated: Int64) -> DomainError {
        conflict(
            "budget_below_issued", zh: "预算不能低于已发放金额", en: "The budget cannot drop below what is already issued",
            details: ["unallocatedFen": .int(unallocated)])
    }

    // MARK: applications and vouchers

    static var onlyEnterprisesApply: DomainError {
        DomainError(
            .forbidden, code: "organization_kind_not_allowed", zh: "只有企业可以申请创新券",
            en: "Only enterprises apply for vouchers")
    }
    static var noPolicy: DomainError {
        conflict("no_policy", zh: "本市该年度尚无创新券政策", en: "The city has no voucher policy for that year")
    }
    static var policyClosed: DomainError { conflict("policy_closed", zh: "政策已过有效期", en: "The policy has closed") }
    static func notEligible(anyOf: [String], maxRevenueBand: String?) -> DomainError {
        DomainError(
            .forbidden, code: "not_eligible", zh: "企业不符合本市创新券申请条件",
            en: "The enterprise does not meet the policy's eligibility",
            details: [
                "anyOf": .array(anyOf.map { .string($0) }),
                "maxRevenueBand": maxRevenueBand.map { .string($0) } ?? .null,
            ]
        )
    }
    static var amountAboveRequested: DomainError {
        invalid(
            "amount_above_requested", field: "amountFen", zh: "批准金额不能高于申请金额", en: "Cannot approve more than was asked")
    }
    static func exceedsYearlyCap(cap: Int64, used: Int64) -> DomainError {
        conflict(
            "exceeds_yearly_cap", zh: "超过每家企业年度额度", en: "This exceeds the enterprise's yearly cap",
            details: ["capFen": .int(cap), "usedFen": .int(used)]
        )
    }
    static var budgetExhausted: DomainError {
        conflict("budget_exhausted", zh: "本市创新券预算不足", en: "The city's voucher budget is exhausted")
    }

    // MARK: providers

    static var onlyProvidersRegister: DomainError {
        DomainError(
            .forbidden, code: "organization_kind_not_allowed", zh: "只有科技服务机构、高校和科研院所可以登记为服务机构",
            en: "Only service providers, universities, institutes and labs can register"
        )
    }
    static var providerExists: DomainError {
        conflict("provider_exists", zh: "本机构已在服务机构库中或正在审核", en: "This organisation is registered or under review")
    }
    static var noticeRunning: DomainError {
        conflict("notice_running", zh: "公示期尚未结束", en: "The public notice has not ended")
    }
    static var noticeNotRunning: DomainError {
        conflict("notice_not_running", zh: "不在公示期内", en: "The provider is not on public notice")
    }

    // MARK: opening a redemption

    static var amountTooLarge: DomainError {
        invalid("amount_too_large", field: "contractFen", zh: "合同金额超过上限", en: "The contract value exceeds the ceiling")
    }
    static var voucherExpired: DomainError {
        conflict("voucher_expired", zh: "创新券已过期", en: "The voucher has expired")
    }
    static var policyYearNotStarted: DomainError {
        conflict("policy_year_not_started", zh: "政策年度尚未开始，暂不能使用", en: "The policy's year has not started yet")
    }
    static var categoryNotCovered: DomainError {
        invalid(
            "category_not_covered", field: "category", zh: "该服务类别不在政策支持范围内",
            en: "The policy does not cover this category")
    }
    static var modeNotAllowed: DomainError {
        invalid("mode_not_allowed", field: "mode", zh: "政策不支持该兑付方式", en: "The policy does not allow this mode")
    }
    static var invoiceRequired: DomainError {
        invalid("invoice_required", field: "invoiceNumber", zh: "通用模式须提供发票号", en: "通用 claims need the invoice number")
    }
    static var providerIsEnterprise: DomainError {
        conflict("provider_is_enterprise", zh: "企业不能向自己兑付创新券", en: "An enterprise cannot redeem a voucher with itself")
    }
    static var providerNotListed: DomainError {
        conflict("provider_not_listed", zh: "该服务机构未在服务机构库中登记或已暂停", en: "The provider is not listed (or is suspended)")
    }
    static var providerCategoryNotRegistered: DomainError {
        invalid(
            "provider_category_not_registered", field: "category", zh: "该服务机构未登记此服务类别",
            en: "The provider is not registered for this category")
    }
    static var providerCityNotAccepted: DomainError {
        conflict(
            "provider_city_not_accepted", zh: "本市政策不接受该城市的服务机构",
            en: "The policy does not accept providers from that city")
    }
    static var contractBoundToOtherParty: DomainError {
        conflict(
            "contract_bound_to_other_party", zh: "该合同编号已由其他企业使用",
            en: "This contract number belongs to another enterprise's contract")
    }
    static func contractValueDiffers(recorded: Int64) -> DomainError {
        conflict(
            "contract_value_differs", field: "contractFen", zh: "合同金额与该合同首次登记的金额不一致",
            en: "The contract value differs from the value first recorded for this contract",
            details: ["recordedFen": .int(recorded)])
    }
    static func contractCategoryDiffers(recorded: String) -> DomainError {
        conflict(
            "contract_category_differs", field: "category", zh: "服务类别与该合同首次登记的类别不一致",
            en: "The category differs from the one first recorded for this contract",
            details: ["recordedCategory": .string(recorded)])
    }
    /// The voucher's policy pays only into technology contracts on the platform.
    static var technologyContractRequired: DomainError {
        invalid(
            "technology_contract_required", field: "technologyContractId", zh: "本市政策要求兑付双方签署的平台技术合同",
            en: "The policy pays only into a technology contract signed on the platform")
    }
    /// Without a technology contract, the contract's number, value and category are needed.
    static func contractTermsRequired(field: String) -> DomainError {
        invalid(
            "contract_terms_required", field: field, zh: "未指定技术合同时，须填写合同编号、金额与服务类别",
            en: "Without a technology contract, give the contract's number, value and category")
    }
    /// The named technology contract is missing, or the voucher's enterprise is not its buyer.
    static var technologyContractNotFound: DomainError {
        .notFound("technology_contract", zh: "技术合同")
    }
    static var technologyContractOtherSeller: DomainError {
        conflict(
            "technology_contract_other_seller", zh: "该技术合同的卖方不是所选服务机构",
            en: "The technology contract's seller is not the chosen provider")
    }
    static var technologyContractNotSigned: DomainError {
        conflict(
            "technology_contract_not_signed", zh: "技术合同尚未由双方签署，或已取消、终止",
            en: "The technology contract is not signed by both parties, or was cancelled or terminated")
    }
    static var technologyContractNotRegistered: DomainError {
        conflict(
            "technology_contract_not_registered", zh: "本市政策要求技术合同已认定登记",
            en: "The policy requires the technology contract to be registered")
    }
    static var technologyContractUnpaid: DomainError {
        conflict(
            "technology_contract_unpaid", zh: "通用兑付须先登记技术合同的付款",
            en: "A 通用 claim needs a recorded payment on the technology contract")
    }
    static func invoiceAlreadyUsed(by other: Int64) -> DomainError {
        conflict(
            "invoice_already_used", field: "invoiceNumber", zh: "该发票已用于另一笔兑付（\(other)）",
            en: "This invoice was already used for another redemption (\(other))",
            details: ["redemptionId": .int(other)])
    }
    static func contractFullySubsidised(cap: Int64, already: Int64) -> DomainError {
        conflict(
            "contract_fully_subsidised", zh: "该合同的补贴已达政策比例上限",
            en: "This contract has already received the policy's share",
            details: ["capFen": .int(cap), "alreadyFen": .int(already)])
    }
    static func exceedsAvailableBalance(available: Int64) -> DomainError {
        conflict(
            "exceeds_available_balance", zh: "超过创新券可用余额", en: "This exceeds the voucher's available balance",
            details: ["availableFen": .int(available)]
        )
    }
    static var contractBelowUnit: DomainError {
        invalid(
            "contract_below_unit", field: "contractFen", zh: "合同金额过小，补贴不足一个券面单位",
            en: "The contract is too small for one voucher unit")
    }

    // MARK: steps on a redemption (after who and the state: see `RedemptionMachine`)

    static var noReviewPending: DomainError {
        conflict("no_review_pending", zh: "该兑付无需审核或已审核", en: "No review is pending")
    }
    static var holdExpired: DomainError {
        conflict(
            "hold_expired", zh: "冻结已过期限，不能再确认", en: "The hold has passed its deadline and can no longer be confirmed")
    }
    static var outcomeRequired: DomainError {
        invalid(
            "outcome_required", field: "outcome", zh: "请选择裁定结果",
            en: "outcome is required (pay_full, pay_part or cancel)")
    }
    static var partOutOfRange: DomainError {
        invalid(
            "part_out_of_range", field: "amountFen", zh: "部分支付金额须大于零且小于券付金额",
            en: "amountFen must be more than zero and less than the voucher part")
    }
    static func reviewPending(flags: [String]) -> DomainError {
        conflict(
            "review_pending", zh: "该兑付需经本市审核后方可兑付", en: "This redemption needs the city's review before capture",
            details: ["flags": .array(flags.map { .string($0) })])
    }
    static var settlementPending: DomainError {
        conflict(
            "settlement_pending", zh: "该兑付已列入待支付的结算批次，请在支付后冲销",
            en: "The redemption is in a settlement batch awaiting payment; reverse it after payment")
    }

    // MARK: settlement and receivables

    static var periodInvalid: DomainError {
        invalid("period_invalid", field: "period", zh: "结算期须为 YYYY-MM", en: "period must be YYYY-MM")
    }
    static var periodNotEnded: DomainError {
        conflict("period_not_ended", zh: "结算期尚未结束", en: "The period has not ended")
    }
    static var settlementExists: DomainError {
        conflict("settlement_exists", zh: "该结算期已有结算批次", en: "This period already has a batch")
    }
    static var nothingToSettle: DomainError {
        conflict("nothing_to_settle", zh: "该结算期没有待结算的兑付", en: "Nothing to settle for this period")
    }
    static func exceedsReceivable(owed: Int64) -> DomainError {
        conflict(
            "exceeds_receivable", field: "amountFen", zh: "超过该机构应退还的金额", en: "This is more than the payee owes",
            details: ["owedFen": .int(owed)])
    }
}
