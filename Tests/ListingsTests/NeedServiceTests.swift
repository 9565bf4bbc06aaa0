import Foundation
import Identity
import Kernel
@testable import Listings
import Store
import Testing

struct NeedServiceTests {
    @Test func anEnterprisePostsANeedWithOneAuditEntry() async throws {
        let world = try ListingsWorld()
        let enterprise = try await world.organization(.enterprise, .huangshi)
        let before = try world.footprint()
        let seq = try world.lastAuditSeq()
        let need = try await world.postNeed(by: world.actor(.orgMember, in: enterprise))
        #expect(need.status == .open && need.visibility == .public && need.version == 1)
        #expect(need.ownerOrganizationId == enterprise.id && need.city == .huangshi)
        #expect(need.deadline == world.now.addingTimeInterval(30 * ListingsWorld.day))
        #expect(try world.footprint() == [before[0] + 1, before[1] + 1, before[2] + 1])
        #expect(try world.auditActions(after: seq) == ["need.create"])
        #expect(try await world.needs.get(need.id, viewer: nil) == need)
    }

    @Test(arguments: [OrganizationKind.university, .institute, .lab, .provider, .government])
    func onlyEnterprisesPostNeeds(_ kind: OrganizationKind) async throws {
        let world = try ListingsWorld()
        let organization = try await world.organization(kind, .wuhan)
        let before = try world.footprint()
        let error = await domainError { try await world.postNeed(by: world.actor(.orgAdmin, in: organization)) }
        #expect(error?.kind == .forbidden)
        #expect(error?.code == "organization_kind_not_allowed")
        #expect(try world.footprint() == before)
    }

    @Test(
        arguments: [(-1.0, "deadline_in_past"), (0.0, "deadline_in_past"), (Double(5 * 366 + 1), "deadline_too_far")]
            as [(Double, String)])
    func theDeadlineMustLieAheadAndNotTooFar(_ days: Double, _ code: String) async throws {
        let world = try ListingsWorld()
        let enterprise = try await world.organization(.enterprise, .wuhan)
        let before = try world.footprint()
        let error = await domainError {
            try await world.postNeed(by: world.actor(.orgMember, in: enterprise), deadlineIn: days)
        }
        #expect(error?.kind == .invalid)
        #expect(error?.code == code)
        #expect(error?.field == "deadline")
        #expect(try world.footprint() == before)
    }

    @Test func aNeedExpiresByTheClock() async throws {
        let world = try ListingsWorld()
        let enterprise = try await world.organization(.enterprise, .wuhan)
        let owner = world.actor(.orgMember, in: enterprise)
        let need = try await world.postNeed(by: owner, deadlineIn: 10)
        let open = try await world.search.search(world.query("热管理"), viewer: nil)
        #expect(open.items.map(\.id) == [need.id])
        #expect(open.items.first?.status == "open")

        world.clock.advance(by: 10 * ListingsWorld.day + 1)
        let read = try await world.needs.get(need.id, viewer: nil)
        #expect(read.status == .expired)
        #expect(try await world.needs.get(need.id, viewer: owner).status == .expired)
        // Not listed by default, nor under its stored status…
        #expect(try await world.search.search(world.query("热管理"), viewer: nil).total == 0)
        #expect(try await world.search.search(world.query("热管理") { $0.status = "open" }, viewer: nil).total == 0)
        #expect(try await world.search.search(world.query(nil) { $0.kinds = [.need] }, viewer: nil).total == 0)
        // …but found when asked for expired ones, reading as expired.
        let expired = try await world.search.search(world.query("热管理") { $0.status = "expired" }, viewer: nil)
        #expect(expired.items.map(\.id) == [need.id])
        #expect(expired.items.first?.status == "expired")
        #expect(expired.facets.kind == ["need": 1])

        // An expired need may be closed, not put back in talks.
        var patch = NeedPatch()
        patch.status = .inTalks
        let error = await domainError { try await world.needs.update(need.id, patch, by: owner) }
        #expect(error?.code == "illegal_transition")
        #expect(error?.details["currentState"] == .string("expired"))
        #expect(error?.details["allowed"] == .array([.string("closed")]))
        patch.status = .closed
        #expect(try await world.needs.update(need.id, patch, by: owner).status == .closed)
        #expect(try await world.search.search(world.query("热管理") { $0.status = "expired" }, viewer: nil).total == 0)
    }

    @Test func aNewDeadlineRevivesAnExpiredNeed() async throws {
        let world = try ListingsWorld()
        let enterprise = try await world.organization(.enterprise, .wuhan)
        let owner = world.actor(.orgMember, in: enterprise)
        let need = try await world.postNeed(by: owner, deadlineIn: 1)
        world.clock.advance(by: 2 * ListingsWorld.day)
        #expect(try await world.needs.get(need.id, viewer: nil).status == .expired)
        var patch = NeedPatch()
        patch.deadline = world.now.addingTimeInterval(-60)
        #expect(
            await domainError { try await world.needs.update(need.id, patch, by: owner) }?.code == "deadline_in_past")
        patch.deadline = world.now.addingTimeInterval(30 * ListingsWorld.day)
        let revived = try await world.needs.update(need.id, patch, by: owner)
        #expect(revived.status == .open)
        #expect(try await world.search.search(world.query("热管理"), viewer: nil).items.map(\.id) == [need.id])
    }

    @Test func aCorridorNeedIsForSignedInUsersOnly() async throws {
        let world = try ListingsWorld()
        let enterprise = try await world.organization(.enterprise, .xianning)
        let need = try await world.postNeed(title: "征集北斗高精度定位算法", by: world.actor(.orgMember, in: enterprise)) {
            $0.visibility = .corridor
        }
        #expect(need.visibility == .corridor)

        let anonymous = try await world.search.search(world.query("北斗"), viewer: nil)
        #expect(anonymous.total == 0)
        #expect(await domainError { try await world.needs.get(need.id, viewer: nil) }?.code == "need_not_found")

        let reader = world.actor(.orgMember, in: try await world.organization(.university, .wuhan))
        let signedIn = try await world.search.search(world.query("北斗"), viewer: reader)
        #expect(signedIn.items.map(\.id) == [need.id])
        #expect(try await world.needs.get(need.id, viewer: reader) == need)
    }

    @Test func anotherEnterpriseCannotChangeANeed() async throws {
        let world = try ListingsWorld()
        let owner = try await world.organization(.enterprise, .wuhan, 0)
        let other = try await world.organization(.enterprise, .wuhan, 1)
        let need = try await world.postNeed(by: world.actor(.orgMember, in: owner))
        var patch = NeedPatch()
        patch.status = .closed
        let before = try world.footprint()
        #expect(
            await domainError { try await world.needs.update(need.id, patch, by: world.actor(.orgAdmin, in: other)) }?
                .code == "forbidden")
        #expect(try world.footprint() == before)
        let fulfilled = try await world.needs.update(
            need.id, NeedPatch(status: .fulfilled), by: world.actor(.orgMember, in: owner))
        #expect(fulfilled.status == .fulfilled && fulfilled.version == 2)
        // Fulfilled is final.
        let error = await domainError {
            try await world.needs.update(need.id, NeedPatch(status: .open), by: world.actor(.orgMember, in: owner))
        }
        #expect(error?.code == "illegal_transition" && error?.details["allowed"] == .array([]))
    }
}
