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
            throw ListingsError.yearOutOfRange
        }
        guard input.rewardFen > 0, input.rewardFen <= 10_000_000_000 else {
            throw ListingsError.rewardOutOfRange
        }
        let tranches = try Self.tranches(input.tranches, reward: input.rewardFen)
        var raceSlots: Int?
        if input.reviewMode == .race {
            guard let slots = input.raceSlots, (2...maxRaceSlots).contains(slots) else {
                throw ListingsError.raceSlotsRequired(max: maxRaceSlots)
            }
            raceSlots = slots
        } else if input.raceSlots != nil {
            throw ListingsError.raceSlotsOutsideRace
        }
        guard input.indicators.count <= 20 else {
            throw ListingsError.tooManyIndicators
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
            throw ListingsError.trancheCount
        }
        var checked: [Challenge.Tranche] = []
        for (index, tranche) in tranches.enumerated() {
            guard tranche.amountFen > 0 else {
                throw ListingsError.trancheNotPositive(index: index)
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
            throw ListingsError.tranchesDoNotSum
        }
        guard checked[0].amountFen * 100 >= reward * minimumFirstTranchePercent else {
            throw ListingsError.firstTrancheTooSmall(percent: minimumFirstTranchePercent)
        }
        return checked
    }

    static func reason(_ text: String?, field: String = "reason") throws -> String {
        guard let text else {
            throw ListingsError.reasonRequired(field: field)
        }
        return try Validate.text(text, field: field, max: 1_000, multiline: true)
    }
}
