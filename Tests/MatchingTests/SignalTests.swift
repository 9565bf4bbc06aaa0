import Kernel
import Listings
@testable import Matching
import Testing

/// Each structured signal as a table of inputs and expected values.
struct SignalTests {
    @Test(arguments: [
        ([Field.optoelectronics], [Field.optoelectronics, .ai], 1.0 as Double?),
        ([.optoelectronics, .ai], [.ai], 0.5),
        ([.optoelectronics], [.lifeHealth], 0.0),
        ([.other], [.other], nil),
        ([], [.ai], nil),
    ])
    func fieldOverlap(want: [Field], have: [Field], expected: Double?) {
        #expect(Signals.fieldOverlap(want: want, have: have) == expected)
    }

    @Test(arguments: [
        ([Field.newEnergyVehicles], ["H01M 10/0525"], 1.0 as Double?),
        ([.newEnergyVehicles], ["H01M 10/0525", "G06N 3/08"], 0.5),
        ([.ai], ["G06N 3/08"], 1.0),
        ([.beidou], ["G01S 19/42"], 1.0),
        ([.lifeHealth], ["H01M 10/0525"], 0.0),
        ([.lifeHealth], [], nil),
    ])
    func ipcRelation(want: [Field], codes: [String], expected: Double?) {
        #expect(Signals.ipcRelation(want: want, ipcCodes: codes) == expected)
    }

    @Test(arguments: [
        (8, ["transfer"], 1.0 as Double?),
        (6, ["licence"], 0.8),
        (4, ["transfer"], 0.4),
        (2, ["transfer"], 0.1),
        (4, ["joint_development"], 1.0),
        (8, ["commissioned_development"], 0.7),
        (1, ["joint_development"], 0.5),
        (2, ["consulting"], 1.0),
        (3, ["equity"], 0.5),
        (3, ["transfer", "joint_development"], 1.0),
    ])
    func trlFit(trl: Int, modes: [String], expected: Double?) {
        #expect(Signals.trlFit(trl: trl, modes: modes) == expected)
    }

    @Test func trlFitWithoutFacts() {
        #expect(Signals.trlFit(trl: nil, modes: ["transfer"]) == nil)
        #expect(Signals.trlFit(trl: 5, modes: []) == nil)
    }

    @Test func priceFit() {
        let budget = PriceRange(minFen: 100_000_00, maxFen: 300_000_00)
        #expect(Signals.priceFit(price: PriceRange(minFen: 200_000_00, maxFen: 500_000_00), budget: budget) == 1)
        #expect(Signals.priceFit(price: PriceRange(minFen: 600_000_00, maxFen: 800_000_00), budget: budget) == 0.5)
        #expect(Signals.priceFit(price: PriceRange(minFen: 1_200_000_00), budget: budget) == 0.25)
        #expect(Signals.priceFit(price: PriceRange(negotiable: true), budget: budget) == 0.5)
        #expect(Signals.priceFit(price: nil, budget: budget) == nil)
    }

    @Test func cityAndHistory() {
        #expect(Signals.city(.wuhan, .wuhan) == 1)
        #expect(Signals.city(.wuhan, .xianning) == 0.5)
        #expect(Signals.city(nil, .xianning) == nil)
        #expect(Signals.trackRecord(milestones: 0, deals: 0) == 0)
        #expect(Signals.trackRecord(milestones: 2, deals: 1) > Signals.trackRecord(milestones: 2, deals: 0))
        #expect(Signals.feedbackPrior(contacted: 0, deals: 1) > Signals.feedbackPrior(contacted: 1, deals: 0))
        #expect(Signals.feedbackPrior(contacted: 100, deals: 100) <= 1)
    }
}
