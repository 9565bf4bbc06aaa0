import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `/v1/organizations/{id}/relations`: declare, list, refuse, withdraw over HTTP.
struct RelationRoutesTests {
    @Test func declareListRefuseWithdraw() async throws {
        let world = try HTTPWorld()
        let enterprise = try await world.organizationID("enterprise", "HS")
        let holder = creditCode("91420100MA4K0000B")
        try await world.test { client in
            let admin = headers(token: world.adminToken)
            let body = #"{"kind":"controlling_holder","relatedCreditCode":"\#(holder)","note":"控股股东"}"#
            let id = try await client.execute(
                uri: "/v1/organizations/\(enterprise)/relations", method: .post, headers: admin,
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .created)
                let relation = try json(response.body)
                #expect(
                    relation["kind"] as? String == "controlling_holder"
                        && relation["relatedCreditCode"] as? String == holder)
                return try #require(relation["id"] as? Int)
            }
            let before = try await world.snapshot()
            try await client.execute(
                uri: "/v1/organizations/\(enterprise)/relations", method: .post, headers: admin,
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .conflict)
                let problem = try json(response.body)
                #expect(problem["code"] as? String == "relation_exists")
            }
            try await client.execute(
                uri: "/v1/organizations/\(enterprise)/relations", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"kind":"cousin","relatedCreditCode":"\#(holder)"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent || response.status == .badRequest)
                let problem = try json(response.body)
                #expect(problem["field"] as? String == "kind")
            }
            let after = try await world.snapshot()
            #expect(after == before)
            try await client.execute(
                uri: "/v1/organizations/\(enterprise)/relations", method: .get,
                headers: headers(token: world.adminToken, json: false)
            ) { response in
                #expect(response.status == .ok)
                let items = try #require(try json(response.body)["items"] as? [[String: Any]])
                #expect(items.map { $0["id"] as? Int } == [id])
            }
            try await client.execute(
                uri: "/v1/organizations/\(enterprise)/relations/\(id)", method: .delete,
                headers: headers(token: world.adminToken, json: false)
            ) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(
                uri: "/v1/organizations/\(enterprise)/relations/\(id)", method: .delete,
                headers: headers(token: world.adminToken, json: false)
            ) { response in
                #expect(response.status == .notFound)
                let problem = try json(response.body)
                #expect(problem["code"] as? String == "relation_not_found")
            }
        }
    }
}
