import Foundation
import GRDB
import Identity
import Kernel
@testable import Listings
import Store
import Testing

struct PatentServiceTests {
    static let number = "201710601862.3"

    @Test func aUniversityMemberListsAPatentWithOneAuditEntryAndItCanBeFound() async throws {
        let world = try ListingsWorld()
        let university = try await world.organization(.university, .wuhan)
        let member = world.actor(.orgMember, in: university)
        let before = try world.footprint()
        let seq = try world.lastAuditSeq()

        let patent = try await world.listPatent("ZL201710601862.3", by: member)

        #expect(patent.id > 0)
        #expect(patent.number == Self.number)
        #expect(patent.patentType == .invention)
        #expect(patent.ownerOrganizationId == university.id && patent.city == .wuhan)
        #expect(patent.status == .listed && patent.version == 1)
        #expect(patent.ipcCodes == ["H01M 10/0525"])
        #expect(patent.createdAt == world.now)
        #expect(try world.footprint() == [before[0] + 1, before[1] + 1, before[2] + 1])
        #expect(try world.auditActions(after: seq) == ["patent.create"])
        let target = try await world.database.read { db -> [String] in
            let row = try Row.fetchOne(
                db, sql: "SELECT target_type, target_id, actor_org_id FROM audit_log WHERE seq > ?", arguments: [seq])
            return [row?["target_type"] ?? "", row?["target_id"] ?? "", String(row?["actor_org_id"] ?? Int64(0))]
        }
        #expect(target == ["patent", String(patent.id), String(university.id)])

        // Readable by anyone, and found by a search.
        #expect(try await world.patents.get(patent.id, viewer: nil) == patent)
        let found = try await world.search.search(world.query("锂电池"), viewer: nil)
        #expect(found.items.map(\.id) == [patent.id])
        #expect(found.items.first?.kind == .patent)
        #expect(found.items.first?.price == PriceRange(minFen: 10_000_000, maxFen: 50_000_000))
    }

    @Test func theSameNumberIsTakenOnceOnThePlatformEvenByAnotherOrganisation() async throws {
        let world = try ListingsWorld()
        let first = try await world.organization(.university, .wuhan, 0)
        let second = try await world.organization(.university, .wuhan, 1)
        let existing = try await world.listPatent(Self.number, by: world.actor(.orgMember, in: first))
        let before = try world.footprint()
        for (raw, actor) in [
            (Self.number, world.actor(.orgMember, in: first)),
            ("ZL2017106018623", world.actor(.orgAdmin, in: second)),
        ] {
            let error = await domainError { try await world.listPatent(raw, title: "另一个标题", by: actor) }
            #expect(error?.kind == .conflict)
            #expect(error?.code == "patent_number_taken")
            #expect(error?.field == "number")
            #expect(error?.details["patentId"] == .int(existing.id))
        }
        #expect(try world.footprint() == before)
    }

    @Test(arguments: [
        ("ipc_format", "ipcCodes[0]"), ("ipc_format", "ipcCodes[1]"), ("trl_out_of_range", "trl"),
        ("inverted_range", "askingPrice.maxFen"), ("negative_amount", "askingPrice.minFen"),
        ("too_many_keywords", "keywords"), ("too_long", "keywords[1]"), ("too_long", "title"), ("required", "title"),
        ("required", "transferModes"), ("required", "fields"), ("patent_check_digit", "number"),
        ("price_required", "askingPrice"), ("negotiable_with_amounts", "askingPrice"),
        ("amount_too_large", "askingPrice.maxFen"), ("invalid_initial_status", "status"), ("too_long", "inventors[0]"),
    ])
    func everyInvalidFieldIsRefusedPreciselyAndNothingIsWritten(_ code: String, _ field: String) async throws {
        let world = try ListingsWorld()
        let university = try await world.organization(.university, .wuhan)
        var input = Fixtures.patent(Self.number)
        switch (code, field) {
        case ("ipc_format", "ipcCodes[0]"): input.ipcCodes = ["Z01M 10/05"]
        case ("ipc_format", _): input.ipcCodes = ["H01M 10/0525", "H01M"]
        case ("trl_out_of_range", _): input.trl = 10
        case ("inverted_range", _): input.askingPrice = PriceRange(minFen: 2_000, maxFen: 1_000)
        case ("negative_amount", _): input.askingPrice = PriceRange(minFen: -1, maxFen: 1_000)
        case ("too_many_keywords", _): input.keywords = (1...13).map { "关键词\($0)" }
        case ("too_long", "keywords[1]"): input.keywords = ["正极", String(repeating: "材", count: 31)]
        case ("too_long", "title"): input.title = String(repeating: "锂", count: 201)
        case ("too_long", _): input.inventors = [String(repeating: "张", count: 101)]
        case ("required", "title"): input.title = "   "
        case ("required", "transferModes"): input.transferModes = []
        case ("required", _): input.fields = []
        case ("patent_check_digit", _): input.number = "201710601862.4"
        case ("price_required", _): input.askingPrice = PriceRange(minFen: 1_000)
        case ("negotiable_with_amounts", _):
            input.askingPrice = PriceRange(minFen: 1_000, maxFen: 2_000, negotiable: true)
        case ("amount_too_large", _): input.askingPrice = PriceRange(minFen: 0, maxFen: 10_000_000_001)
        default: input.status = .transferred
        }
        let before = try world.footprint()
        let error = await domainError {
            try await world.patents.create(input, by: world.actor(.orgMember, in: university))
        }
        #expect(error?.kind == .invalid)
        #expect(error?.code == code)
        #expect(error?.field == field)
        #expect(try world.footprint() == before)
    }

    @Test
    func aNegativeMaximumIsBlamedOnTheMaximum() async throws {
        let world = try ListingsWorld()
        let university = try await world.organization(.university, .wuhan)
        let error = await domainError {
            try await world.listPatent(Self.number, by: world.actor(.orgMember, in: university)) {
                $0.askingPrice = PriceRange(minFen: 0, maxFen: -5)
            }
        }
        #expect(error?.code == "negative_amount")
        #expect(error?.field == "askingPrice.maxFen")
    }

    @Test func theLimitsThemselvesAreAccepted() async throws {
        let world = try ListingsWorld()
        let university = try await world.organization(.university, .wuhan)
        let patent = try await world.listPatent(
            Self.number, title: String(repeating: "锂", count: 200), by: world.actor(.orgMember, in: university)
        ) {
            $0.keywords = (1...12).map { "关键词\($0)" }
            $0.trl = 9
            $0.askingPrice = PriceRange(minFen: 0, maxFen: 10_000_000_000)
            $0.transferModes = [.equity, .assignment, .equity]
            $0.ipcCodes = ["h01m10/0525", "H01M 10/0525", "G06N 3/08"]
        }
        #expect(patent.title.count == 200)
        #expect(patent.keywords.count == 12)
        // Modes come back in their canonical order without repeats; IPC codes normalised and unique.
        #expect(patent.transferModes == [.assignment, .equity])
        #expect(patent.ipcCodes == ["H01M 10/0525", "G06N 3/08"])
    }

    @Test func enterprisesListPatentsButGovernmentsAndProvidersDoNot() async throws {
        let world = try ListingsWorld()
        let enterprise = try await world.organization(.enterprise, .ezhou)
        let listed = try await world.listPatent(Self.number, by: world.actor(.orgAdmin, in: enterprise))
        #expect(listed.ownerOrganizationId == enterprise.id && listed.city == .ezhou)

        for kind in [OrganizationKind.government, .provider] {
            let organization = try await world.organization(kind, .huangshi)
            let before = try world.footprint()
            let error = await domainError {
                try await world.listPatent(patentNumber(serial: 1), by: world.actor(.orgAdmin, in: organization))
            }
            #expect(error?.kind == .forbidden)
            #expect(error?.code == "organization_kind_not_allowed")
            #expect(try world.footprint() == before)
        }
    }

    @Test func aPlatformAdminListsForAnOrganisationButMembersOnlyForTheirOwn() async throws {
        let world = try ListingsWorld()
        let platform = try await world.organization(.platform, .wuhan)
        let university = try await world.organization(.university, .huanggang)
        let other = try await world.organization(.university, .wuhan)
        let patent = try await world.listPatent(Self.number, by: world.actor(.platformAdmin, in: platform)) {
            $0.ownerOrganizationId = university.id
        }
        #expect(patent.ownerOrganizationId == university.id && patent.city == .huanggang)

        let error = await domainError {
            try await world.listPatent(patentNumber(serial: 2), by: world.actor(.orgMember, in: other)) {
                $0.ownerOrganizationId = university.id
            }
        }
        #expect(error?.code == "forbidden")
        // A platform administrator without an organisation named lists for the platform itself, which may not own patents.
        let own = await domainError {
            try await world.listPatent(patentNumber(serial: 3), by: world.actor(.platformAdmin, in: platform))
        }
        #expect(own?.code == "organization_kind_not_allowed")
    }

    @Test func theOwnerEditsAndTheIndexFollows() async throws {
        let world = try ListingsWorld()
        let university = try await world.organization(.university, .wuhan)
        let member = world.actor(.orgMember, in: university)
        let patent = try await world.listPatent(Self.number, title: "一种锂电池正极材料", by: member)
        let seq = try world.lastAuditSeq()
        world.clock.advance(by: 60)

        var patch = PatentPatch()
        patch.title = "一种北斗导航芯片封装方法"
        patch.trl = 7
        let updated = try await world.patents.update(patent.id, patch, by: member)

        #expect(updated.version == 2)
        #expect(updated.title == "一种北斗导航芯片封装方法" && updated.trl == 7)
        #expect(updated.number == patent.number && updated.createdAt == patent.createdAt)
        #expect(updated.updatedAt == world.now)
        #expect(try world.auditActions(after: seq) == ["patent.update"])
        let change = try await world.database.read { db in
            try String.fetchOne(db, sql: "SELECT change FROM audit_log WHERE seq > ?", arguments: [seq])
        }
        let diff = try JSONDecoder().decode(JSONValue.self, from: Data((change ?? "{}").utf8))
        guard case .object(let members) = diff else { Issue.record("change is not an object"); return }
        #expect(Set(members.keys) == ["title", "trl", "version"])
        #expect(members["title"] == ["before": "一种锂电池正极材料", "after": "一种北斗导航芯片封装方法"])

        #expect(try await world.search.search(world.query("北斗"), viewer: nil).items.map(\.id) == [patent.id])
        #expect(try await world.search.search(world.query("锂电池"), viewer: nil).items.isEmpty)
        #expect(try world.count("listings_fts") == 1)

        // An invalid patch changes nothing.
        var bad = PatentPatch()
        bad.trl = 0
        let before = try world.footprint()
        let error = await domainError { try await world.patents.update(patent.id, bad, by: member) }
        #expect(error?.code == "trl_out_of_range" && error?.field == "trl")
        #expect(try world.footprint() == before)
        #expect(try await world.patents.get(patent.id, viewer: nil).version == 2)
    }

    @Test func anotherOrganisationsAdminCannotEdit() async throws {
        let world = try ListingsWorld()
        let owner = try await world.organization(.university, .wuhan, 0)
        let other = try await world.organization(.university, .wuhan, 1)
        let patent = try await world.listPatent(Self.number, by: world.actor(.orgMember, in: owner))
        let before = try world.footprint()
        var patch = PatentPatch()
        patch.title = "被篡改的标题"
        for actor in [world.actor(.orgAdmin, in: other), world.actor(.expert, in: owner)] {
            let error = await domainError { try await world.patents.update(patent.id, patch, by: actor) }
            #expect(error?.kind == .forbidden)
            #expect(error?.code == "forbidden")
        }
        #expect(try world.footprint() == before)
        #expect(try await world.patents.get(patent.id, viewer: nil) == patent)
    }

    @Test func theOwnerWithdrawsAndRelists() async throws {
        let world = try ListingsWorld()
        let university = try await world.organization(.university, .wuhan)
        let member = world.actor(.orgMember, in: university)
        let stranger = world.actor(.orgMember, in: try await world.organization(.enterprise, .wuhan))
        let patent = try await world.listPatent(Self.number, by: member)

        var patch = PatentPatch()
        patch.status = .withdrawn
        let withdrawn = try await world.patents.update(patent.id, patch, by: member)
        #expect(withdrawn.status == .withdrawn && withdrawn.version == 2)
        #expect(try world.count("listings_fts") == 0)
        #expect(try await world.search.search(world.query("锂电池"), viewer: stranger).total == 0)
        #expect(
            await domainError { try await world.patents.get(patent.id, viewer: stranger) }?.code == "patent_not_found")
        #expect(await domainError { try await world.patents.get(patent.id, viewer: nil) }?.kind == .notFound)
        #expect(try await world.patents.get(patent.id, viewer: member).status == .withdrawn)

        patch.status = .listed
        #expect(try await world.patents.update(patent.id, patch, by: member).status == .listed)
        #expect(try await world.search.search(world.query("锂电池"), viewer: stranger).items.map(\.id) == [patent.id])
    }

    @Test func anIllegalStatusMoveIsAConflictNamingWhereItStands() async throws {
        let world = try ListingsWorld()
        let university = try await world.organization(.university, .wuhan)
        let member = world.actor(.orgMember, in: university)
        let patent = try await world.listPatent(Self.number, by: member)
        var patch = PatentPatch()
        patch.status = .transferred
        #expect(try await world.patents.update(patent.id, patch, by: member).status == .transferred)

        let before = try world.footprint()
        patch.status = .listed
        let error = await domainError { try await world.patents.update(patent.id, patch, by: member) }
        #expect(error?.kind == .conflict)
        #expect(error?.code == "illegal_transition")
        #expect(error?.field == "status")
        #expect(error?.details["currentState"] == .string("transferred"))
        #expect(error?.details["allowed"] == .array([]))
        #expect(try world.footprint() == before)

        // From withdrawn, only draft and listed.
        let other = try await world.listPatent(patentNumber(serial: 7), by: member)
        patch.status = .withdrawn
        _ = try await world.patents.update(other.id, patch, by: member)
        patch.status = .underNegotiation
        let fromWithdrawn = await domainError { try await world.patents.update(other.id, patch, by: member) }
        #expect(fromWithdrawn?.details["currentState"] == .string("withdrawn"))
        #expect(fromWithdrawn?.details["allowed"] == .array([.string("draft"), .string("listed")]))
    }

    @Test func draftsAreSeenOnlyByTheOwnerAndSupervisors() async throws {
        let world = try ListingsWorld()
        let university = try await world.organization(.university, .wuhan)
        let platform = try await world.organization(.platform, .wuhan)
        let wuhanBureau = try await world.organization(.government, .wuhan)
        let huangshiBureau = try await world.organization(.government, .huangshi)
        let before = try world.count("listings_fts")
        let draft = try await world.listPatent(Self.number, by: world.actor(.orgMember, in: university)) {
            $0.status = .draft
        }
        #expect(draft.status == .draft)
        #expect(try world.count("listings_fts") == before)

        let allowed: [Actor] = [
            world.actor(.orgMember, in: university), world.actor(.orgAdmin, in: university),
            world.actor(.platformAdmin, in: platform), world.actor(.auditor, in: platform),
            world.actor(.cityAdmin, in: wuhanBureau),
        ]
        for viewer in allowed {
            #expect(
                try await world.patents.get(draft.id, viewer: viewer) == draft, "\(viewer.role!) should see the draft")
        }
        let refused: [Actor?] = [
            nil, world.actor(.orgMember, in: try await world.organization(.university, .wuhan, 1)),
            world.actor(.cityAdmin, in: huangshiBureau), world.actor(.expert, in: platform),
        ]
        for viewer in refused {
            let error = await domainError { try await world.patents.get(draft.id, viewer: viewer) }
            #expect(error?.kind == .notFound)
            #expect(error?.code == "patent_not_found")
        }
        // Not found by search, even by its owner.
        #expect(
            try await world.search.search(world.query("锂电池"), viewer: world.actor(.orgMember, in: university)).total
                == 0)
        // A missing id reads the same as one not visible.
        #expect(
            await domainError { try await world.patents.get(draft.id + 1_000, viewer: nil) }?.code == "patent_not_found"
        )
    }

    @Test func aPlatformAdminHidesWithAReasonAndUnhides() async throws {
        let world = try ListingsWorld()
        let university = try await world.organization(.university, .wuhan)
        let platform = try await world.organization(.platform, .wuhan)
        let owner = world.actor(.orgMember, in: university)
        let admin = world.actor(.platformAdmin, in: platform, user: 7)
        let stranger = world.actor(.orgMember, in: try await world.organization(.enterprise, .wuhan))
        let patent = try await world.listPatent(Self.number, by: owner)

        // Only platform administrators moderate.
        for actor in [
            owner, world.actor(.orgAdmin, in: university),
            world.actor(.cityAdmin, in: try await world.organization(.government, .wuhan)),
        ] {
            #expect(
                await domainError { try await world.patents.moderate(patent.id, hide: "违规", by: actor) }?.code
                    == "forbidden")
        }

        let seq = try world.lastAuditSeq()
        let hidden = try await world.patents.moderate(patent.id, hide: "疑似虚假专利信息", by: admin)
        #expect(hidden.moderation?.reason == "疑似虚假专利信息")
        #expect(hidden.moderation?.byUser == 7)
        #expect(hidden.version == 2)
        #expect(try world.auditActions(after: seq) == ["patent.moderate"])

        for viewer in [nil, stranger] {
            #expect(
                await domainError { try await world.patents.get(patent.id, viewer: viewer) }?.code == "patent_not_found"
            )
        }
        #expect(try await world.patents.get(patent.id, viewer: owner).moderation?.reason == "疑似虚假专利信息")
        #expect(try await world.patents.get(patent.id, viewer: world.actor(.auditor, in: platform)).moderation != nil)
        #expect(try await world.search.search(world.query("锂电池"), viewer: stranger).total == 0)
        #expect(
            try await world.search.search(world.query(), viewer: stranger).items.contains { $0.id == patent.id }
                == false)
        #expect(try world.count("listings_fts") == 0)
        // The owner cannot lift it by editing.
        var patch = PatentPatch()
        patch.title = "一种高能量密度锂电池正极材料（修订）"
        let edited = try await world.patents.update(patent.id, patch, by: owner)
        #expect(edited.moderation?.reason == "疑似虚假专利信息")
        #expect(try await world.search.search(world.query("锂电池"), viewer: stranger).total == 0)

        let shown = try await world.patents.moderate(patent.id, hide: nil, by: admin)
        #expect(shown.moderation == nil)
        #expect(try await world.patents.get(patent.id, viewer: nil).moderation == nil)
        #expect(try await world.search.search(world.query("锂电池"), viewer: stranger).items.map(\.id) == [patent.id])
        #expect(try world.count("listings_fts") == 1)
    }
}

struct AchievementServiceTests {
    @Test func achievementsNeedATRLAndLinkOnlyTheirOwnersPatents() async throws {
        let world = try ListingsWorld()
        let lab = try await world.organization(.lab, .wuhan)
        let other = try await world.organization(.university, .wuhan)
        let mine = try await world.listPatent(patentNumber(serial: 11), by: world.actor(.orgMember, in: lab))
        let theirs = try await world.listPatent(patentNumber(serial: 12), by: world.actor(.orgMember, in: other))

        var input = Fixtures.achievement(title: "硅光芯片晶圆级测试工艺")
        input.patentIds = [mine.id, mine.id]
        input.externalRef = "LAB-2027-001"
        let achievement = try await world.achievements.create(input, by: world.actor(.orgMember, in: lab))
        #expect(achievement.patentIds == [mine.id])
        #expect(achievement.trl == 6 && achievement.status == .listed)

        let before = try world.footprint()
        var bad = input
        bad.externalRef = "LAB-2027-002"
        bad.patentIds = [mine.id, theirs.id]
        let foreign = await domainError {
            try await world.achievements.create(bad, by: world.actor(.orgMember, in: lab))
        }
        #expect(foreign?.code == "unknown_patent" && foreign?.field == "patentIds[1]")
        bad.patentIds = nil
        bad.trl = 0
        #expect(
            await domainError { try await world.achievements.create(bad, by: world.actor(.orgMember, in: lab)) }?.code
                == "trl_out_of_range")
        bad.trl = 3
        bad.cooperationModes = []
        let modes = await domainError { try await world.achievements.create(bad, by: world.actor(.orgMember, in: lab)) }
        #expect(modes?.code == "required" && modes?.field == "cooperationModes")
        let repeated = await domainError {
            try await world.achievements.create(input, by: world.actor(.orgMember, in: lab))
        }
        #expect(repeated?.code == "external_ref_taken" && repeated?.kind == .conflict)
        #expect(try world.footprint() == before)

        // Found by search with a TRL filter.
        let hits = try await world.search.search(world.query("硅光") { $0.trlMin = 6 }, viewer: nil)
        #expect(hits.items.map(\.id) == [achievement.id])
        #expect(try await world.search.search(world.query("硅光") { $0.trlMin = 7 }, viewer: nil).total == 0)
    }
}
