import Foundation
import Identity
import Kernel

/// A 揭榜挂帅 challenge: a key technical problem published with a reward, a deadline and
/// eligibility; teams apply; the owner awards one (or up to N in race mode, 赛马); the work
/// runs to milestones, each accepted before its tranche of the reward is payable.
public struct Challenge: ListingDocument, Equatable {
    public enum ReviewMode: String, Codable, CaseIterable, Sendable {
        /// Expert review; one winner.
        case expert
        /// 赛马: up to `raceSlots` teams are awarded and run in parallel.
        case race
    }

    /// One part of the reward: the first is payable at award, each later one at its milestone.
    public struct Tranche: Codable, Sendable, Equatable {
        public var name: String
        public var amountFen: Int64

        public init(name: String, amountFen: Int64) {
            self.name = name
            self.amountFen = amountFen
        }
    }

    public struct Eligibility: Codable, Sendable, Equatable {
        public var organizationKinds: [OrganizationKind]
        public var cities: [CityCode]

        public init(organizationKinds: [OrganizationKind], cities: [CityCode]) {
            self.organizationKinds = organizationKinds
            self.cities = cities
        }
    }

    static let kind = ListingKind.challenge

    public var id: Int64
    public var ownerOrganizationId: Int64
    public var city: CityCode
    public var year: Int
    public var title: String
    public var description: String
    public var goals: String
    public var indicators: [String]
    public var fields: [Field]
    public var keywords: [String]
    public var reward: Money
    public var tranches: [Tranche]
    public var deadline: Date
    public var extended: Bool
    public var eligibility: Eligibility
    public var reviewMode: ReviewMode
    public var raceSlots: Int?
    /// What experts score, with weights, fixed when the challenge is made (nil: made before
    /// criteria existed, scored on the standard ones).
    public var criteria: [ScoringCriterion]?
    public var externalRef: String?
    public var state: ChallengeStateMachine.State
    /// Why it was cancelled, terminated, refused approval, or awarded against the scores.
    public var reasons: [String: String]
    public var moderation: Moderation?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int64

    var columns: ListingColumns {
        let searchable: Set<ChallengeStateMachine.State> = [
            .published, .applicationsClosed, .underReview, .awarded, .inProgress, .milestoneUnderReview, .accepted,
            .closed,
        ]
        return ListingColumns(
            status: state.rawValue, visibility: .public, searchable: searchable.contains(state), trl: nil,
            priceMin: reward.fen, priceMax: reward.fen, fields: fields, deadline: nil, year: year,
            externalKey: externalRef
        )
    }

    var searchText: SearchText {
        SearchText(title: title, keywords: keywords, body: [description, goals, indicators.joined(separator: "；")])
    }

    /// How many teams are awarded.
    var slots: Int { reviewMode == .race ? (raceSlots ?? 1) : 1 }
}

/// A challenge to draft (`POST /v1/challenges`).
public struct NewChallenge: Sendable {
    public var year: Int
    public var title: String
    public var description: String
    public var goals: String
    public var indicators: [String]
    public var fields: [Field]
    public var keywords: [String]?
    public var rewardFen: Int64
    public var tranches: [Challenge.Tranche]
    public var deadline: Date
    public var eligibility: Challenge.Eligibility?
    public var reviewMode: Challenge.ReviewMode
    public var raceSlots: Int?
    /// The scoring criteria and their weights (omitted: the standard three).
    public var criteria: [ScoringCriterion]?
    public var externalRef: String?
    public var ownerOrganizationId: Int64?

    public init(
        year: Int, title: String, description: String, goals: String, indicators: [String], fields: [Field],
        keywords: [String]? = nil, rewardFen: Int64, tranches: [Challenge.Tranche], deadline: Date,
        eligibility: Challenge.Eligibility? = nil, reviewMode: Challenge.ReviewMode, raceSlots: Int? = nil,
        criteria: [ScoringCriterion]? = nil, externalRef: String? = nil, ownerOrganizationId: Int64? = nil
    ) {
        self.year = year
        self.title = title
        self.description = description
        self.goals = goals
        self.indicators = indicators
        self.fields = fields
        self.keywords = keywords
        self.rewardFen = rewardFen
        self.tranches = tranches
        self.deadline = deadline
        self.eligibility = eligibility
        self.reviewMode = reviewMode
        self.raceSlots = raceSlots
        self.criteria = criteria
        self.externalRef = externalRef
        self.ownerOrganizationId = ownerOrganizationId
    }
}
