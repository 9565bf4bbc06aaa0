import Foundation
import Identity
import Kernel

/// The shapes of Seeds/listings/*.json: listings with owners named by credit code.
enum ListingSeedFiles {
    struct PatentSeed: Decodable {
        var owner: String
        var number: String
        var title: String
        var abstract: String
        var claimsSummary: String?
        var ipcCodes: [String]
        var applicants: [String]
        var inventors: [String]
        var legalStatus: Patent.LegalStatus
        var fields: [Field]
        var keywords: [String]
        var trl: Int?
        var transferModes: [Patent.TransferMode]
        var askingPrice: PriceRange
        var status: SupplyStatus
    }

    struct AchievementSeed: Decodable {
        var owner: String
        var ref: String
        var title: String
        var summary: String
        var trl: Int
        var fields: [Field]
        var keywords: [String]
        var cooperationModes: [CooperationMode]
        var price: PriceRange
        var patentNumbers: [String]
        var teamMembers: [Achievement.TeamMember]
        var status: SupplyStatus
    }

    struct NeedSeed: Decodable {
        var owner: String
        var ref: String
        var title: String
        var description: String
        var fields: [Field]
        var keywords: [String]?
        var budget: PriceRange
        var deadlineDays: Int
        var cooperationMode: Need.Mode
        var visibility: Visibility
        var status: Need.Status
    }

    struct ChallengeSeed: Decodable {
        struct Tranche: Decodable {
            var name: String
            var percent: Int64
        }

        var owner: String
        var ref: String
        var year: Int
        var title: String
        var description: String
        var goals: String
        var indicators: [String]
        var rewardFen: Int64
        var tranches: [Tranche]
        var deadlineDays: Int
        var eligibility: Challenge.Eligibility
        var reviewMode: Challenge.ReviewMode
        var raceSlots: Int?
        var fields: [Field]
        var targetState: ChallengeStateMachine.State
        var applicants: [String]

        /// Percent tranches in fen, the last taking the remainder so they sum exactly.
        var trancheAmounts: [Challenge.Tranche] {
            var result: [Challenge.Tranche] = []
            var left = rewardFen
            for (index, tranche) in tranches.enumerated() {
                let amount = index == tranches.count - 1 ? left : rewardFen * tranche.percent / 100
                left -= amount
                result.append(.init(name: tranche.name, amountFen: amount))
            }
            return result
        }
    }

    static func read<T: Decodable>(_ directory: URL, _ name: String, as: T.Type) throws -> T {
        let url = directory.appendingPathComponent(name)
        do {
            return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
        } catch {
            throw SeedError(file: url.path, reason: String(describing: error))
        }
    }
}
