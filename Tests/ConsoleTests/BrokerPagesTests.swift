@testable import Console
import Foundation
import GRDB
import Identity
import Kernel
import Testing

/// Brokers in the console (issue 18): the client's administrator grants a delegation, the broker
/// posts a need for the client from its page, the client revokes, and the broker's next post is
/// refused in place with nothing written; the audit page names the broker and the client.
struct BrokerPagesTests {
    @Test func aBrokerPostsForItsClientUntilTheClientRevokes() async throws {
        let world = try await ConsoleWorld()
        let client = try await world.user(.orgAdmin, kind: .enterprise, city: .xianning, username: "xn.admin")
        let member = try await world.user(.orgMember, kind: .enterprise, city: .xianning, username: "xn.member")
        let broker = try await world.user(.orgMember, kind: .provider, city: .ezhou, username: "ez.broker")
        let auditor = try await world.user(.auditor, kind: .platform, city: .wuhan, username: "console.auditor")
        let brokers = BrokerService(database: world.database)
        let agency = try await brokers.registerAgency(
            organizationID: broker.organization, kind: .agency, by: .system("test", requestID: "t"))
        let brokerUser = try #require(
            try await world.database.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = 'ez.broker'")
            })
        _ = try await brokers.addBroker(
            agencyID: agency.id, NewBroker(userId: brokerUser, certificateNumber: nil),
            by: .system("test", requestID: "t"))
        let needs = "SELECT count(*) FROM listings WHERE kind = 'need' AND owner_org_id = \(client.organization)"
        let before = try await world.count(needs)
        try await world.test { http in
            // Only the client's administrator has the delegations page.
            let memberBrowser = Browser(http)
            try await memberBrowser.signIn(member.username, member.password)
            #expect(try await memberBrowser.get("/console/delegations").status == .forbidden)

            let owner = Browser(http)
            try await owner.signIn(client.username, client.password)
            let page = try await owner.get("/console/delegations")
            #expect(page.status == .ok && page.html.contains(#"<option value="\#(agency.id)""#))
            let empty = try await owner.post(
                "/console/delegations", [("agency", String(agency.id)), ("ends", "2099-01-01")])
            #expect(empty.status == .unprocessableContent && empty.html.contains(#"id="scope-error""#))
            _ = try await owner.get("/console/delegations")
            let granted = try await owner.post(
                "/console/delegations", [("agency", String(agency.id)), ("scope", "needs"), ("ends", "2027-12-31")])
            #expect(granted.status == .seeOther && granted.location == "/console/delegations?done=granted")

            let desk = Browser(http)
            try await desk.signIn(broker.username, broker.password)
            let home = try await desk.get("/console/broker")
            #expect(home.status == .ok && home.html.contains(#"<option value="\#(client.organization)""#))
            let form: [(String, String)] = [
                ("client", String(client.organization)), ("title", "代客户发布的需求"),
                ("description", "苎麻脱胶工艺改进，寻求合作。"), ("field", "other"), ("deadline", "2027-06-30"),
                ("mode", "joint_development"),
            ]
            let posted = try await desk.post("/console/broker/needs", form)
            #expect(posted.status == .seeOther && posted.location == "/console/broker?done=posted", "\(posted.html)")
            #expect(try await world.count(needs) == before + 1)
            // The client's member cannot act for anyone; a stranger's broker page is 403.
            #expect(try await memberBrowser.get("/console/broker").status == .forbidden)

            _ = try await desk.get("/console/broker")
            let list = try await owner.get("/console/delegations")
            let id = try #require(
                try await world.database.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM delegations") })
            #expect(list.html.contains("/console/delegations/\(id)/revoke"))
            let revoked = try await owner.post("/console/delegations/\(id)/revoke", [])
            #expect(revoked.status == .seeOther)

            let refused = try await desk.post("/console/broker/needs", form)
            #expect(refused.status == .forbidden && refused.html.contains("委托方已撤销委托"), "\(refused.html)")
            #expect(try await world.count(needs) == before + 1)

            let seq = try #require(
                try await world.database.read { db in
                    try Int64.fetchOne(
                        db,
                        sql:
                            "SELECT max(seq) FROM audit_log WHERE action = 'need.create' AND actor_broker_org_id IS NOT NULL"
                    )
                })
            let reader = Browser(http)
            try await reader.signIn(auditor.username, auditor.password)
            let entry = try await reader.get("/console/audit?seq=\(seq)")
            #expect(entry.html.contains(#"id="entry-actor""#) && entry.html.contains("代委托方"), "\(entry.html)")
        }
    }

    @Test func theClientConfirmsOnePaymentOnlyUnderAMoneyDelegation() async throws {
        let world = try await ConsoleWorld(listings: false)
        let client = try await world.user(.orgAdmin, kind: .enterprise, city: .huanggang, username: "hg.client")
        let broker = try await world.user(.orgMember, kind: .provider, city: .wuhan, username: "wh.money.broker")
        let agency = try await BrokerService(database: world.database).registerAgency(
            organizationID: broker.organization, kind: .agency, by: .system("test", requestID: "t"))
        let confirmations = "SELECT count(*) FROM delegation_confirmations"
        try await world.test { http in
            let owner = Browser(http)
            try await owner.signIn(client.username, client.password)
            _ = try await owner.get("/console/delegations")
            _ = try await owner.post(
                "/console/delegations", [("agency", String(agency.id)), ("scope", "needs"), ("ends", "2027-12-31")])
            let needsOnly = try #require(
                try await world.database.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM delegations") })
            _ = try await owner.get("/console/delegations")
            _ = try await owner.post(
                "/console/delegations",
                [("agency", String(agency.id)), ("scope", "contracts"), ("scope", "money"), ("ends", "2027-12-31")])
            let money = try #require(
                try await world.database.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM delegations") })
            let page = try await owner.get("/console/delegations")
            #expect(page.html.contains("/console/delegations/\(money)/confirm"))
            #expect(!page.html.contains("/console/delegations/\(needsOnly)/confirm"), "no money, no form")

            let refused = try await owner.post("/console/delegations/\(needsOnly)/confirm", [("contract", "42")])
            #expect(refused.status == .unprocessableContent || refused.status == .forbidden, "\(refused.status)")
            _ = try await owner.get("/console/delegations")
            let bad = try await owner.post("/console/delegations/\(money)/confirm", [("contract", "=cmd|x")])
            #expect(bad.status == .unprocessableContent)
            #expect(try await world.count(confirmations) == 0)
            _ = try await owner.get("/console/delegations")
            let done = try await owner.post("/console/delegations/\(money)/confirm", [("contract", "42")])
            #expect(done.status == .seeOther && done.location == "/console/delegations?done=confirmed")
            #expect(try await world.count(confirmations) == 1)

            let stranger = Browser(http)
            try await stranger.signIn(broker.username, broker.password)
            #expect(
                try await stranger.post("/console/delegations/\(money)/confirm", [("contract", "42")]).status
                    == .forbidden)
            #expect(try await world.count(confirmations) == 1)
        }
    }
}
