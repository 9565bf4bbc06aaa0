import Foundation
import Identity
import Kernel
@testable import Listings
import Store
import Testing

/// A need's status changes as a complete table (issue 18 added `paused`): every (from, to) pair
/// is tried on a need brought to `from`, and moves exactly when the table says.
struct NeedLifecycleTests {
    typealias Status = Need.Status

    /// The owner's allowed changes; the same status is a no-op everywhere.
    static let expected: [Status: Set<Status>] = [
        .open: [.inTalks, .paused, .fulfilled, .closed],
        .inTalks: [.open, .paused, .fulfilled, .closed],
        .paused: [.open, .closed],
        .fulfilled: [],
        .closed: [.open],
        .expired: [.closed],
    ]

    @Test func everyPairOfStatuses() async throws {
        #expect(Set(Self.expected.keys) == Set(Status.allCases))
        let world = try ListingsWorld()
        let enterprise = try await world.organization(.enterprise, .wuhan)
        let owner = world.actor(.orgAdmin, in: enterprise)
        for from in Status.allCases {
            for to in Status.allCases {
                let need = try await Self.bring(world, owner, to: from)
                #expect(need.status == from)
                let before = try world.footprint()
                var error: DomainError?
                do {
                    _ = try await world.needs.update(need.id, NeedPatch(status: to), by: owner)
                } catch let refusal as DomainError {
                    error = refusal
                }
                if from == to || Self.expected[from, default: []].contains(to) {
                    #expect(error == nil, "\(from) → \(to): \(String(describing: error?.code))")
                } else {
                    #expect(error?.code == "illegal_transition", "\(from) → \(to)")
                    #expect(try world.footprint() == before, "\(from) → \(to) wrote")
                }
            }
        }
    }

    @Test func aPausedNeedIsNotSearchedAndReopens() async throws {
        let world = try ListingsWorld()
        let enterprise = try await world.organization(.enterprise, .wuhan)
        let owner = world.actor(.orgAdmin, in: enterprise)
        let need = try await world.postNeed(by: owner)
        #expect(need.columns.searchable)
        let paused = try await world.needs.update(need.id, NeedPatch(status: .paused), by: owner)
        #expect(paused.status == .paused && !paused.columns.searchable)
        // Past its deadline a paused need stays paused (it is not on the market to expire).
        world.clock.advance(by: 31 * ListingsWorld.day)
        #expect(try await world.needs.get(need.id, viewer: owner).status == .paused)
    }

    @Test func aStaleVersionIsRefusedAndNothingWritten() async throws {
        let world = try ListingsWorld()
        let enterprise = try await world.organization(.enterprise, .wuhan)
        let owner = world.actor(.orgAdmin, in: enterprise)
        let need = try await world.postNeed(by: owner)
        var first = NeedPatch(title: "寻求储能电站热管理方案")
        first.expectedVersion = need.version
        let saved = try await world.needs.update(need.id, first, by: owner)
        #expect(saved.version == need.version + 1)
        let before = try world.footprint()
        var stale = NeedPatch(title: "另一个人的修改")
        stale.expectedVersion = need.version
        let error = await domainError { try await world.needs.update(need.id, stale, by: owner) }
        #expect(error?.kind == .conflict && error?.code == "version_conflict" && error?.field == "version")
        #expect(try world.footprint() == before)
        #expect(try await world.needs.get(need.id, viewer: owner).title == "寻求储能电站热管理方案")
    }

    /// A new need brought to `status` by its owner (or the clock, for expired).
    static func bring(_ world: ListingsWorld, _ owner: Actor, to status: Status) async throws -> Need {
        switch status {
        case .open:
            return try await world.postNeed(by: owner)
        case .expired:
            let need = try await world.postNeed(by: owner, deadlineIn: 1)
            world.clock.advance(by: 2 * ListingsWorld.day)
            return try await world.needs.get(need.id, viewer: owner)
        case .inTalks, .paused, .fulfilled, .closed:
            let need = try await world.postNeed(by: owner)
            return try await world.needs.update(need.id, NeedPatch(status: status), by: owner)
        }
    }
}
