import Foundation
import Kernel
import Listings

/// The structured signals, each a pure function giving a value in 0…1, or nil when it does
/// not apply (nothing to compare). Tested as tables in MatchingTests.
enum Signals {
    /// The share of the wanted fields the candidate covers. `other` alone says nothing.
    static func fieldOverlap(want: [Field], have: [Field]) -> Double? {
        let wanted = Set(want).subtracting([.other])
        guard !wanted.isEmpty, !have.isEmpty else { return nil }
        return Double(wanted.intersection(have).count) / Double(wanted.count)
    }

    /// The share of a patent's IPC codes whose technology belongs to one of the wanted fields.
    static func ipcRelation(want: [Field], ipcCodes: [String]) -> Double? {
        let wanted = Set(want).subtracting([.other])
        guard !wanted.isEmpty, !ipcCodes.isEmpty else { return nil }
        let related = ipcCodes.filter { !IPCFields.fields(of: $0).isDisjoint(with: wanted) }
        return Double(related.count) / Double(ipcCodes.count)
    }

    /// How well a technology's readiness fits the way the need wants to work with it: a
    /// transfer or licence wants something close to production (TRL 6+); joint or
    /// commissioned development can start from a lab result (TRL 3–6); equity sits between;
    /// consulting takes anything.
    static func trlFit(trl: Int?, modes: [String]) -> Double? {
        guard let trl, !modes.isEmpty else { return nil }
        return modes.compactMap(CooperationMode.init(rawValue:)).map { mode -> Double in
            switch mode {
            case .transfer, .licence:
                trl >= 7 ? 1 : trl == 6 ? 0.8 : trl >= 4 ? 0.4 : 0.1
            case .jointDevelopment, .commissionedDevelopment:
                (3...6).contains(trl) ? 1 : trl >= 7 ? 0.7 : 0.5
            case .equity:
                trl >= 5 ? 1 : 0.5
            case .consulting:
                1
            }
        }.max()
    }

    /// Whether the asking price fits the budget: ranges that overlap fit fully; a price above
    /// the budget fits by the ratio budget ÷ price; "negotiable" on either side is half-way.
    static func priceFit(price: PriceRange?, budget: PriceRange?) -> Double? {
        guard let price, let budget else { return nil }
        if price.negotiable || budget.negotiable { return 0.5 }
        guard let budgetMax = budget.maxFen ?? budget.minFen, let priceMin = price.minFen ?? price.maxFen else {
            return nil
        }
        if priceMin <= budgetMax { return 1 }
        return Double(budgetMax) / Double(priceMin)
    }

    /// Same city is best; every other city of the corridor counts half (通用通兑 spirit).
    static func city(_ subject: CityCode?, _ candidate: CityCode) -> Double? {
        guard let subject else { return nil }
        return subject == candidate ? 1 : 0.5
    }

    /// Delivered work: accepted 揭榜挂帅 milestones and recorded deals, saturating.
    static func trackRecord(milestones: Int, deals: Int) -> Double {
        1 - exp(-Double(milestones + 2 * deals) / 4)
    }

    /// Contacts and deals on this candidate from needs in the same fields, saturating.
    static func feedbackPrior(contacted: Int, deals: Int) -> Double {
        1 - exp(-Double(contacted + 3 * deals) / 3)
    }
}
