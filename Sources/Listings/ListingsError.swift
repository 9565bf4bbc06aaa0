import Foundation
import Identity
import Kernel

/// Every refusal of the listings module, with its stable code, field, and message in Chinese and
/// English, in one place (issue 15). Logic files throw these; none spells out a message.
/// Codes and messages are the wire contract: change them only with the OpenAPI document.
enum ListingsError {
    // MARK: Challenges: drafting

    static var yearOutOfRange: DomainError {
        .invalid(
            "year_out_of_range", field: "year", zh: "榜单年度须为去年、今年或明年",
            en: "year must be last year, this year or next year")
    }

    static var rewardOutOfRange: DomainError {
        .invalid(
            "amount_must_be_positive", field: "rewardFen", zh: "奖励金额须为正且不超过 1 亿元",
            en: "rewardFen must be positive and at most ¥100,000,000")
    }

    static func raceSlotsRequired(max: Int) -> DomainError {
        .invalid(
            "race_slots", field: "raceSlots", zh: "赛马模式须指定 2 到 \(max) 个名额",
            en: "Race mode needs raceSlots between 2 and \(max)")
    }

    static var raceSlotsOutsideRace: DomainError {
        .invalid("race_slots", field: "raceSlots", zh: "仅赛马模式可设名额", en: "raceSlots applies to race mode only")
    }

    static var tooManyIndicators: DomainError {
        .invalid("too_many", field: "indicators", zh: "指标最多 20 项", en: "At most 20 indicators")
    }

    static var trancheCount: DomainError {
        .invalid(
            "tranche_count", field: "tranches", zh: "奖励须分 2 到 10 期（立项一期，验收至少一期）",
            en: "Give 2 to 10 tranches: one at award and at least one at acceptance")
    }

    static func trancheNotPositive(index: Int) -> DomainError {
        .invalid(
            "amount_must_be_positive", field: "tranches[\(index)].amountFen", zh: "每期金额须为正",
            en: "Every tranche must be positive")
    }

    static var tranchesDoNotSum: DomainError {
        .invalid(
            "tranches_do_not_sum", field: "tranches", zh: "各期金额之和必须等于奖励总额", en: "The tranches must sum to rewardFen")
    }

    static func firstTrancheTooSmall(percent: Int64) -> DomainError {
        .invalid(
            "first_tranche_too_small", field: "tranches[0].amountFen", zh: "首期（揭榜立项）不得低于奖励的 \(percent)%",
            en: "The first tranche, paid at award, must be at least \(percent)% of the reward")
    }

    static func reasonRequired(field: String) -> DomainError {
        .invalid("reason_required", field: field, zh: "请说明理由", en: "A reason is required")
    }

    static var criteriaCount: DomainError {
        .invalid("criteria_count", field: "criteria", zh: "评分项须为 1 到 10 项", en: "Give 1 to 10 scoring criteria")
    }

    static func criteriaDuplicate(index: Int) -> DomainError {
        .invalid("criteria_duplicate", field: "criteria[\(index)].name", zh: "评分项重复", en: "A criterion is named twice")
    }

    static func weightOutOfRange(index: Int) -> DomainError {
        .invalid(
            "weight_out_of_range", field: "criteria[\(index)].weight", zh: "权重须在 1 到 100 之间", en: "A weight is 1 to 100"
        )
    }

    // MARK: Challenges: the lifecycle

    static func illegalTransition(
        _ state: ChallengeStateMachine.State, _ event: ChallengeStateMachine.EventName
    ) -> DomainError {
        DomainError(
            .conflict, code: "illegal_transition",
            zh: "榜单当前状态“\(state.rawValue)”下不能执行“\(event.rawValue)”",
            en: "The challenge is \(state.rawValue): \(event.rawValue) is not possible now",
            details: [
                "currentState": .string(state.rawValue), "event": .string(event.rawValue),
                "allowedEvents": .array(ChallengeStateMachine.allowedEvents(from: state).map { .string($0.rawValue) }),
            ]
        )
    }

    static func notYourStep(
        _ state: ChallengeStateMachine.State, _ event: ChallengeStateMachine.EventName,
        _ parties: Set<ChallengeStateMachine.Party>
    ) -> DomainError {
        DomainError(
            .forbidden, code: "not_your_step", zh: "此步骤不由您执行", en: "This step is not yours to take",
            details: [
                "currentState": .string(state.rawValue), "event": .string(event.rawValue),
                "allowedParties": .array(parties.map(\.rawValue).sorted().map { .string($0) }),
            ]
        )
    }

    static var deadlineInPast: DomainError {
        .invalid(
            "deadline_in_past", field: "deadline", zh: "截止日期已过，请重新设定", en: "The deadline has passed; set a new one")
    }

    static func deadlineNotReached(_ deadline: Date) -> DomainError {
        DomainError(
            .conflict, code: "deadline_not_reached", zh: "申报截止日期未到",
            en: "Applications close at the deadline, which has not come yet",
            details: ["deadline": .string(Timestamp.format(deadline))]
        )
    }

    static var alreadyExtended: DomainError {
        DomainError(.conflict, code: "already_extended", zh: "榜单只能延期一次", en: "A challenge can be extended only once")
    }

    static var newDeadlineRequired: DomainError {
        .invalid("required", field: "deadline", zh: "请给出新的截止日期", en: "deadline is required")
    }

    static var extensionOutOfRange: DomainError {
        .invalid(
            "extension_out_of_range", field: "deadline", zh: "延期须晚于原截止日期且不超过一年",
            en: "The new deadline must be after the old one and at most one year later")
    }

    static var noApplications: DomainError {
        DomainError(.conflict, code: "no_applications", zh: "没有可授予的申报", en: "There are no applications to award")
    }

    static var noScores: DomainError {
        DomainError(
            .conflict, code: "no_scores", zh: "尚无评审打分，请指定授予对象并说明理由",
            en: "No application has been scored; choose applicationIds and give a reason")
    }

    static var tooManyWinners: DomainError {
        .invalid(
            "too_many_winners", field: "applicationIds", zh: "授予数量超过名额", en: "More winners than the challenge has slots"
        )
    }

    static func unknownApplication(index: Int) -> DomainError {
        .invalid(
            "unknown_application", field: "applicationIds[\(index)]", zh: "申报不存在或已撤回", en: "No such live application")
    }

    // MARK: Challenges: applications and review

    static var applicationNotFound: DomainError { .notFound("application", zh: "申报") }

    static func applicationsClosed(_ state: ChallengeStateMachine.State) -> DomainError {
        DomainError(
            .conflict, code: "applications_closed", zh: "该榜单当前不接受申报", en: "The challenge is not taking applications",
            details: ["currentState": .string(state.rawValue)]
        )
    }

    static var ownChallenge: DomainError {
        DomainError(.conflict, code: "own_challenge", zh: "不能揭自己发布的榜", en: "An owner cannot apply to its own challenge")
    }

    static var notEligibleKind: DomainError {
        DomainError(
            .forbidden, code: "not_eligible_kind", zh: "该类机构不在揭榜范围内", en: "Organisations of this kind are not eligible")
    }

    static var notEligibleCity: DomainError {
        DomainError(
            .forbidden, code: "not_eligible_city", zh: "该城市的机构不在揭榜范围内",
            en: "Organisations in this city are not eligible")
    }

    static var applicationExists: DomainError {
        DomainError(
            .conflict, code: "application_exists", zh: "本机构已有一份有效申报",
            en: "Your organisation already has a live application")
    }

    static var partners: DomainError {
        .invalid(
            "partners", field: "partnerOrganizationIds", zh: "合作单位最多 20 家且不含牵头单位",
            en: "Up to 20 partners, not including the lead")
    }

    static func unknownPartner(index: Int) -> DomainError {
        .invalid(
            "unknown_organization", field: "partnerOrganizationIds[\(index)]", zh: "合作单位不存在", en: "No such organisation"
        )
    }

    static var budgetOutOfRange: DomainError {
        .invalid(
            "amount_must_be_positive", field: "budgetFen", zh: "预算须为正且不超过 1 亿元",
            en: "budgetFen must be positive and at most ¥100,000,000")
    }

    static var teamSize: DomainError {
        .invalid("team_size", field: "team", zh: "团队须有 1 到 50 人", en: "The team has 1 to 50 members")
    }

    static func withdrawalClosed(_ status: ChallengeApplication.Status) -> DomainError {
        DomainError(
            .conflict, code: "withdrawal_closed", zh: "截止后或已授予的申报不能撤回",
            en: "Applications can be withdrawn only before the deadline",
            details: ["currentState": .string(status.rawValue)]
        )
    }

    static func expertsAssignedBeforeAward(_ state: ChallengeStateMachine.State) -> DomainError {
        DomainError(
            .conflict, code: "illegal_transition", zh: "当前阶段不能指派专家", en: "Experts are assigned before the award",
            details: ["currentState": .string(state.rawValue)]
        )
    }

    static var notAnExpert: DomainError {
        .invalid("not_an_expert", field: "userId", zh: "该用户不是评审专家", en: "The user is not an expert")
    }

    static var expertRelatedToOwner: DomainError {
        DomainError(
            .conflict, code: "conflict_of_interest", field: "userId",
            zh: "利益冲突：专家来自发榜单位或与其关联", en: "Conflict of interest: the expert is from the owner or related to it"
        )
    }

    static var notAssigned: DomainError {
        DomainError(
            .forbidden, code: "not_assigned", zh: "您未被指派评审此榜单", en: "You are not an assigned expert of this challenge")
    }

    static func scoringOutsideReview(_ state: ChallengeStateMachine.State) -> DomainError {
        DomainError(
            .conflict, code: "illegal_transition", zh: "只有评审阶段可以打分",
            en: "Scores are given while the challenge is under review",
            details: [
                "currentState": .string(state.rawValue),
                "allowedEvents": .array(ChallengeStateMachine.allowedEvents(from: state).map { .string($0.rawValue) }),
            ]
        )
    }

    static var reviewerInvolved: DomainError {
        DomainError(
            .forbidden, code: "conflict_of_interest",
            zh: "利益冲突：专家不能评审本单位、发榜单位或其关联方参与的申报",
            en:
                "Conflict of interest: an expert cannot review an application of their organisation, the owner, or a party related to either"
        )
    }

    static var conflictDeclared: DomainError {
        DomainError(
            .conflict, code: "conflict_declared", zh: "您已声明与该申报存在利益冲突，不能评分或撤回声明",
            en: "You declared a conflict of interest with this application: you cannot score it or undo the declaration"
        )
    }

    static var conflictDeclarationRequired: DomainError {
        .invalid(
            "conflict_declaration_required", field: "declaresNoConflict",
            zh: "评分前须声明与该申报不存在利益冲突（如有冲突，请声明冲突并回避）",
            en: "Declare that you have no conflict of interest before scoring (if you have one, declare it and recuse)")
    }

    static func scoreOutOfRange(index: Int) -> DomainError {
        .invalid(
            "score_out_of_range", field: "scores[\(index)].score", zh: "分数须在 0 到 100 之间",
            en: "A score is between 0 and 100")
    }

    static func criteriaMismatch(_ criteria: [ScoringCriterion]) -> DomainError {
        DomainError(
            .invalid, code: "criteria_mismatch", field: "scores",
            zh: "须对本榜单的每个评分项各打一次分", en: "Give exactly one score for each of the challenge's criteria",
            details: ["criteria": .array(criteria.map { .string($0.name) })]
        )
    }

    // MARK: Challenges: milestones

    static var milestoneNotFound: DomainError { .notFound("milestone", zh: "阶段成果") }

    static var onlyLeadSubmitsMilestones: DomainError {
        DomainError(
            .forbidden, code: "not_your_step", zh: "只有揭榜牵头单位可以提交成果",
            en: "Only the awarded lead organisation submits milestones")
    }

    static var milestonePending: DomainError {
        DomainError(
            .conflict, code: "milestone_pending", zh: "上一次提交尚在验收中", en: "The previous submission is still under review")
    }

    static var noTrancheLeft: DomainError {
        DomainError(.conflict, code: "no_tranche_left", zh: "所有阶段均已验收", en: "Every tranche has been accepted")
    }

    static func milestoneDecided(_ status: Milestone.Status) -> DomainError {
        DomainError(
            .conflict, code: "milestone_decided", zh: "该阶段成果已有验收结论", en: "This milestone has already been decided",
            details: ["currentState": .string(status.rawValue)]
        )
    }

    // MARK: Every listing: owner, shared fields, prices, lookups

    static var ownerRequired: DomainError {
        .invalid("required", field: "ownerOrganizationId", zh: "请指明所属机构", en: "ownerOrganizationId is required")
    }

    static var organizationNotFound: DomainError { .notFound("organization", zh: "机构") }

    static func organizationKindNotAllowed(_ kind: OrganizationKind) -> DomainError {
        DomainError(
            .forbidden, code: "organization_kind_not_allowed", zh: "此类机构不能发布该类信息",
            en: "A \(kind.rawValue) organisation cannot list this")
    }

    static func listingNotFound(_ kind: ListingKind) -> DomainError {
        DomainError(.notFound, code: "\(kind.rawValue)_not_found", zh: "\(kind.zh)不存在", en: "No such \(kind.rawValue)")
    }

    static var externalRefTaken: DomainError {
        DomainError(
            .conflict, code: "external_ref_taken", field: "externalRef", zh: "该外部编号已被本机构使用",
            en: "This externalRef is already used by your organisation")
    }

    static func fieldsRequired(field: String) -> DomainError {
        .invalid("required", field: field, zh: "至少选择一个领域", en: "Choose at least one field")
    }

    static func tooManyFields(field: String) -> DomainError {
        .invalid("too_many", field: field, zh: "领域过多", en: "Too many fields")
    }

    static func tooManyKeywords(field: String, max: Int) -> DomainError {
        .invalid("too_many_keywords", field: field, zh: "关键词最多 \(max) 个", en: "At most \(max) keywords")
    }

    static func namesRequired(field: String) -> DomainError {
        .invalid("required", field: field, zh: "\(field) 不能为空", en: "\(field) must not be empty")
    }

    static func tooManyNames(field: String, max: Int) -> DomainError {
        .invalid("too_many", field: field, zh: "\(field) 最多 \(max) 项", en: "At most \(max) entries in \(field)")
    }

    static func trlRequired(field: String) -> DomainError {
        .invalid("required", field: field, zh: "请给出技术成熟度（1–9）", en: "trl (1–9) is required")
    }

    static func trlOutOfRange(field: String) -> DomainError {
        .invalid("trl_out_of_range", field: field, zh: "技术成熟度须在 1 到 9 之间", en: "trl must be between 1 and 9")
    }

    static func dateInPast(field: String) -> DomainError {
        .invalid("deadline_in_past", field: field, zh: "截止日期必须在将来", en: "The deadline must be in the future")
    }

    static func dateTooFar(field: String, years: Int) -> DomainError {
        .invalid(
            "deadline_too_far", field: field, zh: "截止日期不能超过 \(years) 年",
            en: "The deadline must be within \(years) years")
    }

    static func negotiableWithAmounts(field: String) -> DomainError {
        .invalid(
            "negotiable_with_amounts", field: field, zh: "选择“面议”时不能同时给出金额", en: "A negotiable price has no amounts")
    }

    static func priceRequired(field: String) -> DomainError {
        .invalid("price_required", field: field, zh: "请给出金额范围（分）或选择面议", en: "Give minFen and maxFen, or set negotiable")
    }

    static func negativeAmount(field: String) -> DomainError {
        .invalid("negative_amount", field: field, zh: "金额不能为负数", en: "Amounts cannot be negative")
    }

    static func invertedPrice(field: String) -> DomainError {
        .invalid("inverted_range", field: field, zh: "最高金额不能低于最低金额", en: "maxFen must not be below minFen")
    }

    static func amountTooLarge(field: String) -> DomainError {
        .invalid(
            "amount_too_large", field: field, zh: "金额超过上限（1 亿元）", en: "The amount is above the ceiling of ¥100,000,000")
    }

    /// A supply listing's or a need's status cannot change this way.
    static func versionConflict(current: Int64) -> DomainError {
        DomainError(
            .conflict, code: "version_conflict", field: "version",
            zh: "该条目已被修改（当前为第 \(current) 版），您的修改未保存；请重新打开查看最新内容后再改",
            en:
                "This listing was changed meanwhile (it is now version \(current)); your change was not saved: reopen it to see the latest and edit again",
            details: ["currentVersion": .int(current)])
    }

    static func illegalStatusChange(from current: String, to next: String, allowed: [String]) -> DomainError {
        DomainError(
            .conflict, code: "illegal_transition", field: "status", zh: "不能从“\(current)”改为“\(next)”",
            en: "Cannot go from \(current) to \(next)",
            details: ["currentState": .string(current), "allowed": .array(allowed.map { .string($0) })]
        )
    }

    // MARK: Patents

    static func patentNumberLength(field: String) -> DomainError {
        .invalid(
            "patent_number_length", field: field, zh: "专利号应为 12 位（2004 年起）或 8 位数字加 1 位校验位",
            en: "A patent number has 12 digits (since 2004) or 8 digits, plus a check digit")
    }

    static func patentNumberFormat(field: String) -> DomainError {
        .invalid(
            "patent_number_format", field: field, zh: "专利号只能由数字和末位校验位组成",
            en: "A patent number consists of digits and a final check character")
    }

    static func patentTypeDigit(field: String, digit: Int) -> DomainError {
        .invalid(
            "patent_type_digit", field: field, zh: "专利类型位应为 1、2、3、8 或 9（当前为 \(digit)）",
            en: "The patent type digit must be 1, 2, 3, 8 or 9 (got \(digit))")
    }

    static func patentCheckDigit(field: String) -> DomainError {
        .invalid("patent_check_digit", field: field, zh: "专利号校验位错误", en: "The patent number's check digit is wrong")
    }

    static func patentYear(field: String, year: Int) -> DomainError {
        .invalid(
            "patent_year", field: field, zh: "专利号中的申请年份 \(year) 不可能",
            en: "The application year \(year) in the patent number is impossible")
    }

    /// `patentId` only for a viewer who may see the patent already listed (issue 14).
    static func patentNumberTaken(patentId: Int64?) -> DomainError {
        DomainError(
            .conflict, code: "patent_number_taken", field: "number", zh: "该专利号已在平台登记",
            en: "This patent number is already listed on the platform",
            details: patentId.map { ["patentId": .int($0)] } ?? [:]
        )
    }

    static var tooManyIPCCodes: DomainError {
        .invalid("too_many", field: "ipcCodes", zh: "IPC 分类号最多 20 个", en: "At most 20 IPC codes")
    }

    static func ipcFormat(index: Int) -> DomainError {
        .invalid(
            "ipc_format", field: "ipcCodes[\(index)]", zh: "IPC 分类号格式错误（例如 H01M 10/0525）",
            en: "An IPC code looks like H01M 10/0525")
    }

    static var transferModesRequired: DomainError {
        .invalid("required", field: "transferModes", zh: "至少选择一种转化方式", en: "Offer at least one transfer mode")
    }

    static var invalidInitialStatus: DomainError {
        .invalid(
            "invalid_initial_status", field: "status", zh: "新登记的只能是草稿或已上架",
            en: "A new listing starts as draft or listed")
    }

    // MARK: Achievements

    static var cooperationModesRequired: DomainError {
        .invalid("required", field: "cooperationModes", zh: "至少选择一种合作方式", en: "Choose at least one cooperation mode")
    }

    static var tooManyLinkedPatents: DomainError {
        .invalid("too_many", field: "patentIds", zh: "关联专利最多 50 项", en: "At most 50 linked patents")
    }

    static func unknownPatent(index: Int) -> DomainError {
        .invalid(
            "unknown_patent", field: "patentIds[\(index)]", zh: "关联专利不存在或不属于本机构",
            en: "The linked patent does not exist or belongs to another organisation")
    }

    static var tooManyTeamMembers: DomainError {
        .invalid("too_many", field: "teamMembers", zh: "团队成员最多 50 人", en: "At most 50 team members")
    }

    static func batchTooLarge(max: Int) -> DomainError {
        .invalid("too_many", field: "items", zh: "一次最多登记 \(max) 项成果", en: "At most \(max) achievements in one batch")
    }

    // MARK: Patent import

    static func unreadableFile(code: String, message: String) -> DomainError {
        .invalid(code, field: "file", zh: "文件无法读取：\(message)", en: "The file cannot be read: \(message)")
    }

    static func importTooLarge(maxRows: Int) -> DomainError {
        .invalid(
            "import_too_large", field: "file", zh: "一次导入最多 \(maxRows) 行，请拆分文件",
            en: "An import holds at most \(maxRows) rows; split the file")
    }

    static func unknownColumn(_ column: String) -> DomainError {
        .invalid("unknown_field", field: column, zh: "未知列 \(column)", en: "\(column) is not a known column")
    }

    static func notAWholeNumber(field: String) -> DomainError {
        .invalid("wrong_type", field: field, zh: "\(field) 必须是整数", en: "\(field) must be a whole number")
    }

    static func notABoolean(field: String) -> DomainError {
        .invalid("wrong_type", field: field, zh: "面议须为是或否", en: "negotiable must be true or false")
    }

    // MARK: Search

    static var queryHasNoTerms: DomainError {
        .invalid("query_has_no_terms", field: "q", zh: "检索词中没有可检索的文字", en: "The query has no searchable words")
    }

    static var invertedTRLRange: DomainError {
        .invalid("inverted_range", field: "trlMax", zh: "trlMax 不能小于 trlMin", en: "trlMax must not be below trlMin")
    }

    static var invertedPriceRange: DomainError {
        .invalid(
            "inverted_range", field: "priceMax", zh: "priceMax 不能小于 priceMin", en: "priceMax must not be below priceMin"
        )
    }

    static func limitOutOfRange(max: Int) -> DomainError {
        .invalid(
            "limit_out_of_range", field: "limit", zh: "limit 必须在 1 到 \(max) 之间",
            en: "limit must be between 1 and \(max)")
    }

    static var cursorTooDeep: DomainError {
        .invalid(
            "invalid_cursor", field: "cursor", zh: "分页过深，请缩小检索范围",
            en: "Pages past 1,000 results are not served; narrow the search")
    }
}
