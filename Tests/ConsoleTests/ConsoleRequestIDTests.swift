import Foundation
import GRDB
import HTTPTypes
import Identity
import Kernel
import Testing

/// The console keeps a client's `X-Request-Id` only when it is sane, as the API does (issue 14):
/// anything else never reaches the audit log or the logs.
struct ConsoleRequestIDTests {
    @Test func aForgedRequestIdNeverReachesTheAuditLog() async throws {
        let world = try await ConsoleWorld(listings: false)
        let user = try await world.user(.orgAdmin, kind: .enterprise, city: .huangshi, username: "hs.requestid")
        let forged = [
            #"x" actor="platform admin"#, "审计-伪造", String(repeating: "a", count: 129), "id with spaces", "a;b=c",
        ]
        try await world.test { client in
            for value in forged {
                let before = try await world.count("SELECT max(seq) FROM audit_log")
                let browser = Browser(client)
                browser.extraHeaders[HTTPField.Name("X-Request-Id")!] = value
                try await browser.signIn(user.username, user.password)
                let page = try await browser.get("/console")
                #expect(page.headers[HTTPField.Name("X-Request-Id")!] != value)
                let ids = try await world.database.read { db in
                    try String.fetchAll(db, sql: "SELECT request_id FROM audit_log WHERE seq > ?", arguments: [before])
                }
                #expect(!ids.isEmpty, "signing in is audited")
                #expect(ids.allSatisfy { ClientRequestID.sane($0) != nil && $0 != value }, "\(ids)")
            }
            // A sane one is kept, end to end.
            let browser = Browser(client)
            browser.extraHeaders[HTTPField.Name("X-Request-Id")!] = "ops-2026.11:trace_1"
            try await browser.signIn(user.username, user.password)
            #expect(
                try await world.count("SELECT count(*) FROM audit_log WHERE request_id = 'ops-2026.11:trace_1'") >= 1)
        }
    }
}
