@testable import Deals
import Foundation
import Kernel
import Listings
import Store
import Testing

/// What Deals tells the ranking (issue 16: two-sided feedback): a pending or declined request
/// counts for nothing, an accepted one is "contacted" for its listings and both parties; a
/// signed contract is not yet a track record, a registered one is.
struct TrackRecordTests {
    @Test func onlyWhatBothSidesDidCounts() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let patent = try await world.patent(by: cast.seller)
        let need = try await world.need(by: cast.buyer)
        func record() async throws -> (listings: [Int64: (contacted: Int, deals: Int)], orgs: [Int64: Int]) {
            try await world.database.read { db in
                (
                    try DealTrackRecord.listings(db, ids: [patent.id, need.id]),
                    try DealTrackRecord.contracts(db, organizations: [cast.university, cast.enterprise])
                )
            }
        }
        let request = try await world.connections.request(
            NewConnection(subject: .match(needId: need.id, listingId: patent.id), message: "想洽谈专利许可。"), by: cast.buyer)
        #expect(try await record().listings.isEmpty, "a pending request is one side's word")
        _ = try await world.connections.answer(request.id, .accept, by: cast.seller)
        let accepted = try await record().listings
        #expect(accepted[patent.id]?.contacted == 1 && accepted[need.id]?.contacted == 1)
        #expect(accepted[patent.id]?.deals == 0)
        let organizations = try await world.database.read { db in
            try DealTrackRecord.organizations(db, ids: [cast.university])
        }
        #expect(organizations[cast.university]?.contacted == 1)

        let signed = try await world.signed(
            cast, world.terms(listing: patent.id, need: need.id, connection: request.id))
        #expect(try await record().orgs.isEmpty, "signed is not yet registered")
        _ = try await world.contracts.applyForRegistration(signed.id, by: cast.seller)
        _ = try await world.contracts.register(signed.id, by: try await world.cityAdmin(.wuhan))
        let registered = try await record()
        #expect(registered.orgs[cast.university] == 1 && registered.orgs[cast.enterprise] == 1)
        #expect(registered.listings[patent.id]?.deals == 1)
    }
}
