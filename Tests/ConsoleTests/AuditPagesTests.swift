import AuditLog
@testable import Console
@testable import CorridorCLI
import Foundation
import HTTPTypes
import Identity
import Kernel
import Testing

/// The auditor's page: checkpoint, signatures, growth chart, keys and "prove this entry".
struct AuditPagesTests {
    @Test func auditorSeesTheCheckpointAndProvesAnEntry() async throws {
        let world = try await ConsoleWorld(listings: false)
        let auditor = try await world.user(.auditor, kind: .platform, city: .wuhan, username: "audit.lead")
        let enterprise = try await world.user(.orgMember, kind: .enterprise, city: .wuhan, username: "wh.engineer")
        try await world.test { client in
            let anonymous = try await Browser(client).get("/console/audit")
            #expect(anonymous.status == .seeOther && anonymous.location?.hasPrefix("/console/login") == true)

            let other = Browser(client)
            try await other.signIn(enterprise.username, enterprise.password)
            #expect(try await other.get("/console/audit").status == .forbidden)
            #expect(try await other.get("/console").html.contains("/console/audit") == false)

            let browser = Browser(client)
            try await browser.signIn(auditor.username, auditor.password)
            let page = try await browser.get("/console/audit")
            #expect(page.status == .ok)
            #expect(try await world.count("SELECT count(*) FROM audit_checkpoints") == 1)  // made on first view
            let size = try await world.count("SELECT max(tree_size) FROM audit_checkpoints")
            #expect(page.html.contains(world.configuration.audit.origin))
            #expect(page.html.contains("id=\"checkpoint-size\">\(size)<"))
            #expect(page.html.contains("<svg") && page.html.contains("<polyline"))
            #expect(page.html.contains("<pre class=\"prose\" id=\"signed-note\">") && page.html.contains("— "))
            #expect(page.html.contains("签名有效") && page.html.contains("检查点签名已用登记的公钥核验"))
            #expect(page.html.contains("BEGIN PUBLIC KEY"))
            #expect(page.html.contains("audit.js") == false)  // only with an entry to prove

            let proved = try await browser.get("/console/audit?seq=3")
            #expect(proved.status == .ok)
            #expect(proved.html.contains("id=\"proof-server\" data-result=\"verified\""))
            #expect(proved.html.contains("已验证：第 3 条记录包含在大小为 \(size) 的树中"))
            #expect(proved.html.contains("<script src=\"/console/assets/audit.js\" defer></script>"))
            #expect(proved.html.contains("data-seq=\"3\"") && proved.html.contains("aria-live=\"polite\""))
            #expect(proved.html.contains("&quot;seq&quot;:3"))  // the entry's canonical JSON, escaped

            for (seq, message) in [("0", "请输入正整数序号"), ("abc", "请输入正整数序号"), ("99999999", "没有这条记录")] {
                let refused = try await browser.get("/console/audit?seq=\(seq)")
                #expect(
                    refused.status == .ok && refused.html.contains(message)
                        && refused.html.contains("id=\"seq-error\""), "\(seq)")
                #expect(refused.html.contains("proof-server") == false)
            }

            // An entry written after the checkpoint is proved once a new one is signed.
            _ = try await other.post("/console/language", [("language", "zh"), ("next", "/console")])
            let newest = try await world.count("SELECT max(seq) FROM audit_log")
            #expect(newest > size)
            let pending = try await browser.get("/console/audit?seq=\(newest)")
            #expect(pending.html.contains("该记录晚于最新检查点") && pending.html.contains("proof-server") == false)
            #expect(try await other.post("/console/audit/checkpoint", [("seq", "\(newest)")]).status == .forbidden)
            let signed = try await browser.post("/console/audit/checkpoint", [("seq", "\(newest)")])
            #expect(signed.status == .seeOther && signed.location == "/console/audit?seq=\(newest)")
            #expect(try await world.count("SELECT count(*) FROM audit_checkpoints") == 2)
            let now = try await browser.get("/console/audit?seq=\(newest)")
            #expect(now.html.contains("data-result=\"verified\""))
        }
    }

    @Test func aWrongRootIsNotVerified() async throws {
        let world = try await ConsoleWorld(listings: false)
        let site = Site(services: world.services, renderer: world.renderer, secureCookies: true)
        let checkpoint = try await world.services.checkpoints.checkpoint()
        let visit = Visit(principal: nil, language: .en, csrf: "", requestID: "test", path: "/console/audit")
        func result(_ checkpoint: StoredCheckpoint) async throws -> String? {
            let proof = try await AuditProof(site: site).context(
                "3", checkpoint: checkpoint, algorithm: .sha256, visit: visit)
            return proof.entry?.result
        }
        #expect(try await result(checkpoint) == "verified")
        var forged = checkpoint
        forged.rootHash = Data(repeating: 7, count: 32).base64EncodedString()
        #expect(try await result(forged) == "not-verified")
    }

    @Test func platformAdministratorsToo() async throws {
        let world = try await ConsoleWorld(listings: false)
        let admin = try await world.user(.platformAdmin, kind: .platform, city: .wuhan, username: "platform.root")
        let university = try await world.user(.orgAdmin, kind: .university, city: .wuhan, username: "hust.admin")
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(admin.username, admin.password)
            #expect(try await browser.get("/console/audit?seq=1").html.contains("data-result=\"verified\""))
            #expect(try await browser.get("/console/import").status == .forbidden)
            let other = Browser(client)
            try await other.signIn(university.username, university.password)
            #expect(try await other.get("/console/audit").status == .forbidden)
        }
    }

    @Test func auditScriptIsServed() async throws {
        let world = try await ConsoleWorld(listings: false)
        try await world.test { client in
            let script = try await Browser(client).get("/console/assets/audit.js")
            #expect(script.status == .ok)
            #expect(script.headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(
                script.html.contains("crypto.subtle.digest(\"SHA-256\"")
                    && script.html.contains("/v1/audit/proof/inclusion"))
        }
    }
}
