import Foundation
import HTTPTypes
import HummingbirdTesting
import Identity
import Kernel
import NIOCore
import Testing

/// Matching through the router: a need's matches for its owner with explanations, 404 for
/// others, 422 for bad options and text, feedback recorded once and replayed by its key.
struct MatchRoutesTests {
    @Test func needMatchesFeedbackAndErrors() async throws {
        let world = try HTTPWorld()
        let routes = ListingRoutesTests()
        let university = try await routes.signIn(world, "university", "WH", .orgMember, "tto.match")
        let enterprise = try await routes.signIn(world, "enterprise", "HS", .orgAdmin, "eng.match")
        let stranger = try await routes.signIn(world, "enterprise", "EZ", .orgAdmin, "eng.other")
        let deadline = Timestamp.format(Date().addingTimeInterval(90 * 86_400))
        try await world.test { client in
            var patentID: Int64 = 0
            var needID: Int64 = 0
            try await client.execute(
                uri: "/v1/patents", method: .post, headers: headers(token: university),
                body: ByteBuffer(string: ListingRoutesTests.patent)
            ) { response in
                patentID = try json(response.body)["id"] as? Int64 ?? 0
            }
            try await client.execute(
                uri: "/v1/needs", method: .post, headers: headers(token: enterprise),
                body: ByteBuffer(string: ListingRoutesTests.need(deadline: deadline))
            ) { response in
                needID = try json(response.body)["id"] as? Int64 ?? 0
            }
            #expect(patentID > 0 && needID > 0)
            try await client.execute(
                uri: "/v1/needs/\(needID)/matches?kind=patent", method: .get, headers: headers(token: enterprise)
            ) { response in
                #expect(response.status == .ok)
                let list = try json(response.body)
                let items = list["items"] as? [[String: Any]] ?? []
                #expect(items.first?["id"] as? Int64 == patentID)
                let explanation = items.first?["explanation"] as? [String: Any]
                let parts = explanation?["parts"] as? [[String: Any]] ?? []
                #expect(
                    parts.map { $0["signal"] as? String } == [
                        "text", "field", "ipc", "trl", "price", "city", "trackRecord", "feedback",
                    ])
                #expect((explanation?["matchedTerms"] as? [String])?.contains("电池") == true)
            }
            for (uri, token, status, code) in [
                ("/v1/needs/\(needID)/matches", stranger, HTTPResponse.Status.notFound, "need_not_found"),
                ("/v1/needs/\(needID)/matches", university, .notFound, "need_not_found"),
                ("/v1/needs/999999/matches", enterprise, .notFound, "need_not_found"),
                ("/v1/needs/\(needID)/matches?limit=51", enterprise, .unprocessableContent, "limit_out_of_range"),
                ("/v1/needs/\(needID)/matches?kind=spaceship", enterprise, .unprocessableContent, "invalid_value"),
                ("/v1/patents/\(patentID)/matches", stranger, .notFound, "patent_not_found"),
            ] {
                try await client.execute(uri: uri, method: .get, headers: headers(token: token)) { response in
                    let problem = try json(response.body)
                    #expect(response.status == status, "\(uri)")
                    #expect(problem["code"] as? String == code, "\(uri)")
                }
            }
            try await client.execute(uri: "/v1/needs/\(needID)/matches", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(
                uri: "/v1/patents/\(patentID)/matches", method: .get, headers: headers(token: university)
            ) { response in
                let items = try json(response.body)["items"] as? [[String: Any]] ?? []
                #expect(items.first?["id"] as? Int64 == needID)
            }
            for (body, code) in [
                (#"{"text":""}"#, "text_empty"), (#"{"text":"电池","limit":99}"#, "limit_out_of_range"),
                (#"{"text":"电池","colour":"red"}"#, "unknown_field"),
            ] {
                try await client.execute(
                    uri: "/v1/matches/query", method: .post, headers: headers(token: enterprise),
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    let problem = try json(response.body)
                    #expect(problem["code"] as? String == code, "\(body)")
                }
            }
            try await client.execute(
                uri: "/v1/matches/query", method: .post, headers: headers(token: enterprise),
                body: ByteBuffer(string: #"{"text":"鋰電池 正極材料 循環壽命"}"#)
            ) { response in
                #expect(response.status == .ok)
                let items = try json(response.body)["items"] as? [[String: Any]]
                #expect(items?.first?["id"] as? Int64 == patentID)
            }
            let feedback =
                #"{"subjectKind":"need","subjectId":\#(needID),"candidateKind":"patent","candidateId":\#(patentID),"action":"contacted"}"#
            var first: [String: Any] = [:]
            let before = try await world.snapshot()
            try await client.execute(
                uri: "/v1/matches/feedback", method: .post, headers: headers(token: stranger),
                body: ByteBuffer(string: feedback)
            ) { response in
                #expect(response.status == .notFound)
            }
            #expect(try await world.snapshot() == before)
            let keyed = headers(token: enterprise, extra: ["Idempotency-Key": "feedback-1"])
            try await client.execute(
                uri: "/v1/matches/feedback", method: .post, headers: keyed, body: ByteBuffer(string: feedback)
            ) { response in
                #expect(response.status == .created)
                first = try json(response.body)
            }
            try await client.execute(
                uri: "/v1/matches/feedback", method: .post, headers: keyed, body: ByteBuffer(string: feedback)
            ) { response in
                let replay = try json(response.body)
                #expect(replay["id"] as? Int64 == first["id"] as? Int64)
            }
            func feedbackContribution() async throws -> Double {
                var contribution = -1.0
                try await client.execute(
                    uri: "/v1/needs/\(needID)/matches?kind=patent", method: .get, headers: headers(token: enterprise)
                ) { response in
                    let items = try json(response.body)["items"] as? [[String: Any]] ?? []
                    let parts = (items.first?["explanation"] as? [String: Any])?["parts"] as? [[String: Any]] ?? []
                    let feedbackPart = parts.first { $0["signal"] as? String == "feedback" }
                    contribution = feedbackPart?["contribution"] as? Double ?? 0
                }
                return contribution
            }
            // A click is one side's word: it moves nothing (issue 16). An accepted connection does.
            #expect(try await feedbackContribution() == 0)
            var connectionID: Int64 = 0
            try await client.execute(
                uri: "/v1/connections", method: .post, headers: headers(token: enterprise),
                body: ByteBuffer(
                    string: #"{"subject":{"kind":"match","id":\#(needID),"listingId":\#(patentID)},"message":"想洽谈许可"}"#)
            ) { response in
                #expect(response.status == .created)
                connectionID = try json(response.body)["id"] as? Int64 ?? 0
            }
            #expect(try await feedbackContribution() == 0, "a pending request counts for nothing")
            try await client.execute(
                uri: "/v1/connections/\(connectionID)/answer", method: .post, headers: headers(token: university),
                body: ByteBuffer(string: #"{"answer":"accept"}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            #expect(try await feedbackContribution() > 0)
        }
    }
}
