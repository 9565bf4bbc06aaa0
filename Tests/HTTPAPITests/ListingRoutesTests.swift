import Foundation
import HTTPTypes
import HummingbirdTesting
import Identity
import Kernel
import NIOCore
import Testing

/// The listing routes through the router: a university lists a patent, an enterprise posts a
/// need, both are found in either script; challenges answer 409 with the allowed events; the
/// import route reports bad rows.
struct ListingRoutesTests {
    static let patent =
        #"{"number":"ZL201710601862.3","title":"一种高能量密度锂电池正极材料的制备方法","abstract":"本发明公开了一种锂电池正极材料及其制备方法，提高了循环寿命。","ipcCodes":["H01M 10/0525"],"legalStatus":"granted","fields":["new_energy_vehicles"],"keywords":["锂电池","正极材料"],"trl":6,"transferModes":["assignment","licence_non_exclusive"],"askingPrice":{"minFen":50000000,"maxFen":80000000}}"#

    static func need(deadline: String) -> String {
        #"{"title":"动力电池正极材料循环寿命提升","description":"我司生产的鋰電池正极材料循环寿命不足，希望合作开发提升到 2000 次以上。","fields":["new_energy_vehicles"],"budget":{"minFen":20000000,"maxFen":50000000},"deadline":"\#(deadline)","cooperationMode":"joint_development"}"#
    }

    func signIn(
        _ world: HTTPWorld, _ kind: String, _ city: String, _ role: Role, _ username: String
    ) async throws -> String {
        let organization = try await world.organizationID(kind, city)
        _ = try await world.services.users.create(
            in: organization,
            .init(username: username, displayName: username, role: role, password: "listing password"),
            by: .system("test", requestID: "t")
        )
        return try await world.services.auth.login(username: username, password: "listing password", requestID: "t")
            .token
    }

    @Test func aPatentAndANeedAreFoundInEitherScript() async throws {
        let world = try HTTPWorld()
        let university = try await signIn(world, "university", "WH", .orgMember, "tto.whu")
        let enterprise = try await signIn(world, "enterprise", "HS", .orgAdmin, "eng.hs")
        let deadline = Timestamp.format(Date().addingTimeInterval(90 * 86_400))
        try await world.test { client in
            let bad = Self.patent.replacingOccurrences(of: "862.3", with: "862.4")
            let before = try await world.snapshot()
            try await client.execute(
                uri: "/v1/patents", method: .post, headers: headers(token: university), body: ByteBuffer(string: bad)
            ) { response in
                let problem = try json(response.body)
                #expect(response.status == .unprocessableContent)
                #expect(problem["code"] as? String == "patent_check_digit" && problem["field"] as? String == "number")
            }
            #expect(try await world.snapshot() == before)
            try await client.execute(
                uri: "/v1/patents", method: .post, headers: headers(token: university),
                body: ByteBuffer(string: Self.patent)
            ) { response in
                let patent = try json(response.body)
                #expect(response.status == .created)
                #expect(patent["number"] as? String == "201710601862.3")
                #expect(patent["city"] as? String == "WH")
            }
            try await client.execute(
                uri: "/v1/needs", method: .post, headers: headers(token: enterprise),
                body: ByteBuffer(string: Self.need(deadline: deadline))
            ) { response in
                #expect(response.status == .created)
            }
            // A university cannot post a need.
            try await client.execute(
                uri: "/v1/needs", method: .post, headers: headers(token: university),
                body: ByteBuffer(string: Self.need(deadline: deadline))
            ) { response in
                let problem = try json(response.body)
                #expect(response.status == .forbidden && problem["code"] as? String == "organization_kind_not_allowed")
            }
            for query in ["锂电池", "鋰電池", "电池"] {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
                try await client.execute(uri: "/v1/search?q=\(encoded)", method: .get) { response in
                    let result = try json(response.body)
                    let kinds = Set(((result["items"] as? [[String: Any]]) ?? []).compactMap { $0["kind"] as? String })
                    #expect(response.status == .ok)
                    #expect(kinds == ["patent", "need"], "\(query)")
                    #expect((result["facets"] as? [String: Any])?["city"] as? [String: Int] == ["WH": 1, "HS": 1])
                }
            }
            try await client.execute(uri: "/v1/search?q=%E9%8B%B0%E9%9B%BB%E6%B1%A0&kind=patent", method: .get) {
                response in
                let result = try json(response.body)
                let first = try #require((result["items"] as? [[String: Any]])?.first)
                let title = try #require((first["highlights"] as? [String: Any])?["title"] as? [String: Any])
                #expect(title["ranges"] as? [[Int]] == [[7, 3]])  // 一种高能量密度|锂电池|…
            }
            try await client.execute(uri: "/v1/search?q=%20%2C%2C", method: .get) { response in
                let problem = try json(response.body)
                #expect(response.status == .unprocessableContent && problem["code"] as? String == "query_has_no_terms")
            }
        }
    }

    @Test func anIllegalChallengeStepAnswers409WithTheAllowedEvents() async throws {
        let world = try HTTPWorld()
        let owner = try await signIn(world, "enterprise", "WH", .orgAdmin, "owner.wh")
        let deadline = Timestamp.format(Date().addingTimeInterval(30 * 86_400))
        let body =
            #"{"year":\#(Calendar(identifier: .gregorian).component(.year, from: Date())),"title":"高功率光纤激光器关键器件攻关","description":"面向高端装备制造的高功率光纤激光器关键器件国产化。","goals":"实现万瓦级输出","indicators":["输出功率 ≥ 10 kW"],"fields":["optoelectronics"],"rewardFen":100000000,"tranches":[{"name":"揭榜立项","amountFen":60000000},{"name":"最终验收","amountFen":40000000}],"deadline":"\#(deadline)","reviewMode":"expert"}"#
        try await world.test { client in
            let id = try await client.execute(
                uri: "/v1/challenges", method: .post, headers: headers(token: owner), body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .created)
                return try #require(try json(response.body)["id"] as? Int)
            }
            try await client.execute(
                uri: "/v1/challenges/\(id)/transitions", method: .post, headers: headers(token: owner),
                body: ByteBuffer(string: #"{"event":"award"}"#)
            ) { response in
                let problem = try json(response.body)
                let details = try #require(problem["details"] as? [String: Any])
                #expect(response.status == .conflict)
                #expect(problem["code"] as? String == "illegal_transition")
                #expect(details["currentState"] as? String == "draft")
                #expect(details["allowedEvents"] as? [String] == ["cancel", "submit"])
            }
            try await client.execute(
                uri: "/v1/challenges/\(id)/transitions", method: .post, headers: headers(token: owner),
                body: ByteBuffer(string: #"{"event":"submit"}"#)
            ) { response in
                let challenge = try json(response.body)
                #expect(response.status == .ok)
                #expect(challenge["state"] as? String == "pending_approval")
            }
            // The platform administrator approves; then anyone can read it and its possible events.
            try await client.execute(
                uri: "/v1/challenges/\(id)/transitions", method: .post, headers: headers(token: world.adminToken),
                body: ByteBuffer(string: #"{"event":"approve"}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/v1/challenges/\(id)", method: .get) { response in
                let progress = try json(response.body)
                #expect(response.status == .ok)
                #expect(progress["allowedEvents"] as? [String] == ["cancel", "close_applications", "extend"])
            }
        }
    }

    @Test func theImportRouteReportsBadRowsAndWritesNothingInAllOrNothingMode() async throws {
        let world = try HTTPWorld()
        let university = try await signIn(world, "university", "WH", .orgAdmin, "import.whu")
        let csv = """
            number,title,abstract,legalStatus,fields,transferModes,negotiable
            201710601862.3,一种光纤传感器,用于桥梁健康监测的光纤传感器。,granted,optoelectronics,assignment,true
            201710601862.4,校验位错误的专利,摘要。,granted,optoelectronics,assignment,true

            """
        try await world.test { client in
            var fields = HTTPFields()
            fields[.authorization] = "Bearer \(university)"
            fields[.contentType] = "text/csv"
            let before = try await world.snapshot()
            try await client.execute(
                uri: "/v1/patents/import", method: .post, headers: fields, body: ByteBuffer(string: csv)
            ) { response in
                let report = try json(response.body)
                let errors = try #require(report["errors"] as? [[String: Any]])
                #expect(response.status == .unprocessableContent)
                #expect(report["committed"] as? Bool == false && report["invalid"] as? Int == 1)
                #expect(errors.first?["row"] as? Int == 2 && errors.first?["field"] as? String == "number")
                #expect(errors.first?["code"] as? String == "patent_check_digit")
            }
            // Nothing written but the audited record of the refused import.
            var audited = before
            audited[3] += 1
            #expect(try await world.snapshot() == audited)
            try await client.execute(
                uri: "/v1/patents/import?mode=skip-invalid", method: .post, headers: fields,
                body: ByteBuffer(string: csv)
            ) { response in
                let report = try json(response.body)
                #expect(response.status == .ok)
                #expect(
                    report["created"] as? Int == 1 && report["invalid"] as? Int == 1
                        && report["committed"] as? Bool == true)
            }
            let afterFirst = try await world.snapshot()
            try await client.execute(
                uri: "/v1/patents/import?mode=skip-invalid", method: .post, headers: fields,
                body: ByteBuffer(string: csv)
            ) { response in
                let report = try json(response.body)
                #expect(
                    report["created"] as? Int == 0 && report["unchanged"] as? Int == 1
                        && report["committed"] as? Bool == false)
            }
            var again = afterFirst
            again[3] += 1  // the import of an unchanged file is audited, and changes nothing else
            #expect(try await world.snapshot() == again)
        }
    }

    @Test func draftsAreInvisibleToOthersAnd404() async throws {
        let world = try HTTPWorld()
        let university = try await signIn(world, "university", "WH", .orgMember, "drafts.whu")
        let draft = Self.patent.replacingOccurrences(of: #""trl":6"#, with: #""trl":6,"status":"draft""#)
        try await world.test { client in
            let id = try await client.execute(
                uri: "/v1/patents", method: .post, headers: headers(token: university), body: ByteBuffer(string: draft)
            ) { response in
                #expect(response.status == .created)
                return try #require(try json(response.body)["id"] as? Int)
            }
            try await client.execute(uri: "/v1/patents/\(id)", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/v1/patents/\(id)", method: .get, headers: headers(token: university, json: false)
            ) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
