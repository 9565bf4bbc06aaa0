import Kernel

/// The one catalogue of the deals module's refusals (issue 16): a member per stable code, with
/// its kind (the HTTP layer maps it to a status), its field, its details and its Chinese and
/// English message, here and nowhere else. Grouped by flow; within a flow the services and
/// machines check them in the order listed (who → state → the step's own conditions).
public enum DealsError {
    private static func conflict(
        _ code: String, field: String? = nil, zh: String, en: String, details: [String: JSONValue] = [:]
    ) -> DomainError {
        DomainError(.conflict, code: code, field: field, zh: zh, en: en, details: details)
    }

    private static func invalid(_ code: String, field: String, zh: String, en: String) -> DomainError {
        .invalid(code, field: field, zh: zh, en: en)
    }

    // MARK: who may act

    /// A reader (auditor, platform administrator) or the other side asking for a party's step.
    public static var notAParty: DomainError {
        DomainError(.forbidden, code: "not_a_party", zh: "只有合同或对接的当事方可以执行此操作", en: "Only a party may do this")
    }
    public static var registrationWrongCity: DomainError {
        DomainError(
            .forbidden, code: "registration_wrong_city", zh: "只有卖方所在城市的登记机构可以办理认定登记",
            en: "Only the registration office of the seller's city registers this contract")
    }
    public static var notTheSeller: DomainError {
        DomainError(
            .forbidden, code: "registration_seller_only", zh: "认定登记只能由卖方申请",
            en: "Only the seller applies for registration")
    }
    public static var notTheClerk: DomainError {
        DomainError(
            .forbidden, code: "registration_clerk_only", zh: "只有登记机构可以办理认定登记",
            en: "Only a registration clerk may do this")
    }
    public static var notTheReceiver: DomainError {
        DomainError(
            .forbidden, code: "connection_receiver_only", zh: "只有被邀请方可以答复", en: "Only the receiving side answers")
    }
    public static var notTheRequester: DomainError {
        DomainError(
            .forbidden, code: "connection_requester_only", zh: "只有发起方可以撤回", en: "Only the requesting side withdraws")
    }

    // MARK: not found (also the answer to anyone who may not see it)

    public static var connectionNotFound: DomainError { .notFound("connection", zh: "对接请求") }
    public static var contractNotFound: DomainError { .notFound("contract", zh: "技术合同") }
    public static var attachmentNotFound: DomainError { .notFound("attachment", zh: "附件") }
    public static var subjectNotFound: DomainError {
        DomainError(
            .notFound, code: "connection_subject_not_found", field: "subject", zh: "对接的成果、需求或榜单不存在",
            en: "The listing, need or challenge to connect about does not exist")
    }
    public static var organizationNotFound: DomainError { .notFound("organization", zh: "机构") }

    // MARK: lifecycles

    /// `connection_wrong_state`, `contract_wrong_state`.
    public static func wrongState(_ what: String, state: String, allowed: [String]) -> DomainError {
        conflict(
            "\(what)_wrong_state", zh: "当前状态（\(state)）下不能进行此操作", en: "Not possible while the \(what) is \(state)",
            details: ["state": .string(state), "allowedFrom": .array(allowed.map { .string($0) })])
    }
    public static var reasonRequired: DomainError {
        invalid("reason_required", field: "reason", zh: "此操作须说明理由", en: "This step needs a reason")
    }

    // MARK: connections

    public static var connectionToSelf: DomainError {
        conflict("connection_to_self", field: "subject", zh: "不能向本机构发起对接", en: "You cannot connect with yourself")
    }
    public static var notSubjectParty: DomainError {
        DomainError(
            .forbidden, code: "connection_not_subject_party", field: "subject", zh: "只有需求或成果的一方可以就该匹配发起对接",
            en: "Only the need's or the listing's side may connect about this match")
    }
    public static var subjectKindMismatch: DomainError {
        invalid(
            "connection_subject_kind", field: "subject", zh: "对接对象的类型不符", en: "The subject is not of the kind named")
    }
    /// A match names both sides: the need (`id`) and the listing (`listingId`).
    public static var matchNeedsListing: DomainError {
        invalid(
            "connection_match_needs_listing", field: "subject.listingId", zh: "匹配须同时给出需求和成果（listingId）",
            en: "A match names both the need and the listing (listingId)")
    }
    public static func dailyLimit(_ limit: Int) -> DomainError {
        DomainError(
            .tooManyRequests, code: "connection_daily_limit", zh: "本机构 24 小时内发起的对接请求已达上限（\(limit)）",
            en: "Your organisation has reached its limit of \(limit) requests in 24 hours",
            details: ["limit": .int(Int64(limit))])
    }
    public static func coolingDown(until: String) -> DomainError {
        conflict(
            "connection_cooling_down", zh: "对方已拒绝，冷静期内不能就同一事项再次发起",
            en: "The other side declined; ask again after the cool-down",
            details: ["until": .string(until)])
    }
    public static var duplicatePending: DomainError {
        conflict("connection_duplicate", zh: "已有就同一事项的待答复请求", en: "A request about this is already pending")
    }
    public static var contactsHidden: DomainError {
        DomainError(
            .forbidden, code: "connection_contacts_hidden", zh: "对方接受对接后才能看到联系方式",
            en: "Contacts are shown only once the connection is accepted")
    }
    public static var threadClosed: DomainError {
        conflict("thread_closed", zh: "只有已接受的对接可以交流", en: "Only an accepted connection has a thread")
    }
    public static var messageEmpty: DomainError {
        invalid("message_empty", field: "body", zh: "消息不能为空", en: "A message needs text or an attachment")
    }

    // MARK: attachments

    public static func attachmentTooLarge(limit: Int) -> DomainError {
        DomainError(
            .payloadTooLarge, code: "attachment_too_large", field: "attachment", zh: "附件超过大小上限",
            en: "The attachment exceeds the size limit", details: ["limitBytes": .int(Int64(limit))])
    }
    public static var attachmentType: DomainError {
        DomainError(
            .unsupportedMediaType, code: "attachment_type", field: "attachment",
            zh: "附件只能是 PDF、PNG、JPEG、纯文本或 DOCX/ZIP", en: "Attachments must be PDF, PNG, JPEG, plain text or DOCX/ZIP")
    }
    public static var attachmentName: DomainError {
        invalid("attachment_name", field: "attachment.name", zh: "附件名称无效", en: "The attachment name is not valid")
    }

    // MARK: contracts: terms

    public static var partiesSame: DomainError {
        invalid(
            "contract_parties_same", field: "sellerOrganizationId", zh: "买卖双方不能是同一机构",
            en: "Buyer and seller must differ")
    }
    public static var sellerKind: DomainError {
        invalid(
            "contract_seller_kind", field: "sellerOrganizationId", zh: "卖方须为高校、科研院所、实验室、企业或服务机构",
            en: "The seller must be a university, institute, lab, enterprise or service provider")
    }
    public static var buyerKind: DomainError {
        invalid(
            "contract_buyer_kind", field: "buyerOrganizationId", zh: "买方机构类型不符", en: "The buyer cannot be the platform")
    }
    public static var valueNotPositive: DomainError {
        invalid("contract_value_not_positive", field: "valueFen", zh: "合同金额必须大于零", en: "valueFen must be positive")
    }
    public static var valueTooLarge: DomainError {
        invalid("contract_value_too_large", field: "valueFen", zh: "合同金额超过上限", en: "valueFen exceeds the ceiling")
    }
    public static var instalmentsInvalid: DomainError {
        invalid(
            "contract_instalments_invalid", field: "instalments", zh: "付款计划须有 1 到 60 期，每期金额大于零",
            en: "The payment plan needs 1 to 60 instalments, each above zero")
    }
    public static func instalmentsSum(sum: Int64, value: Int64) -> DomainError {
        DomainError(
            .invalid, code: "contract_instalments_sum", field: "instalments", zh: "各期金额之和须等于合同金额",
            en: "The instalments must add up to the contract value exactly",
            details: ["sumFen": .int(sum), "valueFen": .int(value)])
    }
    public static var termInvalid: DomainError {
        invalid("contract_term_invalid", field: "termEnd", zh: "合同期限的结束须晚于开始", en: "The term must end after it starts")
    }
    public static var fileHashInvalid: DomainError {
        invalid(
            "contract_file_hash_invalid", field: "fileSha256", zh: "合同文件哈希须为 64 位十六进制 SHA-256",
            en: "fileSha256 must be 64 hexadecimal characters")
    }
    public static var exclusiveNotLicence: DomainError {
        invalid(
            "contract_exclusive_not_licence", field: "exclusive", zh: "只有许可合同可以是独占许可",
            en: "Only a licence can be exclusive")
    }
    public static var listingNotSellers: DomainError {
        invalid(
            "contract_listing_not_sellers", field: "listingIds", zh: "合同所列成果须属于卖方",
            en: "Each listing named must be the seller's patent or achievement")
    }
    public static var needNotBuyers: DomainError {
        invalid("contract_need_not_buyers", field: "needId", zh: "合同所列需求须属于买方", en: "The need must be the buyer's")
    }
    public static var challengeNotBuyers: DomainError {
        invalid(
            "contract_challenge_not_buyers", field: "challengeId", zh: "合同所列榜单须属于买方",
            en: "The challenge must be the buyer's")
    }
    public static var connectionNotBetweenParties: DomainError {
        invalid(
            "contract_connection_invalid", field: "connectionId", zh: "合同所列对接须是双方之间已接受的对接",
            en: "The connection must be an accepted one between the two parties")
    }

    // MARK: contracts: steps

    public static func termsChanged(current: String) -> DomainError {
        conflict(
            "contract_terms_changed", field: "termsHash", zh: "合同条款已变更，请核对后重新确认",
            en: "The terms have changed since; review and confirm the current version",
            details: ["termsHash": .string(current)])
    }
    public static var notSignable: DomainError {
        conflict(
            "contract_not_signable", field: "fileSha256", zh: "合同文件哈希尚未填写，不能签署",
            en: "The contract file's hash is missing; it cannot be signed")
    }
    public static var noAmendment: DomainError {
        conflict("contract_no_amendment", zh: "没有待确认的变更", en: "No amendment is awaiting confirmation")
    }
    public static var partiesFixed: DomainError {
        invalid(
            "contract_parties_fixed", field: "sellerOrganizationId", zh: "合同当事方不能变更", en: "The parties cannot change")
    }
    public static func valueBelowPaid(paid: Int64) -> DomainError {
        conflict(
            "contract_value_below_paid", field: "valueFen", zh: "合同金额不能低于已付款金额",
            en: "The value cannot drop below what was already paid", details: ["paidFen": .int(paid)])
    }
    public static func paymentExceedsValue(remaining: Int64) -> DomainError {
        conflict(
            "payment_exceeds_value", field: "amountFen", zh: "付款累计超过合同金额",
            en: "The payments would exceed the contract value",
            details: ["remainingFen": .int(remaining)])
    }
    public static var paymentNotPositive: DomainError {
        invalid("payment_not_positive", field: "amountFen", zh: "付款金额必须大于零", en: "amountFen must be positive")
    }
    public static var paymentInFuture: DomainError {
        invalid("payment_date_in_future", field: "paidOn", zh: "付款日期不能晚于今天", en: "paidOn cannot be in the future")
    }
    public static var instalmentUnknown: DomainError {
        invalid(
            "payment_instalment_unknown", field: "instalment", zh: "付款计划中没有该期", en: "The plan has no such instalment")
    }
}
