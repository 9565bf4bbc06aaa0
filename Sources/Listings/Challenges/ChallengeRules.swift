import Foundation
import Identity
import Kernel

/// Checks on a challenge's terms.
enum ChallengeRules {
    /// Policy: at least this share of the reward is paid at award (揭榜立项).
    static let minimumFirstTranchePercent: Int64 = 60
    static let maxRaceSlots = 5

    static func make(_ input: NewChallenge, owner: ListingOwner, now: Date) throws -> Challenge {
        guard (now.year - 1...now.year + 1).contains(input.year) else {
            throw DomainError.invalid(
                "year_out_of_range", field: "year", zh: "榜单年度须为去年、今年或明年",
                en: "year must be last year, this year or next year"
            )
        }
        guard input.rewardFen > 0, input.rewardFen <= 10_000_000_000 else {
            throw DomainError.invalid(
                "amount_must_be_positive", field: "rewardFen", zh: "奖励金额须为正且不超过 1 亿元",
                en: "rewardFen must be positive and at most ¥100,000,000"
            )
        }
        let tranches = try Self.tranches(input.tranches, reward: input.rewardFen)
        var raceSlots: Int?
        if input.reviewMode == .race {
            guard let slots = input.raceSlots, (2...maxRaceSlots).contains(slots) else {
                throw DomainError.invalid(
                    "race_slots", field: "raceSlots", zh: "赛马模式须指定 2 到 \(maxRaceSlots) 个名额",
                    en: "Race mode needs raceSlots between 2 and \(maxRaceSlots)"
                )
            }
            raceSlots = slots
        } else if input.raceSlots != nil {
            throw DomainError.invalid(
                "race_slots", field: "raceSlots", zh: "仅赛马模式可设名额", en: "raceSlots applies to race mode only")
        }
        guard input.indicators.count <= 20 else {
            throw DomainError.invalid("too_many", field: "indicators", zh: "指标最多 20 项", en: "At most 20 indicators")
        }
        let eligibility = input.eligibility ?? Challenge.Eligibility(organizationKinds: [], cities: [])
        return Challenge(
            id: 0, ownerOrganizationId: owner.id, city: owner.city, year: input.year,
            title: try Validate.text(input.title, field: "title", max: ListingRules.titleMax),
            description: try Validate.text(
                input.description, field: "description", max: ListingRules.summaryMax, multiline: true),
            goals: try Validate.text(input.goals, field: "goals", max: 2_000, multiline: true),
            indicators: try input.indicators.enumerated().map {
                try Validate.text($1, field: "indicators[\($0)]", max: 500)
            },
            fields: try ListingRules.fields(input.fields),
            keywords: try ListingRules.keywords(input.keywords ?? []),
            reward: Money(fen: input.rewardFen), tranches: tranches,
            deadline: try ListingRules.future(input.deadline, field: "deadline", now: now, maxYears: 2),
            extended: false, eligibility: eligibility, reviewMode: input.reviewMode, raceSlots: raceSlots,
            criteria: try ChallengeScoring.criteria(input.criteria),
            externalRef: try Validate.optionalText(input.externalRef, field: "externalRef", max: 64),
            state: .draft, reasons: [:], moderation: nil, createdAt: now, updatedAt: now, version: 1
        )
    }

    static func tranches(_ tranches: [Challenge.Tranche], reward: Int64) throws -> [Challenge.Tranche] {
        // One tranche at award and at least one at acceptance (验收): the work is always accepted.
        guard (2...10).contains(tranches.count) else {
            throw DomainError.invalid(
                "tranche_count", field: "tranches", zh: "奖励须分 2 到 10 期（立项一期，验收至少一期）",
                en: "Give 2 to 10 tranches: one at award and at least one at acceptance"
            )
        }
        var checked: [Challenge.Tranche] = []
        for (index, tranche) in tranches.enumerated() {
            guard tranche.amountFen > 0 else {
                throw DomainError.invalid(
                    "amount_must_be_positive", field: "tranches[\(index)].amountFen", zh: "每期金额须为正",
                    en: "Every tranche must be positive"
                )
            }
            checked.append(
                .init(
                    name: try Validate.text(tranche.name, field: "tranches[\(index)].name", max: 50),
                    amountFen: tranche.amountFen))
        }
        let (sum, overflow) = checked.reduce((Int64(0), false)) { partial, tranche in
            let (value, flag) = partial.0.addingReportingOverflow(tranche.amountFen)
            return (value, partial.1 || flag)
        }
        guard !overflow, sum == reward else {
            throw DomainError.invalid(
                "tranches_do_not_sum", field: "tranches", zh: "各期金额之和必须等于奖励总额", en: "The tranches must sum to rewardFen"
            )
        }
        guard checked[0].amountFen * 100 >= reward * minimumFirstTranchePercent else {
            throw DomainError.invalid(
                "first_tranche_too_small", field: "tranches[0].amountFen",
                zh: "首期（揭榜立项）不得低于奖励的 \(minimumFirstTranchePercent)%",
                en: "The first tranche, paid at award, must be at least \(minimumFirstTranchePercent)% of the reward"
            )
        }
        return checked
    }

    static func reason(_ text: String?, field: String = "reason") throws -> String {
        guard let text else {
            throw DomainError.invalid("reason_required", field: field, zh: "请说明理由", en: "A reason is required")
        }
        return try Validate.text(text, field: field, max: 1_000, multiline: true)
    }
}
