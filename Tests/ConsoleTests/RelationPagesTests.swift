@testable import Console
import Foundation
import GRDB
import Identity
import Kernel
import Testing

/// Declared relations in the console: an organisation's administrator declares its controlling
/// holder (a bad credit code refused beside the field, nothing written) and withdraws it; another
/// organisation's administrator cannot withdraw it.
struct RelationPagesTests {
    @Test func anAdministratorDeclaresAndWithdrawsARelation() async throws {
        let world = try await ConsoleWorld(listings: false)
        let user = try await world.user(.orgAdmin, kind: .enterprise, city: .huangshi, username: "hs.relations")
        let other = try await world.user(.orgAdmin, kind: .enterprise, city: .wuhan, username: "wh.relations")
        let holder = try #require(
            try await world.database.read { db in
                try String.fetchOne(
                    db,
                    sql: "SELECT credit_code FROM organizations WHERE kind = 'enterprise' AND city = 'EZ' ORDER BY id")
            })
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(user.username, user.password)
            let page = try await browser.get("/console/relations")
            #expect(page.status == .ok && page.html.contains("尚未申报关联关系"))
            let bad = try await browser.post(
                "/console/relations", [("kind", "controlling_holder"), ("relatedCreditCode", "91420100MA4G9WD24X")])
            #expect(bad.status == .unprocessableContent && bad.html.contains(#"id="relatedCreditCode-error""#))
            #expect(try await world.count("SELECT count(*) FROM organization_relations") == 0)
            _ = try await browser.get("/console/relations")
            let declared = try await browser.post(
                "/console/relations", [("kind", "controlling_holder"), ("relatedCreditCode", holder), ("note", "母公司")])
            #expect(declared.status == .seeOther && declared.location == "/console/relations?done=declared")
            let listed = try await browser.get("/console/relations")
            #expect(listed.html.contains(holder) && listed.html.contains("母公司"))
            let id = try #require(
                try await world.database.read { db in
                    try Int64.fetchOne(db, sql: "SELECT id FROM organization_relations")
                })

            let stranger = Browser(client)
            try await stranger.signIn(other.username, other.password)
            _ = try await stranger.get("/console/relations")
            let theft = try await stranger.post("/console/relations/\(id)/withdraw", [])
            #expect(theft.status == .notFound || theft.status == .forbidden)
            #expect(try await world.count("SELECT count(*) FROM organization_relations") == 1)

            _ = try await browser.get("/console/relations")
            let withdrawn = try await browser.post("/console/relations/\(id)/withdraw", [])
            #expect(withdrawn.status == .seeOther)
            #expect(try await world.count("SELECT count(*) FROM organization_relations") == 0)
        }
    }
}
