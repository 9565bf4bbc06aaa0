import Foundation
import GRDB
import Identity
import Kernel
import Store
import Testing
@testable import Vouchers

/// The provider registry (服务机构库): apply, review by the provider's city, public notice by the
/// injected clock, objections, suspension, reinstatement and delisting, and the public list.
struct RegistryTests {
    static let day = VouchersWorld.day

    func listed(
        _ world: VouchersWorld, city: CityCode? = nil, category: ServiceCategory? = nil, status: Provider.Status? = nil
    ) async throws -> [Int64] {
        try await world.providers.list(
            city: city, category: category, status: status, page: PageRequest(limit: 100), viewer: nil
        ).items.map(\.organizationId)
    }

    @Test func approvalStartsSevenDaysOfNoticeThenLists() async throws {
        let world = try VouchersWorld()
        let applicant = try await world.providerActor(.wuhan, 2)
        let organization = applicant.organizationID!
        let applied = try await world.providers.apply(NewProvider(categories: [.testing, .rd]), by: applicant)
        #expect(applied.status == .applied && applied.city == .wuhan && applied.categories == [.testing, .rd])
        #expect(applied.history.map(\.status) == [.applied])
        #expect(try await listed(world).isEmpty)
        #expect(try await listed(world, status: .applied) == [organization])
        try await world.refused("provider_exists", .conflict) {
            try await world.providers.apply(NewProvider(categories: [.testing]), by: applicant)
        }

        // Only the provider's city reviews.
        try await world.refused("forbidden", .forbidden) {
            try await world.providers.act(
                applied.id, ProviderAction(action: .approve), by: try await world.cityAdmin(.huangshi))
        }
        try await world.refused("forbidden", .forbidden) {
            try await world.providers.act(applied.id, ProviderAction(action: .approve), by: applicant)
        }
        try await world.refused("provider_not_found", .notFound) {
            try await world.providers.act(
                999_999, ProviderAction(action: .approve), by: try await world.cityAdmin(.wuhan))
        }
        let approvedAt = world.clock.now()
        let inNotice = try await world.providers.act(
            applied.id, ProviderAction(action: .approve), by: try await world.cityAdmin(.wuhan))
        #expect(inNotice.status == .inNotice)
        #expect(inNotice.noticeEndsAt == approvedAt.addingTimeInterval(7 * Self.day))

        world.clock.advance(by: 7 * Self.day - 1)
        #expect(try await world.providers.get(applied.id, viewer: nil).status == .inNotice)
        #expect(try await listed(world).isEmpty)
        #expect(try await listed(world, status: .inNotice) == [organization])
        world.clock.advance(by: 1)
        #expect(try await world.providers.get(applied.id, viewer: nil).status == .listed)
        #expect(try await listed(world) == [organization])
        #expect(try await world.audits("provider.apply") == 1)
        #expect(try await world.audits("provider.approve") == 1)
    }

    @Test func noticePeriodIsConfigurable() async throws {
        let world = try VouchersWorld()
        let providers = ProviderService(database: world.database, noticeDays: 3)
        let applied = try await providers.apply(
            NewProvider(categories: [.testing]), by: try await world.providerActor(.ezhou))
        let inNotice = try await providers.act(
            applied.id, ProviderAction(action: .approve), by: try await world.cityAdmin(.ezhou))
        #expect(inNotice.noticeEndsAt == world.clock.now().addingTimeInterval(3 * Self.day))
        world.clock.advance(by: 3 * Self.day)
        #expect(try await providers.get(applied.id, viewer: nil).status == .listed)
    }

    /// An objection during notice holds the listing past the notice's end until the city
    /// overrules it (with a reason, once the notice has ended).
    @Test func objectionBlocksListingUntilOverruled() async throws {
        let world = try VouchersWorld()
        let wuhan = try await world.cityAdmin(.wuhan)
        let applied = try await world.providers.apply(
            NewProvider(categories: [.testing]), by: try await world.providerActor(.wuhan, 2))
        _ = try await world.providers.act(applied.id, ProviderAction(action: .approve), by: wuhan)
        world.clock.advance(by: 2 * Self.day)
        let objector = try await world.enterprise(.huangshi)
        try await world.refused("required", .invalid) {
            try await world.providers.object(applied.id, NewObjection(reason: "  "), by: objector)
        }
        try await world.refused("forbidden", .forbidden) {
            try await world.providers.object(applied.id, NewObjection(reason: "x"), by: .system("cron", requestID: "r"))
        }
        let objected = try await world.providers.object(applied.id, NewObjection(reason: "检测报告造假被处罚过"), by: objector)
        // Who objected is for the city to know, not the objector's answer (issue 14).
        #expect(
            objected.objections.count == 1 && objected.objections[0].organizationId == nil
                && objected.objections[0].resolution == nil)
        #expect(
            try await world.providers.get(applied.id, viewer: wuhan).objections[0].organizationId
                == objector.organizationID)
        try await world.refused("notice_running", .conflict) {
            try await world.providers.act(applied.id, ProviderAction(action: .overrule, reason: "已核实"), by: wuhan)
        }

        world.clock.advance(by: 6 * Self.day)
        #expect(try await world.providers.get(applied.id, viewer: nil).status == .inNotice)
        #expect(try await listed(world).isEmpty)
        try await world.refused("notice_not_running", .conflict) {
            try await world.providers.object(applied.id, NewObjection(reason: "太晚了"), by: objector)
        }
        let overruled = try await world.providers.act(
            applied.id, ProviderAction(action: .overrule, reason: "处罚已撤销，经核实无问题"), by: wuhan)
        #expect(overruled.status == .listed)
        #expect(overruled.objections.map(\.resolution) == ["处罚已撤销，经核实无问题"])
        #expect(overruled.history.last?.status == .listed && overruled.history.last?.reason == "处罚已撤销，经核实无问题")
        #expect(try await listed(world) == [applied.organizationId])
    }

    @Test func objectionThenRejection() async throws {
        let world = try VouchersWorld()
        let wuhan = try await world.cityAdmin(.wuhan)
        let applicant = try await world.providerActor(.wuhan, 2)
        let applied = try await world.providers.apply(NewProvider(categories: [.testing]), by: applicant)
        _ = try await world.providers.act(applied.id, ProviderAction(action: .approve), by: wuhan)
        _ = try await world.providers.object(
            applied.id, NewObjection(reason: "无检测资质"), by: try await world.enterprise(.wuhan))
        let rejected = try await world.providers.act(
            applied.id, ProviderAction(action: .reject, reason: "经核实无 CMA 资质"), by: wuhan)
        #expect(rejected.status == .rejected && rejected.history.last?.reason == "经核实无 CMA 资质")
        world.clock.advance(by: 30 * Self.day)
        #expect(try await world.providers.get(applied.id, viewer: nil).status == .rejected)
        // A rejected organisation may apply again, from the start.
        let again = try await world.providers.apply(NewProvider(categories: [.testing]), by: applicant)
        #expect(again.status == .applied && again.objections.isEmpty)
    }

    @Test func suspensionReinstatementAndDelisting() async throws {
        let world = try VouchersWorld()
        let wuhan = try await world.cityAdmin(.wuhan)
        let organization = try await world.listedProvider(.wuhan, 2)
        let id = try await world.providers.list(
            city: .wuhan, category: nil, status: nil, page: PageRequest(), viewer: nil
        ).items[0].id
        let suspended = try await world.providers.act(
            id, ProviderAction(action: .suspend, reason: "被投诉，暂停调查"), by: wuhan)
        #expect(suspended.status == .suspended)
        #expect(try await listed(world).isEmpty)
        #expect(try await listed(world, status: .suspended) == [organization])
        let reinstated = try await world.providers.act(id, ProviderAction(action: .reinstate), by: wuhan)
        #expect(reinstated.status == .listed)
        let delisted = try await world.providers.act(id, ProviderAction(action: .delist, reason: "信用评价不合格"), by: wuhan)
        #expect(delisted.status == .delisted)
        try await world.refused("provider_wrong_state", .conflict) {
            try await world.providers.act(id, ProviderAction(action: .reinstate), by: wuhan)
        }
        #expect(delisted.history.map(\.status) == [.applied, .inNotice, .suspended, .listed, .delisted])
        #expect(delisted.history.map(\.reason) == [nil, nil, "被投诉，暂停调查", nil, "信用评价不合格"])
        #expect(try await world.audits("provider.suspend") == 1)
        #expect(try await world.audits("provider.delist") == 1)
        // Delisted: it may apply again from the start.
        let again = try await world.providers.apply(
            NewProvider(categories: [.rd]), by: world.actor(.orgAdmin, organization, .wuhan))
        #expect(again.status == .applied)
    }

    @Test func onlyOrganisationAdminsOfProviderKindsApply() async throws {
        let world = try VouchersWorld()
        let provider = try await world.organizations(.provider, .wuhan)[0]
        try await world.refused("forbidden", .forbidden) {
            try await world.providers.apply(
                NewProvider(categories: [.testing]), by: world.actor(.orgMember, provider, .wuhan))
        }
        try await world.refused("categories_invalid", .invalid) {
            try await world.providers.apply(NewProvider(categories: []), by: world.actor(.orgAdmin, provider, .wuhan))
        }
        try await world.refused("categories_invalid", .invalid) {
            try await world.providers.apply(
                NewProvider(categories: [.rd, .rd]), by: world.actor(.orgAdmin, provider, .wuhan))
        }
        // Universities, institutes and labs may register; enterprises may not.
        let university = try await world.organizations(.university, .wuhan)[0]
        #expect(
            try await world.providers.apply(
                NewProvider(categories: [.rd]), by: world.actor(.orgAdmin, university, .wuhan)
            ).status == .applied)
        try await world.refused("organization_kind_not_allowed", .forbidden) {
            try await world.providers.apply(NewProvider(categories: [.rd]), by: try await world.enterprise(.wuhan))
        }
    }

    @Test func listFiltersByCityCategoryAndStatus() async throws {
        let world = try VouchersWorld()
        let transfer = try await world.listedProvider(.wuhan, 0, categories: [.technologyTransfer])
        let wuhanTesting = try await world.listedProvider(.wuhan, 1, categories: [.testing])
        let huangshiTesting = try await world.listedProvider(.huangshi, 0, categories: [.testing, .instrumentSharing])
        let xianningRD = try await world.listedProvider(.xianning, 0, categories: [.rd])
        let pending = try await world.providers.apply(
            NewProvider(categories: [.testing]), by: try await world.providerActor(.ezhou))

        #expect(Set(try await listed(world)) == [transfer, wuhanTesting, huangshiTesting, xianningRD])
        #expect(Set(try await listed(world, city: .wuhan)) == [transfer, wuhanTesting])
        #expect(Set(try await listed(world, category: .testing)) == [wuhanTesting, huangshiTesting])
        #expect(try await listed(world, city: .huangshi, category: .testing) == [huangshiTesting])
        #expect(try await listed(world, category: .rd) == [xianningRD])
        #expect(try await listed(world, category: .instrumentSharing) == [huangshiTesting])
        #expect(try await listed(world, city: .ezhou).isEmpty)
        #expect(try await listed(world, city: .ezhou, status: .applied) == [pending.organizationId])

        // Pages of two, in id order, with a cursor.
        let first = try await world.providers.list(
            city: nil, category: nil, status: nil, page: PageRequest(limit: 2), viewer: nil)
        #expect(first.items.count == 2)
        let cursor = try #require(first.nextCursor)
        let second = try await world.providers.list(
            city: nil, category: nil, status: nil, page: try PageRequest(limit: 2, cursor: cursor), viewer: nil)
        #expect(second.items.count == 2 && second.nextCursor == nil)
        #expect(
            Set((first.items + second.items).map(\.organizationId)) == [
                transfer, wuhanTesting, huangshiTesting, xianningRD,
            ])
    }
}
