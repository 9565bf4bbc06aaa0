import Foundation
import Identity
import Kernel
import Testing

/// The register of broker agencies in the console: the city's administrator registers an
/// organisation of the city (another city's administrator is refused, a repeat is a conflict,
/// a number that is no organisation is refused on the page — none writes anything); the agency's
/// administrator then registers one of its people as a broker.
struct BrokerAgencyPagesTests {
    @Test func theCityRegistersTheAgencyAndTheAgencyItsBrokers() async throws {
        let world = try await ConsoleWorld(listings: false)
        let clerk = try await world.user(.cityAdmin, kind: .government, city: .huangshi, username: "hs.agency.clerk")
        let otherClerk = try await world.user(.cityAdmin, kind: .government, city: .wuhan, username: "wh.agency.clerk")
        let agencyAdmin = try await world.user(.orgAdmin, kind: .provider, city: .huangshi, username: "hs.agency.admin")
        let person = try await world.user(.orgMember, kind: .provider, city: .huangshi, username: "hs.agency.broker")
        let personID = try await world.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = 'hs.agency.broker'") ?? 0
        }
        let organization = String(agencyAdmin.organization)
        let agencies = "SELECT count(*) FROM broker_agencies"
        try await world.test { client in
            let other = Browser(client)
            try await other.signIn(otherClerk.username, otherClerk.password)
            _ = try await other.get("/console/broker-agencies")
            let foreign = try await other.post(
                "/console/broker-agencies", [("organization", organization), ("kind", "agency")])
            #expect(foreign.status == .forbidden)

            let browser = Browser(client)
            try await browser.signIn(clerk.username, clerk.password)
            let page = try await browser.get("/console/broker-agencies")
            #expect(page.status == .ok && page.html.contains("id=\"agency-form\""))
            let nothing = try await browser.post(
                "/console/broker-agencies", [("organization", "<script>"), ("kind", "agency")])
            #expect(nothing.status == .unprocessableContent && !nothing.html.contains("<script>"))
            #expect(try await world.count(agencies) == 0)
            let done = try await browser.post(
                "/console/broker-agencies", [("organization", organization), ("kind", "sub_market")])
            #expect(done.status == .seeOther)
            #expect(try await world.count(agencies) == 1)
            _ = try await browser.get("/console/broker-agencies")
            let again = try await browser.post(
                "/console/broker-agencies", [("organization", organization), ("kind", "agency")])
            let still = try await world.count(agencies)
            #expect(again.status == .conflict && still == 1)

            let admin = Browser(client)
            try await admin.signIn(agencyAdmin.username, agencyAdmin.password)
            let own = try await admin.get("/console/broker-agencies")
            #expect(own.html.contains("id=\"broker-form\"") && own.html.contains("技术市场分市场"))
            let action = try #require(
                own.html.components(separatedBy: "action=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                    .first { $0.hasSuffix("/brokers") })
            let added = try await admin.post(action, [("user", String(personID)), ("certificate", "JSJL-2026-0042")])
            #expect(added.status == .seeOther)
            let listed = try await admin.get("/console/broker-agencies?done=1")
            #expect(listed.html.contains(person.username) && listed.html.contains("JSJL-2026-0042"))
            #expect(try await world.count("SELECT count(*) FROM brokers") == 1)
        }
    }
}
