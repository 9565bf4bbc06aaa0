import Kernel

/// Every refusal of the vouchers module, with its stable code. Where several apply, the
/// services check them in the order listed here (TigerBeetle's precedence habit).
enum VoucherError {
    static func amountMustBePositive(field: String) -> DomainError {
        .invalid("amount_must_be_positive", field: field, zh: "金额必须大于零", en: "The amount must be positive")
    }

    static func notUnitMultiple(field: String, unit: Int64) -> DomainError {
        .invalid(
            "amount_not_unit_multiple", field: field, zh: "金额须为券面单位（\(unit / 100) 元）的整数倍",
            en: "The amount must be a whole number of voucher units (¥\(unit / 100))"
        )
    }

    static func insufficientBalance(account: String, balance: Int64, amount: Int64) -> DomainError {
        DomainError(
            .conflict, code: "insufficient_balance", zh: "余额不足", en: "The balance is insufficient",
            details: ["account": .string(account), "balance": .int(balance), "amount": .int(amount)]
        )
    }

    static var policyNotFound: DomainError { .notFound("voucher_policy", zh: "创新券政策") }
    static var voucherNotFound: DomainError { .notFound("voucher", zh: "创新券") }
    static var applicationNotFound: DomainError { .notFound("voucher_application", zh: "创新券申请") }
    static var providerNotFound: DomainError { .notFound("provider", zh: "服务机构") }
    static var redemptionNotFound: DomainError { .notFound("redemption", zh: "兑付申请") }

    static func conflict(_ code: String, zh: String, en: String, details: [String: JSONValue] = [:]) -> DomainError {
        DomainError(.conflict, code: code, zh: zh, en: en, details: details)
    }

    static func invalid(_ code: String, field: String, zh: String, en: String) -> DomainError {
        .invalid(code, field: field, zh: zh, en: en)
    }

    static var voucherExpired: DomainError {
        conflict("voucher_expired", zh: "创新券已过期", en: "The voucher has expired")
    }

    static var budgetExhausted: DomainError {
        conflict("budget_exhausted", zh: "本市创新券预算不足", en: "The city's voucher budget is exhausted")
    }

    static func exceedsYearlyCap(cap: Int64, used: Int64) -> DomainError {
        conflict(
            "exceeds_yearly_cap", zh: "超过每家企业年度额度", en: "This exceeds the enterprise's yearly cap",
            details: ["capFen": .int(cap), "usedFen": .int(used)]
        )
    }

    static func exceedsAvailableBalance(available: Int64) -> DomainError {
        conflict(
            "exceeds_available_balance", zh: "超过创新券可用余额", en: "This exceeds the voucher's available balance",
            details: ["availableFen": .int(available)]
        )
    }

    static var providerNotListed: DomainError {
        conflict("provider_not_listed", zh: "该服务机构未在服务机构库中登记或已暂停", en: "The provider is not listed (or is suspended)")
    }

    static var categoryNotCovered: DomainError {
        .invalid(
            "category_not_covered", field: "category", zh: "该服务类别不在政策支持范围内",
            en: "The policy does not cover this category")
    }

    static var wrongCity: DomainError {
        DomainError(.forbidden, code: "wrong_city", zh: "只能向本市申请、审批", en: "This belongs to another city")
    }

    static func wrongState(_ what: String, state: String, allowed: [String]) -> DomainError {
        conflict(
            "\(what)_wrong_state", zh: "当前状态（\(state)）下不能进行此操作", en: "Not possible while the \(what) is \(state)",
            details: ["state": .string(state), "allowedFrom": .array(allowed.map { .string($0) })]
        )
    }
}
