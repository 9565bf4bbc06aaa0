@testable import Console
import Foundation
import Testing

/// The ledger check page: auditors and the platform see the check run from scratch; a city
/// administrator or an enterprise does not.
struct AuditLedgerPagesTests {
    @Test func anAuditorSeesTheLedgerCheckAndOthersAreRefused() async throws {
        let world = try await ConsoleWorld(listings: false)
        let auditor = try await world.user(.auditor, kind: .platform, city: .wuhan, username: "ledger.auditor")
        let enterprise = try await world.user(.orgMember, kind: .enterprise, city: .wuhan, username: "ledger.engineer")
        let clerk = try await world.user(.cityAdmin, kind: .government, city: .wuhan, username: "ledger.clerk")
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(auditor.username, auditor.password)
            let overview = try await browser.get("/console/audit")
            #expect(overview.html.contains(#"href="/console/audit/ledger""#))
            let page = try await browser.get("/console/audit/ledger")
            #expect(page.status == .ok && page.html.contains(#"<p class="ok" id="ledger-result">"#))
            #expect(page.html.contains("账本一致"))
            for user in [enterprise, clerk] {
                let other = Browser(client)
                try await other.signIn(user.username, user.password)
                #expect(try await other.get("/console/audit/ledger").status == .forbidden, "\(user.username)")
            }
        }
    }
}
