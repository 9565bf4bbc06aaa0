import Foundation
import HTTPAPI
import Identity
import Store
import Testing
import GRDB

/// The real server over the network: HTTPS with HTTP/2 and HTTP/1.1, TLS versions, mTLS,
/// the README's walkthrough, and data surviving a restart.
@Suite(.serialized)
struct ServerEndToEndTests {
    @Test func servesHTTP2AndHTTP11OverTLS() async throws {
        let configuration = LiveServer.configuration(dataDir: try LiveServer.temporaryDirectory())
        try await LiveServer.with(configuration) { port, _ in
            let h2 = try await curl([
                "-k", "--http2", "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
                "https://127.0.0.1:\(port)/healthz",
            ])
            #expect(h2.output == "2 200")
            let h1 = try await curl([
                "-k", "--http1.1", "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
                "https://127.0.0.1:\(port)/healthz",
            ])
            #expect(h1.output == "1.1 200")
            let plain = try await curl(["-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/healthz"])
            #expect(plain.output != "200")
        }
    }

    @Test func refusesTLS11AndWeakCiphersAndPrefersTLS13() async throws {
        let configuration = LiveServer.configuration(dataDir: try LiveServer.temporaryDirectory())
        try await LiveServer.with(configuration) { port, _ in
            // The client is told to accept old protocols, so a failure is the server's refusal.
            let weak = ["-cipher", "DEFAULT@SECLEVEL=0"]
            let tls11 = try await run(
                "/usr/bin/openssl", ["s_client", "-connect", "127.0.0.1:\(port)", "-tls1_1"] + weak, input: "")
            #expect(tls11.status != 0)
            #expect(tls11.output.contains("alert protocol version"))
            let tls12 = try await run(
                "/usr/bin/openssl", ["s_client", "-connect", "127.0.0.1:\(port)", "-tls1_2"] + weak, input: "")
            #expect(tls12.status == 0)
            #expect(tls12.output.contains("TLSv1.2"))
            // Weak TLS 1.2 suites (CBC with SHA-1, no key exchange secrecy, null encryption) are
            // refused even when the client offers nothing else; an AEAD suite is accepted.
            for cipher in ["ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA", "AES128-SHA", "ECDHE-ECDSA-NULL-SHA"] {
                let offered = try await run(
                    "/usr/bin/openssl",
                    ["s_client", "-connect", "127.0.0.1:\(port)", "-tls1_2", "-cipher", "\(cipher)@SECLEVEL=0"],
                    input: "")
                #expect(offered.status != 0, "the server accepted \(cipher)")
            }
            let aead = try await run(
                "/usr/bin/openssl",
                ["s_client", "-connect", "127.0.0.1:\(port)", "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"],
                input: "")
            #expect(aead.status == 0 && aead.output.contains("ECDHE-ECDSA-AES128-GCM-SHA256"))
            let preferred = try await run(
                "/usr/bin/openssl", ["s_client", "-connect", "127.0.0.1:\(port)", "-alpn", "h2"], input: "")
            #expect(preferred.output.contains("TLSv1.3"))
            #expect(preferred.output.contains("ALPN protocol: h2"))
        }
    }

    @Test func theWalkthroughWorksAndDataSurvivesARestart() async throws {
        let directory = try LiveServer.temporaryDirectory()
        let configuration = LiveServer.configuration(dataDir: directory)
        let code = "91420200MA4K0E2E" + "0"
        let creditCode = code.prefix(17) + String(CreditCode.checkCharacter(for: code.prefix(17))!)
        let id: String = try await LiveServer.with(configuration) { port, database in
            let admin = try PlatformBootstrap.createAdministrator(
                database: database, username: "admin", displayName: "管理员", password: nil,
                passwords: Passwords(cost: 4), tokenLifetime: 3_600
            ).token.token
            let base = "https://127.0.0.1:\(port)"
            let created = try await curl([
                "-k", "-X", "POST", "\(base)/v1/organizations", "-H", "Authorization: Bearer \(admin)",
                "-H", "Content-Type: application/json", "-H", "Idempotency-Key: e2e-1",
                "-d", #"{"kind":"enterprise","name":"黄石端到端测试有限公司","city":"HS","creditCode":"\#(creditCode)"}"#,
                "-w", "\n%{http_code}",
            ])
            let lines = created.output.split(separator: "\n")
            #expect(lines.last == "201")
            let object = try JSONSerialization.jsonObject(with: Data(lines.first!.utf8)) as? [String: Any]
            let id = try #require(object?["id"] as? Int)
            let user = try await curl([
                "-k", "-X", "POST", "\(base)/v1/organizations/\(id)/users", "-H", "Authorization: Bearer \(admin)",
                "-H", "Content-Type: application/json",
                "-d", #"{"username":"hs.e2e","displayName":"测试","role":"org_admin","password":"e2e password 123"}"#,
                "-o", "/dev/null", "-w", "%{http_code}",
            ])
            #expect(user.output == "201")
            let login = try await curl([
                "-k", "-X", "POST", "\(base)/v1/auth/login", "-H", "Content-Type: application/json",
                "-d", #"{"username":"hs.e2e","password":"e2e password 123"}"#,
            ])
            let token = try #require(
                (try JSONSerialization.jsonObject(with: Data(login.output.utf8)) as? [String: Any])?["token"] as? String
            )
            let bad = try await curl([
                "-k", "-X", "POST", "\(base)/v1/organizations", "-H", "Authorization: Bearer \(token)",
                "-H", "Content-Type: application/json", "-d", #"{"kind":"enterprise"}"#, "-i",
            ])
            #expect(bad.output.contains("application/problem+json"))
            #expect(bad.output.contains("HTTP/2 422") || bad.output.contains("HTTP/2 403"))
            return String(id)
        }
        // A new process would open the same file: so does this second server.
        try await LiveServer.with(configuration) { port, database in
            let admin = try PlatformBootstrap.createAdministrator(
                database: database, username: "admin2", displayName: "管理员", password: nil,
                passwords: Passwords(cost: 4), tokenLifetime: 3_600
            ).token.token
            let fetched = try await curl([
                "-k", "https://127.0.0.1:\(port)/v1/organizations/\(id)", "-H", "Authorization: Bearer \(admin)",
            ])
            #expect(fetched.output.contains("黄石端到端测试有限公司"))
            let count = try await database.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM organizations WHERE credit_code = ?", arguments: [String(creditCode)]
                )
            }
            #expect(count == 1)
        }
    }

    @Test func mutualTLSRefusesClientsWithoutACertificateFromTheCA() async throws {
        let directory = try LiveServer.temporaryDirectory()
        let ca = directory.appendingPathComponent("ca")
        try FileManager.default.createDirectory(at: ca, withIntermediateDirectories: true)
        @Sendable func path(_ name: String) -> String { ca.appendingPathComponent(name).path }
        let openssl = "/usr/bin/openssl"
        for arguments in [
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                path("ca.key"),
                "-out", path("ca.pem"), "-days", "2", "-subj", "/CN=Corridor Test Government CA",
            ],
            [
                "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path("client.key"),
                "-out", path("client.csr"), "-subj", "/CN=huangshi-kjj",
            ],
            [
                "x509", "-req", "-in", path("client.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
                "-CAcreateserial", "-out", path("client.pem"), "-days", "2",
            ],
        ] {
            let result = try await run(openssl, arguments)
            #expect(result.status == 0, "\(result.output)")
        }
        var configuration = LiveServer.configuration(dataDir: directory)
        configuration.tls.clientCA = path("ca.pem")
        configuration.tls.requireClientCertificate = true
        try await LiveServer.with(configuration) { port, _ in
            let url = "https://127.0.0.1:\(port)/healthz"
            let without = try await curl(["-k", "-o", "/dev/null", "-w", "%{http_code}", url])
            #expect(without.output != "200")
            let with = try await curl([
                "-k", "--cert", path("client.pem"), "--key", path("client.key"), "-o", "/dev/null", "-w",
                "%{http_code}", url,
            ])
            #expect(with.output == "200")
        }
    }
}
