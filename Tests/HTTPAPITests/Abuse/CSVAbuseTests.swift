import Foundation
import HTTPTypes
import Kernel
import NIOCore
import Tabular
import Testing

/// Attacks on the reports a city downloads (issue 14): an organisation whose name is a formula,
/// or holds quotes, commas and line breaks, made a payee so that its name lands in the settlement
/// CSV. Read back with the project's RFC 4180 reader, the file has one record per payee with every
/// column, and no cell a spreadsheet would evaluate.
struct CSVAbuseTests {
    /// Valid names (no control characters) that a naive CSV writer turns into formulas or rows.
    static let hostileNames = [
        "=cmd|' /C calc'!A0 有限公司",
        #"-2+3 科技"有限",公司"#,
        #"@SUM(1+1)*cmd|' /C calc'!A0 检测中心"#,
        #"+=HYPERLINK("http://evil.example/","点此领取补贴") 研究院"#,
    ]

    static func quoted(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }

    /// A provider organisation registered by the platform through the API, with an administrator
    /// who signs in through the API; returns its id and token.
    static func hostileProvider(_ c: AbuseClient, name: String, code: String) async throws -> (Int64, String) {
        let body = #"{"kind":"provider","name":\#(quoted(name)),"city":"WH","creditCode":"\#(creditCode(code))"}"#
        let (created, organization) = try await c.post("/v1/organizations", "platform", body)
        #expect(created == .created, "\(organization)")
        let id = organization["id"] as? Int64 ?? 0
        #expect(organization["name"] as? String == name)
        let user =
            #"{"username":"admin.\#(id)","displayName":"管理员","role":"org_admin","password":"hostile provider password"}"#
        let (added, problem) = try await c.post("/v1/organizations/\(id)/users", "platform", user)
        #expect(added == .created, "\(problem)")
        var token = ""
        try await c.client.execute(
            uri: "/v1/auth/login", method: .post, headers: headers(),
            body: ByteBuffer(string: #"{"username":"admin.\#(id)","password":"hostile provider password"}"#)
        ) { response in
            token = try json(response.body)["token"] as? String ?? ""
        }
        #expect(!token.isEmpty)
        return (id, token)
    }

    @Test func hostileNamesStayOneNeutralisedCellOfTheSettlementCSV() async throws {
        var stage = try await AbuseWorld()
        try await stage.run { c in
            let (created, policy) = try await c.post("/v1/voucher-policies", "hs", AbuseClient.policy)
            #expect(created == .created, "\(policy)")
        }
        // Each hostile provider is registered through the API; its token joins the stage.
        var registered: [(id: Int64, name: String)] = []
        for (index, name) in Self.hostileNames.enumerated() {
            let provider = Registered()
            try await stage.run { c in
                (provider.id, provider.token) = try await Self.hostileProvider(
                    c, name: name, code: "91420100MA4K9CQX\(index)")
            }
            stage.tokens["hostile\(index)"] = provider.token
            registered.append((provider.id, name))
        }
        let providers = registered
        let names = Dictionary(uniqueKeysWithValues: providers.map { ($0.id, $0.name) })
        try await stage.run { c in
            for index in providers.indices {
                let (_, entry) = try await c.post("/v1/providers", "hostile\(index)", #"{"categories":["testing"]}"#)
                let (listed, body) = try await c.post(
                    "/v1/providers/\(entry["id"] as? Int64 ?? 0)/actions", "wh", #"{"action":"approve"}"#)
                #expect(listed == .ok, "\(body)")
            }
            c.stage.clock.advance(by: 7 * 86_400 + 60)
            let voucher = try await c.voucher(amount: 10_000_000)
            for (index, provider) in providers.enumerated() {
                let (_, opened) = try await c.post(
                    "/v1/redemptions", "enterprise",
                    #"{"voucherId":\#(voucher),"providerOrganizationId":\#(provider.id),"contractNumber":"CSV-\#(index)","category":"testing","contractFen":2000000}"#
                )
                _ = try await c.step(
                    opened["id"], "hostile\(index)", #"{"step":"confirm","invoiceNumber":"INV-CSV-\#(index)"}"#)
                let (_, accepted) = try await c.step(opened["id"], "enterprise", #"{"step":"accept"}"#)
                #expect(accepted["status"] as? String == "captured", "\(accepted)")
            }

            var text = ""
            try await c.client.execute(
                uri: "/v1/settlements/report?period=2026-11&format=csv", method: .get,
                headers: headers(token: c.stage.token("hs"))
            ) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "text/csv; charset=utf-8")
                text = String(decoding: response.body.readableBytesView, as: UTF8.self)
            }
            let (header, records) = try Self.parse(text)
            #expect(header.count == 10 && header[3] == "payee_name")
            // One record per payee, each with every column: no name added a row or a cell.
            #expect(records.count == providers.count, "\(text)")
            for record in records {
                #expect(record.count == header.count, "\(record)")
                let payee = Int64(record["payee_org_id"] ?? "") ?? 0
                let name = try #require(names[payee], "\(record)")
                // Shown as text: a leading quote, then the name exactly as registered.
                #expect(record["payee_name"] == "'" + name)
                #expect(record["amount_fen"] == "1000000" && record["amount_yuan"] == "10000.00")
            }
            // In the raw file no cell starts with a formula character, quoted or not.
            for cell in Self.rawCells(text) {
                #expect(!["=", "+", "-", "@"].contains(cell.first.map(String.init) ?? ""), "\(cell)")
            }
        }
    }

    @Test func namesWithLineBreaksOrControlsAreRefusedAtTheDoor() async throws {
        let stage = try await AbuseWorld()
        try await stage.run { c in
            let before = try await c.stage.world.snapshot()
            for (index, name) in [
                "科技\r\n9999,伪造行", "科技\n有限公司", "科技\r有限公司", "科技\u{2028}有限公司", "科技\u{7F}公司", "科技\t公司", "科技\u{0}公司",
            ].enumerated() {
                let body =
                    #"{"kind":"provider","name":\#(Self.quoted(name)),"city":"WH","creditCode":"\#(creditCode("91420100MA4K9CRL\(index)"))"}"#
                let (status, problem) = try await c.post("/v1/organizations", "platform", body)
                #expect(
                    status == .unprocessableContent && problem["code"] as? String == "control_characters",
                    "\(name.debugDescription) \(problem)")
                #expect(problem["field"] as? String == "name" && (problem["messageZh"] as? String)?.isEmpty == false)
            }
            #expect(try await c.stage.world.snapshot() == before)
            // Multi-line text stays multi-line: a reason may have lines.
            let voucher = try await c.setUp()
            let (revoked, body) = try await c.post(
                "/v1/vouchers/\(voucher)/revocation", "hs", #"{"reason":"虚报资质\n经核查属实"}"#)
            #expect(revoked == .ok, "\(body)")
        }
    }

    final class Registered: @unchecked Sendable {
        var id: Int64 = 0
        var token = ""
    }

    /// The header and the records as dictionaries, read by the project's RFC 4180 reader.
    static func parse(_ text: String) throws -> ([String], [[String: String]]) {
        let reader = try TabularReader(data: Data(text.utf8), format: .csv)
        var records: [[String: String]] = []
        for result in reader {
            let record = try result.get()
            records.append(
                record.values.compactMapValues { value in
                    if case .string(let text) = value { return text }
                    return nil
                })
        }
        return (reader.header, records)
    }

    /// The cells of the file as written, quotes removed, split by a minimal RFC 4180 scanner.
    static func rawCells(_ text: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            switch (scalar, quoted) {
            case ("\"", true) where scalars.first == "\"": cell.unicodeScalars.append(scalars.removeFirst())
            case ("\"", _): quoted.toggle()
            case (",", false), ("\n", false): cells.append(cell); cell = ""
            case ("\r", false): continue
            default: cell.unicodeScalars.append(scalar)
            }
        }
        return cells
    }
}
