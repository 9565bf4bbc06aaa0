import Foundation
import HTTPTypes
import Testing

/// The public pages, signing in and out, the language switch, and the page safety rules.
struct PublicPagesTests {
    @Test func homeSearchesInTraditionalToo() async throws {
        let world = try await ConsoleWorld()
        try await world.test { client in
            let browser = Browser(client)
            let root = try await browser.get("/")
            #expect(root.status == .seeOther && root.location == "/console")
            let home = try await browser.get("/console?q=%E9%8B%B0%E9%9B%BB%E6%B1%A0")  // 鋰電池
            #expect(home.status == .ok)
            #expect(home.html.contains("<mark>"))
            #expect(home.html.contains("条结果"))
            #expect(home.headers[.init("Content-Security-Policy")!]?.contains("default-src 'none'") == true)
            #expect(home.headers[.cacheControl] == "no-store")
            // Nothing is loaded from elsewhere: every src and href is a path on this server.
            for attribute in ["src=\"", "href=\""] {
                for part in home.html.components(separatedBy: attribute).dropFirst() {
                    #expect(part.hasPrefix("/") || part.hasPrefix("#"), "\(part.prefix(40))")
                }
            }
            let listing = try await browser.get("/console/challenges")
            #expect(listing.status == .ok && listing.html.contains("揭榜挂帅"))
            let missing = try await browser.get("/console/patents/999999")
            #expect(missing.status == .notFound)
        }
    }

    @Test func signInRequiresCSRFAndSignOutRevokes() async throws {
        let world = try await ConsoleWorld(listings: false)
        let user = try await world.user(.orgAdmin, kind: .enterprise, city: .huangshi, username: "hs.engineer")
        try await world.test { client in
            let browser = Browser(client)
            _ = try await browser.get("/console/login")
            let forged = try await browser.post(
                "/console/login", [("username", user.username), ("password", user.password)], csrf: "forged")
            #expect(forged.status == .forbidden)
            let wrong = try await browser.post(
                "/console/login", [("username", user.username), ("password", "wrong password")])
            #expect(wrong.status == .unauthorized && wrong.html.contains("role=\"alert\""))
            _ = try await browser.get("/console/login")
            let signedIn = try await browser.post(
                "/console/login",
                [("username", user.username), ("password", user.password), ("next", "//evil.example")])
            #expect(signedIn.status == .seeOther && signedIn.location == "/console")
            let cookie = signedIn.headers[values: .setCookie].first { $0.hasPrefix("corridor_session=") } ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Strict"))
            let home = try await browser.get("/console")
            #expect(home.html.contains("hs.engineer"))
            let tokens = try await world.count("SELECT count(*) FROM tokens WHERE revoked_at IS NULL")
            _ = try await browser.post("/console/logout", [])
            #expect(try await world.count("SELECT count(*) FROM tokens WHERE revoked_at IS NULL") == tokens - 1)
            #expect(try await browser.get("/console").html.contains("hs.engineer") == false)
        }
    }

    @Test func languageIsRememberedPerUser() async throws {
        let world = try await ConsoleWorld(listings: false)
        let user = try await world.user(.orgMember, kind: .enterprise, city: .wuhan, username: "wh.member")
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(user.username, user.password)
            _ = try await browser.get("/console")
            _ = try await browser.post("/console/language", [("language", "en"), ("next", "/console")])
            #expect(try await browser.get("/console").html.contains("Search patents"))
            #expect(try await world.count("SELECT count(*) FROM console_preferences WHERE language = 'en'") == 1)
            #expect(try await world.count("SELECT count(*) FROM audit_log WHERE action = 'console.language'") == 1)
        }
        // Another browser, same user: English without switching.
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(user.username, user.password)
            #expect(try await browser.get("/console").html.contains("Search patents"))
        }
    }
}
