import Foundation
import GRDB
import Identity
import Kernel
import Listings
@testable import Matching
import Store
import Testing

/// Matching on the seeded corridor: a need's supply, the reverse, counterpart organisations,
/// explanations, feedback and who may see what.
@Suite(.serialized)
struct NeedMatchingTests {
    @Test func aSeededNeedGetsExplainedSupplyFromSeveralCities() async throws {
        let world = try await MatchingWorld.make()
        let need = try await world.listing("seed-need-002")  // 硅光调制器
        let owner = try await world.owner(of: need)
        let viewer = world.actor(.orgMember, organization: owner.id, city: owner.city)
        let patents = try await world.matches.forNeed(
            need, options: MatchOptions(kind: .patent, limit: 10), viewer: viewer)
        #expect((5...10).contains(patents.items.count))
        #expect(!patents.queryTerms.isEmpty)
        #expect(patents.items.map(\.rank) == Array(1...patents.items.count))
        #expect(zip(patents.items, patents.items.dropFirst()).allSatisfy { $0.score >= $1.score })
        for item in patents.items {
            #expect(item.kind == .patent)
            // The parts add up to the score, and text is always among them.
            let sum = item.explanation.parts.map(\.contribution).reduce(0, +)
            #expect(abs(sum - item.score) < 0.001, "\(item.title)")
            #expect(
                item.explanation.parts.map(\.signal).starts(with: ["text", "field", "ipc", "trl", "price", "city"]))
            #expect(!item.explanation.matchedTerms.isEmpty)
            #expect(item.organization != nil)
        }
        let top = try #require(patents.items.first)
        #expect(
            top.explanation.highlights.map { !$0.title.ranges.isEmpty || !($0.snippet?.ranges.isEmpty ?? true) } == true
        )
        #expect(Set(patents.items.map(\.city)).count >= 2, "patents from several cities")
        // The seed's judged patents for this need are found near the top.
        let judged = ["201610189314.X", "202410823555.X", "202411395636.0", "202510036189.8"]
        var judgedIds: [Int64] = []
        for number in judged { judgedIds.append(try await world.listing(number)) }
        #expect(patents.items.prefix(5).contains { judgedIds.contains($0.id) })

        let achievements = try await world.matches.forNeed(
            need, options: MatchOptions(kind: .achievement), viewer: viewer)
        #expect(!achievements.items.isEmpty)
        #expect(achievements.items.allSatisfy { $0.kind == .achievement })

        let organisations = try await world.matches.forNeed(
            need, options: MatchOptions(kind: .organisation), viewer: viewer)
        #expect(organisations.items.count >= 2)
        #expect(
            organisations.items.allSatisfy {
                $0.kind == .organisation && [.university, .institute, .lab].contains($0.organization?.kind)
            })
        #expect(organisations.items.allSatisfy { !($0.explanation.evidence ?? []).isEmpty })
        #expect(Set(organisations.items.map(\.city)).count >= 2, "universities from several cities")
    }

    @Test func supplyFindsNeedsAndEnterprises() async throws {
        let world = try await MatchingWorld.make()
        let patent = try await world.listing("201610189314.X")
        let owner = try await world.owner(of: patent)
        let viewer = world.actor(.orgMember, organization: owner.id, city: owner.city)
        let needs = try await world.matches.forSupply(
            .patent, patent, options: MatchOptions(kind: .need), viewer: viewer)
        #expect(!needs.items.isEmpty)
        #expect(needs.items.allSatisfy { $0.kind == .need })
        #expect(needs.items.first?.id == (try await world.listing("seed-need-002")))
        let enterprises = try await world.matches.forSupply(
            .patent, patent, options: MatchOptions(kind: .organisation), viewer: viewer)
        #expect(enterprises.items.allSatisfy { $0.organization?.kind == .enterprise })
        #expect(!enterprises.items.isEmpty)

        let achievement = try await world.listing("seed-ach-006")
        let achievementOwner = try await world.owner(of: achievement)
        let forAchievement = try await world.matches.forSupply(
            .achievement, achievement, options: MatchOptions(),
            viewer: world.actor(.orgAdmin, organization: achievementOwner.id, city: achievementOwner.city)
        )
        #expect(!forAchievement.items.isEmpty)
    }

    @Test func organisationsFindCounterparts() async throws {
        let world = try await MatchingWorld.make()
        let need = try await world.listing("seed-need-002")
        let enterprise = try await world.owner(of: need)
        let forEnterprise = try await world.matches.forOrganization(
            enterprise.id, options: MatchOptions(),
            viewer: world.actor(.orgAdmin, organization: enterprise.id, city: enterprise.city)
        )
        #expect(!forEnterprise.items.isEmpty)
        #expect(forEnterprise.items.allSatisfy { [.university, .institute, .lab].contains($0.organization?.kind) })
        for item in forEnterprise.items {
            #expect(abs(item.explanation.parts.map(\.contribution).reduce(0, +) - item.score) < 0.002)
        }
        let patent = try await world.listing("201610189314.X")
        let university = try await world.owner(of: patent)
        let forUniversity = try await world.matches.forOrganization(
            university.id, options: MatchOptions(),
            viewer: world.actor(.orgMember, organization: university.id, city: university.city)
        )
        #expect(!forUniversity.items.isEmpty)
        #expect(forUniversity.items.allSatisfy { $0.organization?.kind == .enterprise })
    }

    @Test func whoMaySeeANeedsMatches() async throws {
        let world = try await MatchingWorld.make()
        let need = try await world.listing("seed-need-002")
        let owner = try await world.owner(of: need)
        let other = try await world.organization(.enterprise, excluding: owner.id)
        let otherCityAdmin = try await world.organization(.government, notCity: owner.city)
        let sameCityAdmin = try await world.organization(.government, city: owner.city)
        for viewer in [
            world.actor(.orgAdmin, organization: other.id, city: other.city),
            world.actor(.cityAdmin, organization: otherCityAdmin.id, city: otherCityAdmin.city),
            world.actor(.expert, organization: owner.id, city: owner.city),
        ] {
            await #expect(throws: DomainError.self) {
                _ = try await world.matches.forNeed(need, options: MatchOptions(), viewer: viewer)
            }
            do {
                _ = try await world.matches.forNeed(need, options: MatchOptions(), viewer: viewer)
            } catch let error as DomainError {
                #expect(error.kind == .notFound && error.code == "need_not_found")
            }
        }
        let allowed = try await world.matches.forNeed(
            need, options: MatchOptions(),
            viewer: world.actor(.cityAdmin, organization: sameCityAdmin.id, city: sameCityAdmin.city)
        )
        #expect(!allowed.items.isEmpty)
        // A patent id asked for as a need is not found either.
        let patent = try await world.listing("201610189314.X")
        await #expect(throws: DomainError.self) {
            _ = try await world.matches.forNeed(patent, options: MatchOptions(), viewer: world.system)
        }
    }

    @Test(arguments: [
        (MatchOptions(limit: 0), "limit_out_of_range", "limit"),
        (MatchOptions(limit: 51), "limit_out_of_range", "limit"),
        (MatchOptions(kind: .need), "unsupported_match_kind", "kind"),
    ])
    func badOptions(options: MatchOptions, code: String, field: String) async throws {
        let world = try await MatchingWorld.make()
        let need = try await world.listing("seed-need-002")
        do {
            _ = try await world.matches.forNeed(need, options: options, viewer: world.system)
            Issue.record("accepted \(options)")
        } catch let error as DomainError {
            #expect(error.kind == .invalid && error.code == code && error.field == field)
        }
    }

    @Test func freeTextMatchesAlikeInEitherScriptAndWithMixedTerms() async throws {
        let world = try await MatchingWorld.make()
        let simplified = try await world.matches.query(MatchQuery(text: "硅光调制器 插入损耗 光纤耦合"), viewer: world.system)
        let traditional = try await world.matches.query(MatchQuery(text: "矽光調製器 插入損耗 光纖耦合"), viewer: world.system)
        #expect(!simplified.items.isEmpty)
        #expect(simplified.items.map(\.id) != [])
        // 矽 is not folded to 硅 by a character table (a different word), so compare with the
        // plain character-for-character twin as well.
        let twin = try await world.matches.query(MatchQuery(text: "硅光調製器 插入損耗 光纖耦合"), viewer: world.system)
        #expect(twin.items.map(\.id) == simplified.items.map(\.id))
        #expect(!traditional.items.isEmpty)
        let mixed = try await world.matches.query(
            MatchQuery(text: "GaN 功率器件 5G 基站", kind: .patent), viewer: world.system)
        #expect(mixed.queryTerms.contains("gan") || mixed.queryTerms.contains("5g") || mixed.items.isEmpty)
        for (text, code) in [("   ", "text_empty"), (String(repeating: "光", count: 2_001), "text_too_long")] {
            do {
                _ = try await world.matches.query(MatchQuery(text: text), viewer: world.system)
                Issue.record("accepted \(text.prefix(10))")
            } catch let error as DomainError {
                #expect(error.code == code && error.field == "text" && error.kind == .invalid)
            }
        }
    }
}
