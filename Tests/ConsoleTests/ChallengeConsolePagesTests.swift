@testable import Console
import Foundation
import HTTPTypes
import Identity
import Kernel
import Listings
import Testing

/// The challenge owner's desk and the expert's own review pages (issue 18): pages render, another
/// organisation gets 404, the expert sees only what is assigned, refused forms write nothing, and
/// what people typed is escaped.
struct ChallengeConsolePagesTests {
    static let day: TimeInterval = 86_400
    static let password = "challenge console pass 2026"

    struct Person {
        let username: String
        let organization: Int64
        let actor: Actor
    }

    /// A user of the `index`-th seeded organisation of that kind and city.
    static func person(
        _ world: ConsoleWorld, _ role: Role, _ kind: OrganizationKind, _ city: CityCode, index: Int = 0,
        _ username: String
    ) async throws -> Person {
        let organization = try await world.database.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM organizations WHERE kind = ? AND city = ? ORDER BY id",
                arguments: [kind.rawValue, city.rawValue])[index]
        }
        let created = try await world.services.users.create(
            in: organization, NewUser(username: username, displayName: username, role: role, password: password),
            by: .system("test", requestID: "test"))
        return Person(
            username: username, organization: organization,
            actor: Actor(
                userID: created.user.id, organizationID: organization, city: city, role: role, requestID: "test"))
    }

    static func draftFields(_ world: ConsoleWorld, title: String, tranches: String) -> [(String, String)] {
        let now = world.clock.now()
        return [
            ("title", title), ("year", String(Calendar(identifier: .gregorian).component(.year, from: now))),
            ("description", "攻克固态电解质界面副反应。"), ("goals", "循环 1000 次保持率 ≥ 90%"),
            ("indicators", "循环寿命 ≥ 1000 次"), ("fields", "new_energy_vehicles"), ("keywords", "固态电池"),
            ("reward", "1000000"), ("tranches", tranches),
            ("deadline", Display.date(now.addingTimeInterval(3 * day))), ("reviewMode", "expert"),
        ]
    }

    @Test func aChallengeRunsFromDraftToMilestonesOnTheDeskAndTheExpertsPage() async throws {
        let world = try await ConsoleWorld(listings: false)
        let owner = try await Self.person(world, .orgAdmin, .enterprise, .wuhan, "wh.owner.desk")
        let rival = try await Self.person(world, .orgAdmin, .enterprise, .wuhan, index: 1, "wh.rival.desk")
        let bureau = try await Self.person(world, .cityAdmin, .government, .wuhan, "wh.bureau.desk")
        let team = try await Self.person(world, .orgAdmin, .university, .huangshi, "hs.team.desk")
        let expert = try await Self.person(world, .expert, .institute, .wuhan, "wh.expert.desk")
        let stranger = try await Self.person(world, .expert, .institute, .wuhan, index: 1, "wh.stranger.desk")
        let challenges = world.services.challenges
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(owner.username, Self.password)
            #expect(try await browser.get("/console/my-challenges").status == .ok)
            #expect(try await browser.get("/console/my-challenges/new").status == .ok)

            // A refused draft (tranches that do not add up) shows again, escaped, and writes nothing.
            let hostile = "<script>alert(1)</script>固态电池"
            let refused = try await browser.post(
                "/console/my-challenges",
                Self.draftFields(world, title: hostile, tranches: "立项, 600000\n验收, 300000"))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("&lt;script&gt;") && !refused.html.contains("<script>alert"))
            #expect(refused.html.contains(#"id="tranches-error""#))
            #expect(try await world.count("SELECT count(*) FROM listings WHERE kind = 'challenge'") == 0)

            let created = try await browser.post(
                "/console/my-challenges", Self.draftFields(world, title: hostile, tranches: "立项, 600000\n验收, 400000"))
            #expect(created.status == .seeOther)
            let id = try #require(
                created.location.flatMap { Int64($0.split(separator: "/").last?.split(separator: "?").first ?? "") })
            let desk = try await browser.get("/console/my-challenges/\(id)")
            #expect(desk.status == .ok && desk.html.contains("&lt;script&gt;") && !desk.html.contains("<script>alert"))
            #expect(desk.html.contains("/console/my-challenges/\(id)/submit"))

            // Another enterprise: not found, and its step writes nothing.
            let other = Browser(client)
            try await other.signIn(rival.username, Self.password)
            #expect(try await other.get("/console/my-challenges/\(id)").status == .notFound)
            _ = try await other.get("/console/my-challenges")
            #expect(try await other.post("/console/my-challenges/\(id)/submit", []).status == .notFound)
            #expect(try await challenges.get(id, viewer: owner.actor).state == .draft)

            // Submitted, approved by the city, applied to.
            #expect(try await browser.post("/console/my-challenges/\(id)/submit", []).status == .seeOther)
            _ = try await challenges.transition(id, ChallengeTransition(event: .approve), by: bureau.actor)
            let application = try await challenges.apply(
                to: id,
                NewChallengeApplication(plan: "原位聚合界面层", budgetFen: 90_000_000, team: [.init(name: "李明")]),
                by: team.actor)

            // Assigning: a user number that is no number is refused on its field, nothing written.
            _ = try await browser.get("/console/my-challenges/\(id)")
            let badExpert = try await browser.post("/console/my-challenges/\(id)/experts", [("value", "abc")])
            #expect(badExpert.status == .unprocessableContent && badExpert.html.contains(#"id="expert-user-error""#))
            #expect(try await world.count("SELECT count(*) FROM challenge_experts") == 0)
            #expect(
                try await browser.post(
                    "/console/my-challenges/\(id)/experts", [("value", String(expert.actor.userID ?? 0))]
                ).status == .seeOther)

            // After the deadline: closed and under review from the desk.
            world.clock.advance(by: 4 * Self.day)
            try await browser.signIn(owner.username, Self.password)  // the session ended meanwhile
            _ = try await browser.get("/console/my-challenges/\(id)")
            #expect(try await browser.post("/console/my-challenges/\(id)/close_applications", []).status == .seeOther)
            #expect(try await browser.post("/console/my-challenges/\(id)/start_review", []).status == .seeOther)
            #expect(try await challenges.get(id, viewer: owner.actor).state == .underReview)

            // The expert sees the assigned application; the stranger sees nothing and gets 404.
            let reviewer = Browser(client)
            try await reviewer.signIn(expert.username, Self.password)
            let list = try await reviewer.get("/console/reviews")
            #expect(list.status == .ok && list.html.contains("/console/reviews/\(id)/\(application.id)"))
            let strangerBrowser = Browser(client)
            try await strangerBrowser.signIn(stranger.username, Self.password)
            let strangerList = try await strangerBrowser.get("/console/reviews")
            #expect(strangerList.status == .ok && !strangerList.html.contains("/console/reviews/\(id)/"))
            #expect(try await strangerBrowser.get("/console/reviews/\(id)/\(application.id)").status == .notFound)
            #expect(
                try await strangerBrowser.post(
                    "/console/reviews/\(id)/\(application.id)/scores", [("score", "100")]
                ).status == .notFound)
            // The owner is no reviewer either.
            let ownerReview = try await browser.get("/console/reviews/\(id)/\(application.id)")
            #expect(ownerReview.status == .notFound, "\(ownerReview.status)")

            // Scoring without the declaration is refused next to it, nothing written.
            #expect(try await reviewer.get("/console/reviews/\(id)/\(application.id)").status == .ok)
            let scores = [("score", "88"), ("score", "82"), ("score", "80"), ("comment", "<b>扎实</b>")]
            let undeclared = try await reviewer.post("/console/reviews/\(id)/\(application.id)/scores", scores)
            #expect(
                undeclared.status == .unprocessableContent,
                "\(undeclared.html.split(separator: "role=\"alert\"").dropFirst().first?.prefix(300) ?? "")")
            #expect(undeclared.html.contains(#"id="declaresNoConflict-error""#))
            #expect(try await world.count("SELECT count(*) FROM challenge_scores") == 0)
            let scored = try await reviewer.post(
                "/console/reviews/\(id)/\(application.id)/scores", scores + [("declaresNoConflict", "yes")])
            #expect(scored.status == .seeOther)
            #expect(try await world.count("SELECT count(*) FROM challenge_scores") == 3)

            // The owner reads the weighted score (88·0.4 + 82·0.3 + 80·0.3), awards and begins.
            let reviewed = try await browser.get("/console/my-challenges/\(id)")
            #expect(reviewed.html.contains("83.80"))
            #expect(try await browser.post("/console/my-challenges/\(id)/award", []).status == .seeOther)
            #expect(try await browser.post("/console/my-challenges/\(id)/begin", []).status == .seeOther)

            // A milestone rejected without a reason is refused; with one, it is rejected.
            let milestone = try await challenges.submitMilestone(
                application.id, of: id, deliverable: "中期报告", by: team.actor)
            _ = try await browser.get("/console/my-challenges/\(id)")
            let noReason = try await browser.post(
                "/console/my-challenges/\(id)/milestones/\(milestone.id)", [("decision", "reject"), ("value", "")])
            #expect(noReason.status == .unprocessableContent)
            #expect(try await challenges.progress(of: id, viewer: owner.actor).milestones.first?.status == .submitted)
            #expect(
                try await browser.post(
                    "/console/my-challenges/\(id)/milestones/\(milestone.id)",
                    [("decision", "reject"), ("value", "缺少检测报告")]
                ).status == .seeOther)
            #expect(try await challenges.progress(of: id, viewer: owner.actor).milestones.first?.status == .rejected)
        }
    }

    @Test func needsAndListingsAreEditedWithTheirVersion() async throws {
        let world = try await ConsoleWorld(listings: false)
        let owner = try await Self.person(world, .orgAdmin, .enterprise, .wuhan, "wh.need.editor")
        let rival = try await Self.person(world, .orgAdmin, .enterprise, .wuhan, index: 1, "wh.need.rival")
        let need = try await world.services.needs.create(
            NewNeed(
                title: "寻求储能热管理方案", description: "低成本、易维护。", fields: [.newEnergyVehicles], keywords: nil,
                budget: PriceRange(minFen: 100_000, maxFen: 500_000),
                deadline: world.clock.now().addingTimeInterval(30 * Self.day), cooperationMode: .consulting,
                visibility: nil, externalRef: nil, ownerOrganizationId: nil),
            by: owner.actor)
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(owner.username, Self.password)
            let form = try await browser.get("/console/needs/\(need.id)/edit")
            #expect(form.status == .ok && form.html.contains(#"name="version" value="1""#))
            let fields = { (title: String, version: String) in
                [
                    ("version", version), ("title", title), ("text", "低成本、易维护。"), ("keywords", "热管理"),
                    ("priceMin", "1000"), ("priceMax", "5000"), ("deadline", Display.date(need.deadline)),
                ]
            }
            #expect(
                try await browser.post("/console/needs/\(need.id)/edit", fields("<i>寻求</i>储能热管理", "1")).status
                    == .seeOther)
            // A form opened at version 1 after the change: refused clearly, nothing written.
            let stale = try await browser.post("/console/needs/\(need.id)/edit", fields("过期的修改", "1"))
            #expect(stale.status == .conflict && stale.html.contains("第 2 版"))
            #expect(stale.html.contains("过期的修改"), "what was typed is kept")
            let saved = try await browser.get("/console/needs/\(need.id)/edit")
            #expect(saved.html.contains("&lt;i&gt;寻求") && !saved.html.contains("<i>寻求"))
            #expect(try await world.services.needs.get(need.id, viewer: owner.actor).title == "<i>寻求</i>储能热管理")
            // Refused input (max below min) re-renders with the error on the price, nothing written.
            var inverted = fields("反向预算", "2")
            inverted[5] = ("priceMax", "10")
            let invertedPage = try await browser.post("/console/needs/\(need.id)/edit", inverted)
            #expect(
                invertedPage.status == .unprocessableContent && invertedPage.html.contains(#"id="price_maxFen-error""#))
            #expect(try await world.services.needs.get(need.id, viewer: owner.actor).version == 2)
            // Paused and reopened.
            _ = try await browser.get("/console/needs/\(need.id)/edit")
            #expect(
                try await browser.post("/console/needs/\(need.id)/status", [("version", "2"), ("status", "paused")])
                    .status == .seeOther)
            #expect(try await world.services.needs.get(need.id, viewer: owner.actor).status == .paused)
            let paused = try await browser.get("/console/needs/\(need.id)/edit")
            #expect(paused.html.contains(#"name="status" value="open""#))

            // Another enterprise: not found, nothing written.
            let other = Browser(client)
            try await other.signIn(rival.username, Self.password)
            #expect(try await other.get("/console/needs/\(need.id)/edit").status == .notFound)
            _ = try await other.get("/console/needs")
            #expect(
                try await other.post("/console/needs/\(need.id)/status", [("version", "3"), ("status", "closed")])
                    .status == .notFound)
            #expect(try await world.services.needs.get(need.id, viewer: owner.actor).status == .paused)
        }
    }
}
