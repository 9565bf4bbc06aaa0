import Foundation
import Identity
import Kernel
@testable import Listings
import Store
import Testing

/// A small marketplace to search: three patents, an achievement and a need, in four cities.
struct Market {
    let world: ListingsWorld
    let lithium: Patent  // WH university, 锂电池, new-energy, TRL 5, ¥100k–500k, H01M 10/0525
    let separator: Patent  // HS university, Traditional 鋰電池隔膜, new-energy, TRL 3, ¥10k–20k, H01M 50/409
    let chip: Patent  // EZ university, 芯片, optoelectronics, TRL 7, negotiable, H01L 23/31
    let beidou: Achievement  // WH lab, 北斗, beidou, TRL 8, negotiable
    let recycling: Need  // HG enterprise, 电池回收, new-energy, budget ¥50k–200k

    init() async throws {
        let world = try ListingsWorld()
        self.world = world
        let wuhan = try await world.organization(.university, .wuhan)
        lithium = try await world.listPatent(
            patentNumber(serial: 101), title: "一种高安全锂电池电解液", by: world.actor(.orgMember, in: wuhan)
        ) {
            $0.abstract = "本发明提供一种阻燃电解液，提高动力电池安全性。"
            $0.keywords = ["电解液"]
        }
        let huangshi = try await world.organization(.university, .huangshi)
        separator = try await world.listPatent(
            patentNumber(serial: 102), title: "鋰電池隔膜及其製備方法", by: world.actor(.orgMember, in: huangshi)
        ) {
            $0.abstract = "一種耐高溫的隔膜材料。"
            $0.keywords = []
            $0.ipcCodes = ["H01M 50/409"]
            $0.trl = 3
            $0.askingPrice = PriceRange(minFen: 1_000_000, maxFen: 2_000_000)
        }
        let ezhou = try await world.organization(.university, .ezhou)
        chip = try await world.listPatent(
            patentNumber(serial: 103), title: "车规级芯片封装结构", by: world.actor(.orgMember, in: ezhou)
        ) {
            $0.abstract = "一种用于车载控制器的封装结构，散热性能好。"
            $0.keywords = ["封装"]
            $0.ipcCodes = ["H01L 23/31"]
            $0.fields = [.optoelectronics]
            $0.trl = 7
            $0.askingPrice = PriceRange(negotiable: true)
        }
        let lab = try await world.organization(.lab, .wuhan)
        beidou = try await world.achievements.create(
            Fixtures.achievement(title: "北斗高精度定位模块", trl: 8, fields: [.beidou]), by: world.actor(.orgMember, in: lab)
        )
        let huanggang = try await world.organization(.enterprise, .huanggang)
        recycling = try await world.postNeed(title: "寻求退役动力电池回收技术", by: world.actor(.orgMember, in: huanggang)) {
            $0.description = "希望与高校合作开发梯次利用方案。"
            $0.keywords = ["回收"]
        }
    }

    func ids(
        _ text: String?, viewer: Actor? = nil, _ configure: (inout SearchQuery) -> Void = { _ in }
    ) async throws -> Set<Int64> {
        Set(try await world.search.search(world.query(text, configure: configure), viewer: viewer).items.map(\.id))
    }
}

struct SearchServiceTests {
    @Test func simplifiedAndTraditionalQueriesFindTheSameListings() async throws {
        let market = try await Market()
        let both: Set<Int64> = [market.lithium.id, market.separator.id]
        #expect(try await market.ids("锂电池") == both)
        #expect(try await market.ids("鋰電池") == both)
        #expect(try await market.ids("隔膜") == [market.separator.id])
        #expect(try await market.ids("製備") == [market.separator.id])
        #expect(try await market.ids("制备") == [market.separator.id])
        #expect(try await market.ids("電解液") == [market.lithium.id])
    }

    @Test(arguments: [
        ("电池", ["lithium", "separator", "recycling"]), ("芯片", ["chip"]), ("北斗", ["beidou"]), ("封装", ["chip"]),
        ("回收", ["recycling"]),
    ])
    func twoCharacterWordsAreFound(_ word: String, _ expected: [String]) async throws {
        let market = try await Market()
        let names: [String: Int64] = [
            "lithium": market.lithium.id, "separator": market.separator.id, "chip": market.chip.id,
            "beidou": market.beidou.id, "recycling": market.recycling.id,
        ]
        #expect(try await market.ids(word) == Set(expected.compactMap { names[$0] }))
    }

    @Test func aPhraseMustAppearInOrderAndTermsAreAnded() async throws {
        let market = try await Market()
        // 池锂 never occurs, although 池 and 锂 do.
        #expect(try await market.ids("电池锂").isEmpty)
        #expect(try await market.ids("电池 回收") == [market.recycling.id])
        #expect(try await market.ids("动力电池") == [market.lithium.id, market.recycling.id])
        #expect(try await market.ids("芯片 北斗").isEmpty)
    }

    @Test(arguments: ["，。！？", "……", "!!!", "、；：“”", "🙂"])
    func aQueryOfPunctuationOnlyHasNoTerms(_ text: String) async throws {
        let market = try await Market()
        let error = await domainError { try await market.world.search.search(market.world.query(text), viewer: nil) }
        #expect(error?.kind == .invalid)
        #expect(error?.code == "query_has_no_terms")
        #expect(error?.field == "q")
    }

    @Test func aBlankQueryListsEverythingNewestFirst() async throws {
        let market = try await Market()
        let result = try await market.world.search.search(market.world.query("   "), viewer: nil)
        #expect(
            result.items.map(\.id) == [
                market.recycling.id, market.beidou.id, market.chip.id, market.separator.id, market.lithium.id,
            ])
        #expect(result.items.allSatisfy { $0.score == nil && $0.highlights == nil })
        #expect(result.total == 5 && result.nextCursor == nil)
    }

    @Test func filtersNarrowTheResults() async throws {
        let market = try await Market()
        #expect(
            try await market.ids(nil) { $0.kinds = [.patent] } == [
                market.lithium.id, market.separator.id, market.chip.id,
            ])
        #expect(try await market.ids("电池") { $0.kinds = [.patent] } == [market.lithium.id, market.separator.id])
        #expect(try await market.ids("电池") { $0.kinds = [.need, .achievement] } == [market.recycling.id])
        #expect(try await market.ids(nil) { $0.fields = [.beidou] } == [market.beidou.id])
        #expect(
            try await market.ids(nil) { $0.fields = [.beidou, .optoelectronics] } == [market.beidou.id, market.chip.id])
        #expect(try await market.ids(nil) { $0.fields = [.lifeHealth] }.isEmpty)
        #expect(try await market.ids(nil) { $0.city = .huangshi } == [market.separator.id])
        #expect(try await market.ids("电池") { $0.city = .wuhan } == [market.lithium.id])
        // TRL: needs carry none, so a TRL filter leaves them out.
        #expect(
            try await market.ids(nil) {
                $0.trlMin = 5; $0.trlMax = 7
            } == [market.lithium.id, market.chip.id])
        #expect(try await market.ids(nil) { $0.trlMin = 8 } == [market.beidou.id])
        #expect(try await market.ids(nil) { $0.trlMax = 3 } == [market.separator.id])
        // Price: ranges that overlap [min, max]; negotiable ones have no range and drop out.
        #expect(
            try await market.ids(nil) {
                $0.priceMin = 1_500_000; $0.priceMax = 3_000_000
            } == [market.separator.id])
        #expect(try await market.ids(nil) { $0.priceMin = 15_000_000 } == [market.lithium.id, market.recycling.id])
        #expect(try await market.ids(nil) { $0.priceMax = 5_000_000 } == [market.separator.id, market.recycling.id])
        #expect(
            try await market.ids(nil) {
                $0.priceMin = 2_000_000; $0.priceMax = 5_000_000
            } == [market.separator.id, market.recycling.id])
        #expect(try await market.ids(nil) { $0.priceMin = 60_000_000 }.isEmpty)
        // Owner.
        #expect(
            try await market.ids(nil) { $0.ownerOrganizationId = market.chip.ownerOrganizationId } == [market.chip.id])
        // Combined.
        #expect(
            try await market.ids("电池") {
                $0.kinds = [.patent]; $0.trlMax = 4; $0.city = .huangshi
            } == [market.separator.id])
    }

    @Test(arguments: [
        ("trl_out_of_range", "trlMin"), ("trl_out_of_range", "trlMax"), ("inverted_range", "trlMax"),
        ("negative_amount", "priceMin"), ("inverted_range", "priceMax"), ("limit_out_of_range", "limit"),
        ("too_long", "q"),
    ])
    func badFiltersAreRefusedPrecisely(_ code: String, _ field: String) async throws {
        let world = try ListingsWorld()
        var query = SearchQuery()
        switch (code, field) {
        case ("trl_out_of_range", "trlMin"): query.trlMin = 0
        case ("trl_out_of_range", _): query.trlMax = 10
        case ("inverted_range", "trlMax"): query.trlMin = 7; query.trlMax = 3
        case ("negative_amount", _): query.priceMin = -1
        case ("inverted_range", _): query.priceMin = 10; query.priceMax = 9
        case ("limit_out_of_range", _): query.limit = 101
        default: query.text = String(repeating: "电", count: 201)
        }
        let error = await domainError { try await world.search.search(query, viewer: nil) }
        #expect(error?.code == code)
        #expect(error?.field == field)
    }

    @Test func facetsCountEveryMatchNotJustThePage() async throws {
        let market = try await Market()
        let all = try await market.world.search.search(market.world.query(nil) { $0.limit = 1 }, viewer: nil)
        #expect(all.items.count == 1 && all.total == 5)
        #expect(all.facets.kind == ["patent": 3, "achievement": 1, "need": 1])
        #expect(all.facets.city == ["WH": 2, "HS": 1, "EZ": 1, "HG": 1])
        #expect(all.facets.field == ["new_energy_vehicles": 3, "optoelectronics": 1, "beidou": 1])

        let batteries = try await market.world.search.search(market.world.query("电池") { $0.limit = 1 }, viewer: nil)
        #expect(batteries.total == 3)
        #expect(batteries.facets.kind == ["patent": 2, "need": 1])
        #expect(batteries.facets.city == ["WH": 1, "HS": 1, "HG": 1])
        #expect(batteries.facets.field == ["new_energy_vehicles": 3])

        // Facets follow the filters too.
        let filtered = try await market.world.search.search(
            market.world.query("电池") { $0.city = .huangshi }, viewer: nil)
        #expect(filtered.facets.kind == ["patent": 1] && filtered.facets.city == ["HS": 1])
    }

    @Test func aListingInSeveralFieldsCountsOnceInEach() async throws {
        let world = try ListingsWorld()
        let university = try await world.organization(.university, .wuhan)
        _ = try await world.listPatent(patentNumber(serial: 5), by: world.actor(.orgMember, in: university)) {
            $0.fields = [.ai, .optoelectronics, .ai]
        }
        let result = try await world.search.search(world.query(nil), viewer: nil)
        #expect(result.facets.field == ["ai": 1, "optoelectronics": 1])
        #expect(result.items.first?.fields == [.ai, .optoelectronics])
    }

    @Test func highlightsMarkTheMatchedCharacters() async throws {
        let market = try await Market()
        let result = try await market.world.search.search(market.world.query("锂电池"), viewer: nil)
        #expect(result.total == 2)
        for hit in result.items {
            let title = try #require(hit.highlights?.title)
            #expect(title.text == hit.title)
            let characters = Array(title.text)
            let marked = title.ranges.map { String(characters[$0[0]..<($0[0] + $0[1])]) }
            // Each hit shows the matched characters in its own script.
            #expect(marked == [hit.id == market.lithium.id ? "锂电池" : "鋰電池"])
        }
        let lithium = try #require(result.items.first { $0.id == market.lithium.id })
        #expect(lithium.highlights?.title.ranges == [[5, 3]])  // 一种高安全|锂电池|电解液
        #expect(lithium.score != nil)

        // Two terms: both marked, in the snippet (the abstract) too.
        let two = try await market.world.search.search(market.world.query("电池 安全"), viewer: nil)
        #expect(two.items.map(\.id) == [market.lithium.id])
        let hit = try #require(two.items.first?.highlights)
        let characters = Array(hit.title.text)
        #expect(hit.title.ranges.map { String(characters[$0[0]..<($0[0] + $0[1])]) } == ["安全", "电池"])
        let snippet = try #require(hit.snippet)
        let snippetCharacters = Array(snippet.text)
        let marked = snippet.ranges.map { String(snippetCharacters[$0[0]..<($0[0] + $0[1])]) }
        #expect(marked == ["电池安全"])  // …提高动力|电池安全|性。 — adjacent matches join
        #expect(snippet.text == "本发明提供一种阻燃电解液，提高动力电池安全性。")
    }

    @Test func theTitleWeighsMoreThanTheBody() async throws {
        let world = try ListingsWorld()
        let university = try await world.organization(.university, .wuhan)
        let member = world.actor(.orgMember, in: university)
        let inBody = try await world.listPatent(patentNumber(serial: 1), title: "一种储能装置", by: member) {
            $0.abstract = "该装置包括钠离子电池模组和散热结构。"
            $0.keywords = []
        }
        let inTitle = try await world.listPatent(patentNumber(serial: 2), title: "钠离子电池负极材料", by: member) {
            $0.abstract = "本发明涉及一种负极材料。"
            $0.keywords = []
        }
        // Enough listings without the word that BM25 gives it a positive weight.
        for serial in 3...6 {
            _ = try await world.listPatent(patentNumber(serial: serial), title: "光纤传感器第\(serial)代", by: member)
        }
        let result = try await world.search.search(world.query("钠离子"), viewer: nil)
        #expect(result.items.map(\.id) == [inTitle.id, inBody.id])
        #expect((result.items[0].score ?? 0) > (result.items[1].score ?? 0))
        #expect((result.items[1].score ?? 0) > 0)
    }

    @Test func pagesFollowNextCursorWithoutOverlap() async throws {
        let world = try ListingsWorld()
        let university = try await world.organization(.university, .wuhan)
        let member = world.actor(.orgMember, in: university)
        var created: Set<Int64> = []
        for serial in 1...7 {
            created.insert(
                try await world.listPatent(patentNumber(serial: serial), title: "电池管理系统第\(serial)代", by: member).id)
        }
        for text in ["电池", nil] as [String?] {
            var seen: [[Int64]] = []
            var offset = 0
            var cursor: String?
            repeat {
                let page = try await world.search.search(
                    world.query(text) {
                        $0.limit = 3; $0.offset = offset
                    }, viewer: nil)
                #expect(page.total == 7)
                seen.append(page.items.map(\.id))
                cursor = page.nextCursor
                if let cursor { offset = try SearchCursor.decode(cursor) }
            } while cursor != nil && seen.count < 10
            #expect(seen.map(\.count) == [3, 3, 1])
            // Facets count every match, several per group.
            let facets = try await world.search.search(
                world.query(text) {
                    $0.limit = 3; $0.offset = 3
                }, viewer: nil
            ).facets
            #expect(
                facets.kind == ["patent": 7] && facets.city == ["WH": 7] && facets.field == ["new_energy_vehicles": 7])
            let flat = seen.flatMap { $0 }
            #expect(Set(flat) == created && flat.count == 7)
        }
        // A cursor past the served depth is refused.
        let error = domainErrorSync { try SearchCursor.decode(SearchCursor.encode(1_001)) }
        #expect(error?.code == "invalid_cursor")
    }

    @Test func anIPCSubclassFindsEveryCodeUnderIt() async throws {
        let market = try await Market()
        #expect(try await market.ids("H01M") == [market.lithium.id, market.separator.id])
        #expect(try await market.ids("h01m") == [market.lithium.id, market.separator.id])
        #expect(try await market.ids("H01L") == [market.chip.id])
        #expect(try await market.ids("G06N").isEmpty)
        // A whole code finds that group only; written with or without the space.
        #expect(try await market.ids("H01M10/0525") == [market.lithium.id])
        #expect(try await market.ids("H01M10/052500") == [market.lithium.id])
        // Combined with words.
        #expect(try await market.ids("H01M 隔膜") == [market.separator.id])
    }

    @Test
    func anIPCCodeWrittenWithItsSpaceIsFound() async throws {
        let market = try await Market()
        #expect(try await market.ids("H01M 10/0525") == [market.lithium.id])
    }

    @Test func signedInViewersSeeCorridorListingsAndNobodySeesDrafts() async throws {
        let market = try await Market()
        let world = market.world
        let enterprise = try await world.organization(.enterprise, .ezhou)
        let corridor = try await world.postNeed(title: "电池包轻量化设计", by: world.actor(.orgMember, in: enterprise)) {
            $0.visibility = .corridor
        }
        let university = try await world.organization(.university, .wuhan)
        let draft = try await world.listPatent(
            patentNumber(serial: 999), title: "电池草稿", by: world.actor(.orgMember, in: university)
        ) { $0.status = .draft }
        let anonymous = try await market.ids("电池")
        let signedIn = try await market.ids("电池", viewer: world.actor(.orgMember, in: university))
        #expect(!anonymous.contains(corridor.id) && signedIn.contains(corridor.id))
        #expect(!anonymous.contains(draft.id) && !signedIn.contains(draft.id))
        #expect(signedIn.subtracting(anonymous) == [corridor.id])
    }
}
