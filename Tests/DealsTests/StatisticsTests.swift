import Foundation
import GRDB
import Kernel
@_spi(Testing) import Store
import Testing
@testable import Deals

/// Turnover by city: what counts, the matrix and the share within one city, and the query's
/// shape at scale (one covering-index scan).
struct StatisticsTests {
    @Test func onlySignedContractsCountAndTheDiagonalIsWithinCity() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        _ = try await world.signed(cast)  // Wuhan → Huanggang, ¥300,000
        let wuhanBuyer = try await world.organization(.enterprise, .wuhan)
        let local = DealsWorld.Cast(
            university: cast.university, enterprise: wuhanBuyer, seller: cast.seller,
            buyer: world.actor(.orgAdmin, wuhanBuyer, .wuhan))
        _ = try await world.signed(local, world.terms(type: .service, exclusive: false, value: 10_000_000))
        _ = try await world.draft(cast)  // a draft never counts
        let cancelled = try await world.draft(cast)
        _ = try await world.contracts.cancel(cancelled.id, by: cast.buyer)

        let report = try await world.statistics.report(viewer: DealsWorld.auditor)
        #expect(report.contracts == 2 && report.totalFen == 40_000_000)
        #expect(report.withinCityFen == 10_000_000 && report.withinCityPermille == 250)
        #expect(report.bySellerCity == [.init(key: "WH", contracts: 2, valueFen: 40_000_000)])
        #expect(
            report.byBuyerCity == [
                .init(key: "HG", contracts: 1, valueFen: 30_000_000),
                .init(key: "WH", contracts: 1, valueFen: 10_000_000),
            ])
        #expect(report.matrix.reduce(0) { $0 + $1.valueFen } == report.totalFen)
        #expect(report.funnel.contractsSigned == 2 && report.funnel.contractsRegistered == 0)
        #expect(report.funnel.medianDaysSignatureToRegistration == nil)
    }

    @Test func theBenchmarkSeedingAndTheTurnoverIndexAgree() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let written = try await ContractBenchmarkSeeding.seedSyntheticContractsForBenchmark(
            into: world.database, count: 2_000, end: DealsWorld.start)
        #expect(written > 1_900)
        let report = try await world.statistics.report(viewer: DealsWorld.auditor)
        #expect(report.contracts == written)
        for breakdown in [report.byMonth, report.byType, report.byField, report.bySellerCity, report.byBuyerCity] {
            #expect(breakdown.reduce(0) { $0 + $1.valueFen } == report.totalFen)
            #expect(breakdown.reduce(0) { $0 + $1.contracts } == written)
        }
        #expect(report.matrix.reduce(0) { $0 + $1.valueFen } == report.totalFen)
        let sum = try await world.count("SELECT sum(value_fen) FROM deal_contracts")
        #expect(Int64(sum) == report.totalFen)
        // The grouping reads the covering index only, never the table.
        let detail = try await world.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT seller_city, count(*), sum(value_fen)
                    FROM deal_contracts INDEXED BY deal_contracts_turnover
                    WHERE signed_at IS NOT NULL AND signed_at >= 0 GROUP BY 1
                    """
            ).map { $0["detail"] as String }.joined(separator: " ")
        }
        #expect(detail.contains("COVERING INDEX deal_contracts_turnover"), "\(detail)")
    }
}

/// The public view: a cell of one or two contracts never shows its value, nor can it be worked
/// out from the totals that are shown.
struct DisclosureTests {
    typealias Amount = ContractStatisticsReport.Amount

    @Test func smallCellsAndTheirComplementsAreWithheld() {
        let rows = [
            Amount(key: "EZ", contracts: 1, valueFen: 500), Amount(key: "HG", contracts: 4, valueFen: 9_000),
            Amount(key: "WH", contracts: 10, valueFen: 80_000), Amount(key: "XN", contracts: 0, valueFen: 0),
        ]
        let shown = ContractStatisticsReport.protect(rows)
        #expect(shown.map(\.withheld) == [true, true, false, false], "the smallest other cell is withheld too")
        #expect(shown[0].valueFen == 0 && shown[1].valueFen == 0 && shown[2].valueFen == 80_000)
        #expect(shown.map(\.contracts) == [1, 4, 10, 0], "counts stay")
        let large = [Amount(key: "a", contracts: 3, valueFen: 1), Amount(key: "b", contracts: 5, valueFen: 2)]
        #expect(ContractStatisticsReport.protect(large) == large, "nothing small, nothing withheld")
    }

    @Test func noRowColumnOrDiagonalOfTheMatrixHasExactlyOneWithheldValue() {
        var matrix: [ContractStatisticsReport.Cell] = []
        for seller in CityCode.allCases {
            for buyer in CityCode.allCases {
                let small = seller == .wuhan && buyer == .huanggang
                matrix.append(
                    .init(
                        sellerCity: seller, buyerCity: buyer, contracts: small ? 1 : 5,
                        valueFen: small ? 100 : Int64(1_000 * (seller.hashValue % 7 + buyer.hashValue % 5 + 2))))
            }
        }
        let shown = ContractStatisticsReport.protect(matrix)
        #expect(shown.first { $0.sellerCity == .wuhan && $0.buyerCity == .huanggang }?.withheld == true)
        var groups: [[ContractStatisticsReport.Cell]] = CityCode.allCases.map { city in
            shown.filter { $0.sellerCity == city }
        }
        groups += CityCode.allCases.map { city in shown.filter { $0.buyerCity == city } }
        groups.append(shown.filter { $0.sellerCity == $0.buyerCity })
        for group in groups {
            #expect(group.filter(\.withheld).count != 1)
        }
        #expect(shown.allSatisfy { !$0.withheld || $0.valueFen == 0 })
    }
}
