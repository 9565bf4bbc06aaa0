import Deals
import Foundation
import Identity
import Kernel
import Listings
import Store
import Testing

/// Who sees which contracts and connections in lists, and what completion does to a listing.
struct ListsAndListingsTests {
    @Test func listsShowEachViewerWhatItMayRead() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let draft = try await world.draft(cast)
        let applied = try await world.signed(cast)
        _ = try await world.contracts.applyForRegistration(applied.id, by: cast.seller)
        let wuhan = try await world.contracts.list(viewer: try await world.cityAdmin(.wuhan), page: PageRequest())
        #expect(wuhan.items.map(\.id) == [applied.id])
        let huanggang = try await world.contracts.list(
            viewer: try await world.cityAdmin(.huanggang), page: PageRequest())
        #expect(huanggang.items.isEmpty)
        let seller = try await world.contracts.list(viewer: cast.seller, page: PageRequest(limit: 1))
        #expect(seller.items.map(\.id) == [draft.id] && seller.nextCursor != nil)
        let signedOnly = try await world.contracts.list(viewer: cast.buyer, status: .draft, page: PageRequest())
        #expect(signedOnly.items.map(\.id) == [draft.id])
        #expect(try await world.database.read { db in try ContractDirectory.facts(db, id: 999_999) } == nil)

        let patent = try await world.patent(by: cast.seller)
        let request = try await world.connections.request(
            NewConnection(subject: .patent(patent.id), message: "您好"), by: cast.buyer)
        #expect(
            try await world.connections.list(viewer: cast.seller, page: PageRequest()).items.map(\.id) == [request.id])
        let other = world.actor(.orgAdmin, try await world.organization(.enterprise, .xianning), .xianning)
        #expect(try await world.connections.list(viewer: other, page: PageRequest()).items.isEmpty)
    }

    @Test func aNonExclusiveLicenceLeavesTheListingListedAndATransferMovesIt() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let patent = try await world.patent(by: cast.seller)
        let licence = try await world.signed(cast, world.terms(listing: patent.id, exclusive: false))
        _ = try await world.contracts.recordPayment(
            licence.id, NewPayment(amountFen: 1_000, paidOn: world.clock.now()), by: cast.buyer)
        let completed = try await world.contracts.complete(licence.id, by: cast.seller)
        #expect(completed.status == .completed && completed.paidFen == 1_000)
        #expect(try await world.patents.get(patent.id, viewer: cast.seller).status == .listed)

        let transfer = try await world.signed(
            cast, world.terms(listing: patent.id, type: .patentRightTransfer, exclusive: false))
        #expect(try await world.patents.get(patent.id, viewer: cast.seller).status == .underNegotiation)
        _ = try await world.contracts.recordPayment(
            transfer.id, NewPayment(amountFen: 30_000_000, paidOn: world.clock.now()), by: cast.seller)
        #expect(try await world.patents.get(patent.id, viewer: cast.seller).status == .transferred)
    }
}

/// The outbox names real people: the receiving side's users, and the seller city's clerks.
struct NoticeRecipientsTests {
    @Test func theReceiverAndTheClerksAreTold() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let users = UserService(database: world.database, passwords: Passwords(cost: 4))
        let system = Actor.system("test", requestID: "test")
        let member = try await users.create(
            in: cast.university,
            NewUser(username: "wuhan-tt", displayName: "技术转移中心", role: .orgMember, password: "correct horse battery"),
            by: system)
        let clerk = try await users.create(
            in: try await world.organization(.government, .wuhan),
            NewUser(username: "wuhan-clerk", displayName: "登记员", role: .cityAdmin, password: "correct horse battery"),
            by: system)
        let patent = try await world.patent(by: cast.seller)
        _ = try await world.connections.request(
            NewConnection(subject: .patent(patent.id), message: "您好"), by: cast.buyer)
        let contract = try await world.signed(cast)
        _ = try await world.contracts.applyForRegistration(contract.id, by: cast.seller)
        let events = try await world.database.read { db in try AppDatabase.outboxEvents(db, after: 0, limit: 100) }
        let requested = try #require(events.first { $0.kind == "connection.requested" })
        #expect(requested.users == [member.user.id])
        let applied = try #require(events.first { $0.kind == "contract.apply_registration" })
        #expect(applied.users.contains(clerk.user.id) && !applied.users.contains(member.user.id))
    }
}
