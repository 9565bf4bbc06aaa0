@testable import Console
import Foundation
import Testing

/// The console's view models are typed values, never dictionaries: a page's template reads the
/// stored properties of its view model, and Mustache's section rules hold for them.
struct TypedViewModelTests {
    /// Every Swift file of the console, read from the source folder next to this test's package.
    static func consoleSources() throws -> [(name: String, text: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Console")
        guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return try files.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.map {
            ($0.path.replacingOccurrences(of: root.path + "/", with: ""), try String(contentsOf: $0, encoding: .utf8))
        }
    }

    @Test func noConsoleViewModelIsADictionary() throws {
        let sources = try Self.consoleSources()
        #expect(sources.count > 20, "the console's sources were found")
        let dictionary = try Regex(#"String\s*:\s*Any\b"#)
        for (name, text) in sources {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(dictionary) {
                Issue.record("\(name):\(number + 1) builds a dictionary view model: \(line)")
            }
        }
    }

    struct Row: Sendable {
        let name: String
        let note: String?
    }

    struct Sample: Sendable {
        let rows: [Row]
        let empty: [Row]
        let flag: Bool
        let missing: String?
        let present: String?
        let errors: FieldErrors?
        let message: RowMessage
    }

    /// Sections read nil, `false` and empty arrays as Mustache reads missing keys; a row without
    /// a value reads its page's; the labels, the form token and the field errors are found.
    @Test func typedValuesKeepMustachesSectionRules() async throws {
        let renderer = try await Renderer.load()
        var library = renderer.library
        try library.register(
            """
            {{#rows}}[{{name}}{{#note}}:{{note}}{{/note}}{{^note}}:{{present}}{{/note}}]{{/rows}}\
            {{#empty}}E{{/empty}}{{^empty}}no rows{{/empty}}|{{#flag}}F{{/flag}}{{^flag}}not flagged{{/flag}}|\
            {{#missing}}M{{/missing}}{{^missing}}nothing{{/missing}}|{{t.nav_search}}|{{csrf}}|{{lang}}|\
            {{#errors.name}}{{errors.name}}{{/errors.name}}{{^errors.other}}-{{/errors.other}}|\
            {{#message}}{{message}}{{/message}}{{^message}}no message{{/message}}
            """, named: "sample")
        let sample = Sample(
            rows: [Row(name: "a", note: "x"), Row(name: "b", note: nil)], empty: [], flag: false, missing: nil,
            present: "page", errors: FieldErrors(field: "name", message: "required"), message: RowMessage(text: nil))
        let html = Renderer(library: library, assets: [:]).render(
            "sample", PageScope(page: sample, t: Labels(language: .en), csrf: "token", lang: "en"))
        #expect(
            html
                == "[a:x][b:page]no rows|not flagged|nothing|Search|token|en|required-|no message",
            "\(html)")
    }

    /// The error page renders from its typed model inside the typed frame.
    @Test func theErrorPageRendersFromTypedModels() async throws {
        let renderer = try await Renderer.load()
        let labels = Labels(language: .zh)
        let body = renderer.render(
            "error",
            PageScope(page: Site.ErrorView(message: "出错 <了>", code: "oops"), t: labels, csrf: "c", lang: "zh"))
        #expect(body.contains("<p>出错 &lt;了&gt;</p>") && body.contains("<code>oops</code>"))
        let frame = Frame(
            title: "标题", body: body, t: labels, csrf: "c", user: nil, bell: nil,
            nav: [Navigation.Link(href: "/console", label: "检索", current: true)], path: "/console",
            htmlLang: "zh-Hans", otherLanguage: "en", otherLanguageName: "English")
        let html = renderer.render("layout", frame)
        #expect(html.contains(#"<html lang="zh-Hans">"#) && html.contains(#"aria-current="page""#))
        #expect(html.contains("<p>出错 &lt;了&gt;</p>"), "the body is inserted as rendered")
        #expect(!html.contains("/console/logout"), "no user, no sign-out form")
    }
}
