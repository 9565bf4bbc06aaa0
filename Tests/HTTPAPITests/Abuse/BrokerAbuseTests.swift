import Foundation
import GRDB
import HTTPTypes
import Kernel
import Store
import Testing

/// Attacks on acting for a client (issue 18): no delegation, a delegation not yet started or
/// ended, out of its scope, granted by the wrong person, used by the wrong broker, money steps,
/// a revocation racing 64 writes, replays, and hostile header values.
struct BrokerAbuseTests {
    func code(_ problem: [String: Any]) -> String { problem["code"] as? String ?? "" }

    @Test func noDelegationNoWrite() async throws {
        let stage = try await BrokerStage()
        try await stage.run { c in
            let (status, problem) = try await c.postNeed()
            #expect(status == .forbidden && code(problem) == "delegation_missing", "\(problem)")
            // Without the header the broker posts for its own organisation, a provider: refused too.
            #expect(try await c.call(.post, "/v1/needs", "broker", BrokerClient.need()).0 != .created)
            #expect(try await stage.needCount(stage.client) == 0)
        }
    }

    @Test func aDelegationCountsOnlyBetweenItsDates() async throws {
        let stage = try await BrokerStage()
        try await stage.run { c in
            let (granted, delegation) = try await c.grant(
                ["needs"], starts: BrokerStage.start.addingTimeInterval(86_400),
                ends: BrokerStage.start.addingTimeInterval(10 * 86_400))
            #expect(granted == .created && delegation["status"] as? String == "pending", "\(delegation)")
            let (early, earlyProblem) = try await c.postNeed()
            #expect(early == .forbidden && code(earlyProblem) == "delegation_not_started")
            stage.clock.advance(by: 2 * 86_400)
            let (posted, need) = try await c.postNeed()
            #expect(posted == .created && need["ownerOrganizationId"] as? Int64 == stage.client, "\(need)")
            stage.clock.advance(by: 9 * 86_400)
            let (late, lateProblem) = try await c.postNeed()
            #expect(late == .forbidden && code(lateProblem) == "delegation_expired")
            #expect(try await stage.needCount(stage.client) == 1)
        }
    }

    @Test func theAuditEntrySaysBrokerForClient() async throws {
        let stage = try await BrokerStage()
        try await stage.run { c in
            _ = try await c.grant(["needs"])
            let (_, need) = try await c.postNeed()
            let id = need["id"] as? Int64 ?? 0
            let entry = try await stage.world.database.read { db in
                try AuditLogReader.entries(db, targetType: "need", targetID: String(id), start: 1, end: .max, limit: 5)
                    .first
            }
            let broker = try await stage.userID("jingliren.wh")
            let expected: JSONValue = [
                "kind": "user", "user": .int(broker), "organization": .int(stage.client), "role": "org_member",
                "broker": ["organization": .int(stage.agencyOrg), "role": "org_member"],
            ]
            #expect(entry?.actor == expected, "\(String(describing: entry?.actor))")
            // The client's own later edit is recorded without a broker.
            let (edited, _) = try await c.call(.patch, "/v1/needs/\(id)", "client", #"{"title":"改由企业自己修改"}"#)
            #expect(edited == .ok)
            let mismatched = try await stage.world.database.read { db in try AuditLogReader.mismatchedHashes(db) }
            #expect(mismatched.isEmpty)
        }
    }

    @Test func outOfScopeAndMoneyStepsAreRefused() async throws {
        let stage = try await BrokerStage()
        try await stage.run { c in
            _ = try await c.grant(["connections"])
            let (need, needProblem) = try await c.postNeed()
            #expect(need == .forbidden && code(needProblem) == "delegation_out_of_scope", "\(needProblem)")
            // A payment without `money` in scope: refused before the contract is even looked at.
            let (paid, paidProblem) = try await c.call(
                .post, "/v1/contracts/1/payments", "broker", #"{"amountFen":100,"paidOn":"2026-11-10T00:00:00Z"}"#,
                onBehalfOf: String(stage.client))
            #expect(paid == .forbidden && code(paidProblem) == "delegation_out_of_scope", "\(paidProblem)")
            // Signing is never delegated: the header is refused on the operation itself.
            let (sign, signProblem) = try await c.call(
                .post, "/v1/contracts/1/confirmation", "broker", #"{"termsHash":"00"}"#,
                onBehalfOf: String(stage.client))
            #expect(sign == .forbidden && code(signProblem) == "delegation_not_applicable")
            // Reads never run as the client either.
            let (read, readProblem) = try await c.call(
                .get, "/v1/needs?owner=\(stage.client)", "broker", onBehalfOf: String(stage.client))
            #expect(read == .forbidden && code(readProblem) == "delegation_not_applicable")
        }
    }

    @Test func onlyTheClientsAdministratorGrantsForItsOwnOrganisation() async throws {
        let stage = try await BrokerStage()
        try await stage.run { c in
            #expect(code(try await c.grant(["needs"], who: "member").1) == "delegation_admin_only")
            #expect(code(try await c.grant(["needs"], who: "otherClient").1) == "delegation_admin_only")
            #expect(code(try await c.grant(["needs"], who: "hs").1) == "delegation_admin_only")
            #expect(code(try await c.grant(["needs"], who: "agencyAdmin", client: stage.agencyOrg).1) != "")
            // A broker cannot grant itself a delegation on the client's behalf.
            let (relayed, relayedProblem) = try await c.call(
                .post, "/v1/delegations", "broker",
                #"{"clientOrganizationId":\#(stage.client),"agencyId":\#(stage.agency),"scope":["needs"],"endsAt":"2026-12-01T00:00:00Z"}"#,
                onBehalfOf: String(stage.client))
            #expect(relayed == .forbidden && code(relayedProblem) == "delegation_not_applicable")
            #expect(code(try await c.grant([]).1) == "delegation_scope_empty")
            #expect(
                code(try await c.grant(["needs"], ends: BrokerStage.start.addingTimeInterval(-60)).1)
                    == "delegation_period")
            #expect(code(try await c.grant(["needs"], agency: 999_999).1) == "broker_agency_not_found")
            #expect(try await c.postNeed().0 == .forbidden)
            // The member cannot revoke either; nor can the broker.
            let (_, delegation) = try await c.grant(["needs"])
            let id = delegation["id"] as? Int64 ?? 0
            #expect(
                code(try await c.call(.post, "/v1/delegations/\(id)/revocation", "member").1) == "delegation_admin_only"
            )
            #expect(
                code(try await c.call(.post, "/v1/delegations/\(id)/revocation", "broker").1) == "delegation_admin_only"
            )
            #expect(
                code(try await c.call(.post, "/v1/delegations/\(id)/revocation", "otherClient").1)
                    == "delegation_not_found")
            #expect(try await c.postNeed().0 == .created)
        }
    }

    @Test func theHeaderIsNoPassForOtherBrokersOrOtherClients() async throws {
        let stage = try await BrokerStage()
        try await stage.run { c in
            _ = try await c.grant(["needs"])
            // A broker of another agency, and an unregistered colleague of the right one.
            #expect(code(try await c.postNeed(who: "otherBroker").1) == "delegation_missing")
            #expect(code(try await c.postNeed(who: "colleague").1) == "not_a_broker")
            // The client's own people act for themselves, not under a delegation; the agency's
            // administrator is not a registered broker.
            #expect(code(try await c.postNeed(who: "member").1) == "delegation_missing")
            #expect(code(try await c.postNeed(who: "agencyAdmin").1) == "not_a_broker")
            // A client that delegated nothing, one that does not exist, the broker's own organisation.
            #expect(code(try await c.postNeed(for: String(stage.otherClient)).1) == "delegation_missing")
            #expect(code(try await c.postNeed(for: "987654321").1) == "delegation_missing")
            #expect(code(try await c.postNeed(for: String(stage.agencyOrg)).1) == "delegation_missing")
            // Hostile header values.
            for value in [
                "0", "-3", "1 OR 1=1", "１２", "99999999999999999999", "=cmd|' /C calc'!A0",
                "\(stage.client),\(stage.otherClient)",
            ] {
                let (status, problem) = try await c.postNeed(for: value)
                #expect(status == .unprocessableContent && code(problem) == "invalid_value", "\(value): \(problem)")
            }
            #expect(try await stage.needCount(stage.otherClient) == 0)
            #expect(try await stage.needCount(stage.client) == 0)
        }
    }

    @Test func hostileStringsInRegistration() async throws {
        let stage = try await BrokerStage()
        try await stage.run { c in
            let colleague = try await stage.userID("tongshi.wh")
            let (control, controlProblem) = try await c.call(
                .post, "/v1/broker-agencies/\(stage.agency)/brokers", "agencyAdmin",
                #"{"userId":\#(colleague),"certificateNumber":"JSJL\u0007\u202E-1"}"#)
            #expect(
                control == .unprocessableContent && code(controlProblem) == "control_characters", "\(controlProblem)")
            let long = String(repeating: "证", count: 65)
            #expect(
                code(
                    try await c.call(
                        .post, "/v1/broker-agencies/\(stage.agency)/brokers", "agencyAdmin",
                        #"{"userId":\#(colleague),"certificateNumber":"\#(long)"}"#
                    ).1) == "too_long")
            // Another organisation's administrator, a user of another organisation, twice the same.
            #expect(
                try await c.call(
                    .post, "/v1/broker-agencies/\(stage.agency)/brokers", "otherAdmin", #"{"userId":\#(colleague)}"#
                ).0 == .forbidden)
            let member = try await stage.userID("yuangong.hs")
            #expect(
                code(
                    try await c.call(
                        .post, "/v1/broker-agencies/\(stage.agency)/brokers", "agencyAdmin", #"{"userId":\#(member)}"#
                    ).1) == "broker_not_in_agency")
            let broker = try await stage.userID("jingliren.wh")
            #expect(
                code(
                    try await c.call(
                        .post, "/v1/broker-agencies/\(stage.agency)/brokers", "agencyAdmin", #"{"userId":\#(broker)}"#
                    ).1) == "broker_exists")
            // Agencies: only the city's administrator (or the platform); not twice; not a bureau.
            let provider = try await stage.nth("provider", "WH", 1)
            #expect(
                try await c.call(
                    .post, "/v1/broker-agencies", "hs", #"{"organizationId":\#(provider),"kind":"agency"}"#
                )
                .0 == .forbidden)
            #expect(
                code(
                    try await c.call(
                        .post, "/v1/broker-agencies", "wh", #"{"organizationId":\#(stage.agencyOrg),"kind":"agency"}"#
                    ).1) == "broker_agency_exists")
            let bureau = try await stage.world.organizationID("government", "WH")
            #expect(
                code(
                    try await c.call(
                        .post, "/v1/broker-agencies", "wh", #"{"organizationId":\#(bureau),"kind":"agency"}"#
                    )
                    .1) == "broker_agency_kind")
            // A hostile title is stored as typed (the CSV writer neutralises it on export).
            _ = try await c.grant(["needs"])
            let (posted, need) = try await c.postNeed(title: "=cmd|' /C calc'!A0 需求")
            #expect(posted == .created && need["title"] as? String == "=cmd|' /C calc'!A0 需求")
        }
    }

    @Test func afterTheRevocationCommitsNothingMoreLands() async throws {
        let stage = try await BrokerStage()
        try await stage.run { c in
            let (_, delegation) = try await c.grant(["needs"])
            let id = delegation["id"] as? Int64 ?? 0
            let statuses = try await withThrowingTaskGroup(of: (Int, HTTPResponse.Status, String).self) { group in
                for n in 0..<64 {
                    group.addTask {
                        let (status, body) = try await c.postNeed(title: "并发需求 \(n)")
                        return (n, status, body["code"] as? String ?? "")
                    }
                    if n == 20 {
                        group.addTask {
                            let (status, _) = try await c.call(.post, "/v1/delegations/\(id)/revocation", "client")
                            return (-1, status, "revocation")
                        }
                    }
                }
                var all: [(Int, HTTPResponse.Status, String)] = []
                for try await result in group { all.append(result) }
                return all
            }
            #expect(statuses.first { $0.0 == -1 }?.1 == .ok)
            let created = statuses.filter { $0.0 >= 0 && $0.1 == .created }.count
            let refused = statuses.filter { $0.0 >= 0 && $0.1 == .forbidden && $0.2 == "delegation_revoked" }.count
            #expect(created + refused == 64, "\(statuses)")
            // Every need written under the delegation precedes the revocation in the audit log.
            let (revokedAt, lastNeed, needs) = try await stage.world.database.read { db in
                let revoked = try Int64.fetchOne(
                    db, sql: "SELECT seq FROM audit_log WHERE action = 'delegation.revoke' AND target_id = ?",
                    arguments: [String(id)])
                let last = try Int64.fetchOne(
                    db, sql: "SELECT max(seq) FROM audit_log WHERE action = 'need.create' AND actor_broker_org_id = ?",
                    arguments: [stage.agencyOrg])
                let count =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM audit_log WHERE action = 'need.create'") ?? -1
                return (revoked ?? 0, last ?? 0, count)
            }
            #expect(revokedAt > 0 && lastNeed < revokedAt)
            #expect(needs == created)
            #expect(try await stage.needCount(stage.client) == created)
            #expect(code(try await c.postNeed().1) == "delegation_revoked")
        }
    }

    @Test func replaysAreScopedToTheClientAndStopAtTheRevocation() async throws {
        let stage = try await BrokerStage()
        try await stage.run { c in
            let (_, delegation) = try await c.grant(["needs"])
            _ = try await c.grant(["needs"], who: "otherClient", client: stage.otherClient)
            let (first, need) = try await c.postNeed(key: "broker-key-1")
            let (again, replay) = try await c.postNeed(key: "broker-key-1")
            #expect(first == .created && again == .created && replay["id"] as? Int64 == need["id"] as? Int64)
            #expect(try await stage.needCount(stage.client) == 1)
            // The same key for another client is that client's own write, never the first one's answer.
            let (other, otherNeed) = try await c.postNeed(for: String(stage.otherClient), key: "broker-key-1")
            #expect(other == .created && otherNeed["ownerOrganizationId"] as? Int64 == stage.otherClient)
            // After the revocation even a replay is refused.
            let id = delegation["id"] as? Int64 ?? 0
            #expect(try await c.call(.post, "/v1/delegations/\(id)/revocation", "client").0 == .ok)
            #expect(
                code(try await c.call(.post, "/v1/delegations/\(id)/revocation", "client").1)
                    == "delegation_already_revoked")
            let (late, lateProblem) = try await c.postNeed(key: "broker-key-1")
            #expect(late == .forbidden && code(lateProblem) == "delegation_revoked")
            #expect(try await stage.needCount(stage.client) == 1)
        }
    }

    @Test func bothSidesListTheDelegation() async throws {
        let stage = try await BrokerStage()
        try await stage.run { c in
            _ = try await c.grant(["needs", "contracts", "needs"])
            let (_, mine) = try await c.call(.get, "/v1/delegations", "client")
            let items = mine["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1 && items.first?["scope"] as? [String] == ["contracts", "needs"], "\(mine)")
            let (_, received) = try await c.call(.get, "/v1/delegations?side=broker", "agencyAdmin")
            #expect((received["items"] as? [[String: Any]])?.count == 1)
            let (_, stranger) = try await c.call(.get, "/v1/delegations?side=broker", "otherAdmin")
            #expect((stranger["items"] as? [[String: Any]])?.isEmpty == true)
            #expect(try await c.call(.get, "/v1/delegations?side=both", "client").0 == .unprocessableContent)
            let (_, agencies) = try await c.call(.get, "/v1/broker-agencies", "client")
            #expect((agencies["items"] as? [[String: Any]])?.count == 2)
            #expect(try await c.call(.get, "/v1/broker-agencies/\(stage.agency)/brokers", "client").0 == .forbidden)
            let (_, brokers) = try await c.call(.get, "/v1/broker-agencies/\(stage.agency)/brokers", "broker")
            #expect((brokers["items"] as? [[String: Any]])?.first?["certificateNumber"] as? String == "JSJL-2026-001")
        }
    }
}
