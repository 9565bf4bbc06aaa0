import Foundation
import HTTPTypes
import Identity
import Kernel
import Testing

/// Every form a signed-in person can reach, submitted with hostile values (wrong types, huge and
/// empty strings, markup, control characters): never a 500, never an unescaped echo.
struct ConsoleFormFuzzTests {
    static let hostile = [
        "", " ", "-1", "0", "99999999999999999999", "1e309", "NaN", "abc", String(repeating: "长", count: 5_000),
        "<script>alert(1)</script>", "\"'><img src=x onerror=alert(1)>", "../../etc/passwd", "2026-13-45", "%00\u{0}",
        "１２３", "鋰電池", "null", "{\"a\":1}",
    ]

    struct FormInfo {
        var action: String
        var fields: [String]
    }

    /// The POST forms on a page: their actions and field names (hidden ones keep their values).
    static func forms(in html: String) -> [FormInfo] {
        var result: [FormInfo] = []
        for chunk in html.components(separatedBy: "<form").dropFirst() {
            guard let end = chunk.range(of: "</form>") else { continue }
            let form = String(chunk[..<end.lowerBound])
            guard form.contains("method=\"post\""), let action = Self.attribute("action", in: form),
                !action.contains("logout"),
                !form.contains("multipart/form-data")
            else { continue }
            var fields: [String] = []
            for piece in form.components(separatedBy: "name=\"").dropFirst() {
                let name = String(piece.prefix { $0 != "\"" })
                if name != "_csrf", !fields.contains(name) { fields.append(name) }
            }
            result.append(FormInfo(action: action, fields: fields))
        }
        return result
    }

    static func attribute(_ name: String, in text: String) -> String? {
        guard let range = text.range(of: "\(name)=\"") else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test(arguments: [
        (Role.orgAdmin, OrganizationKind.enterprise, ["/console/needs", "/console/needs/new", "/console/vouchers"]),
        (Role.orgAdmin, OrganizationKind.university, ["/console/portfolio", "/console/applications"]),
        (Role.orgAdmin, OrganizationKind.provider, ["/console/provider"]),
        (
            Role.cityAdmin, OrganizationKind.government,
            ["/console/city", "/console/city/policies/new", "/console/city/settlements"]
        ),
    ])
    func hostileFormsNeverBreakAPage(_ role: Role, _ kind: OrganizationKind, _ pages: [String]) async throws {
        let world = try await ConsoleWorld()
        let user = try await world.user(role, kind: kind, city: .huangshi, username: "fuzz.\(kind.rawValue)")
        try await world.test { client in
            let browser = Browser(client)
            try await browser.signIn(user.username, user.password)
            var submitted = 0
            for page in pages {
                let html = try await browser.get(page).html
                for form in Self.forms(in: html) {
                    for round in 0..<4 {
                        _ = try await browser.get(page)
                        let values = form.fields.map { ($0, Self.hostile.randomElement()!) }
                        let answer = try await browser.post(form.action, round == 0 ? [] : values)
                        submitted += 1
                        #expect(answer.status.code < 500, "\(form.action) \(values) → \(answer.status)")
                        #expect(
                            !answer.html.contains("<script>alert(1)</script>"), "\(form.action) echoed markup unescaped"
                        )
                        #expect(
                            !answer.html.contains("onerror=alert(1)>"), "\(form.action) echoed an attribute unescaped")
                    }
                }
            }
            #expect(submitted > 0, "no form was found on \(pages)")
        }
    }
}
