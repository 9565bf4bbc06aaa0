import Foundation
import Mustache

/// The console's Mustache templates (Templates/*.mustache, shipped as the module's resources)
/// and static assets. `{{…}}` escapes HTML; only the layout's `{{{body}}}` takes rendered HTML.
public struct Renderer: Sendable {
    let library: MustacheLibrary
    let assets: [String: (type: String, bytes: [UInt8])]

    public static func load() async throws -> Renderer {
        guard let root = Bundle.module.resourceURL else {
            throw ConsoleSetupError("the console's resources are missing")
        }
        let library = try await MustacheLibrary(directory: root.appendingPathComponent("Templates").path)
        var assets: [String: (String, [UInt8])] = [:]
        let folder = root.appendingPathComponent("Assets")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let type =
                switch (name as NSString).pathExtension {
                case "css": "text/css; charset=utf-8"
                case "js": "text/javascript; charset=utf-8"
                case "svg": "image/svg+xml"
                default: "application/octet-stream"
                }
            assets[name] = (type, [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))))
        }
        return Renderer(library: library, assets: assets)
    }

    /// Renders `template` with a typed view model: its stored properties are the template's keys
    /// (an Optional that is nil, `false` or an empty array hides a `{{#section}}`). A missing
    /// template is a programming error caught by tests.
    func render<Context: Sendable>(_ template: String, _ context: Context) -> String {
        library.render(context, withTemplate: template) ?? "<!-- missing template \(template) -->"
    }
}

struct ConsoleSetupError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
