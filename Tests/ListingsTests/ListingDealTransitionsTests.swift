import Foundation
import GRDB
import Identity
import Kernel
@testable import Listings
@_spi(Testing) import Store
import Testing

/// The read interface and the status changes Listings offers to Deals (issue 16), each inside
/// the caller's transaction.
struct ListingDealTransitionsTests {
    @Test func factsAndStatusChangesKeepTheDocumentAndIndexInStep() async throws {
        let world = try ListingsWorld()
        let university = try await world.organization(.university, .wuhan)
        let enterprise = try await world.organization(.enterprise, .huanggang)
        let patent = try await world.listPatent("ZL201710601862.3", by: world.actor(.orgAdmin, in: university))
        let need = try await world.postNeed(by: world.actor(.orgAdmin, in: enterprise))

        let facts = try #require(try await world.database.read { db in try ListingDirectory.facts(db, id: patent.id) })
        #expect(facts.kind == .patent && facts.ownerOrganizationId == university.id && facts.city == .wuhan)
        #expect(facts.status == "listed" && facts.visible && facts.fields == [.newEnergyVehicles])
        #expect(try await world.database.read { db in try ListingDirectory.needsPosted(db, from: nil, to: nil) } == 1)
        #expect(try await world.database.read { db in try ListingDirectory.facts(db, id: 999_999) } == nil)

        let now = world.now
        let changes = try await world.database.testWriter.write { db in
            [
                try ListingDealTransitions.markUnderNegotiation(db, id: patent.id, now: now),
                try ListingDealTransitions.markUnderNegotiation(db, id: patent.id, now: now),
                try ListingDealTransitions.closeNeed(db, id: need.id, now: now),
                try ListingDealTransitions.markUnderNegotiation(db, id: need.id, now: now),
            ]
        }
        #expect(changes == [true, false, true, false])
        let negotiating = try await world.patents.get(patent.id, viewer: nil)
        #expect(negotiating.status == .underNegotiation && negotiating.version == patent.version + 1)
        #expect(try await world.needs.get(need.id, viewer: world.actor(.orgAdmin, in: enterprise)).status == .closed)
        // Still found by search while under negotiation; gone once transferred.
        let found = try await world.search.search(world.query("正极材料"), viewer: nil).total
        #expect(found >= 1)
        let moved = try await world.database.testWriter.write { db in
            try ListingDealTransitions.markTransferred(db, id: patent.id, now: now)
        }
        #expect(moved)
        #expect(
            try await world.patents.get(patent.id, viewer: world.actor(.orgAdmin, in: university)).status
                == .transferred)
        #expect(try await world.search.search(world.query("正极材料"), viewer: nil).total == found - 1)
    }
}
