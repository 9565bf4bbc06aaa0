import Mustache

/// What a page template reads beside its own view model: the labels (`{{t.search_title}}`),
/// the form token (`{{csrf}}`) and the language (`{{lang}}`). Every other key is a stored
/// property of the page's view model.
struct PageScope<Page: Sendable>: MustacheParent, Sendable {
    let page: Page
    let t: Labels
    let csrf: String
    let lang: String

    func child(named name: String) -> Any? {
        switch name {
        case "t": t
        case "csrf": csrf
        case "lang": lang
        default: Self.property(name, of: page)
        }
    }

    /// A stored property's value, an Optional unwrapped (nil when absent or nil, so `{{#key}}`
    /// hides its section as Mustache reads a missing key).
    static func property(_ name: String, of value: some Any) -> Any? {
        guard let child = Mirror(reflecting: value).children.first(where: { $0.label == name }) else { return nil }
        let mirror = Mirror(reflecting: child.value)
        guard mirror.displayStyle == .optional else { return child.value }
        return mirror.children.first?.value
    }
}

/// The label table of a language for templates: `{{t.search_title}}` for `search.title`
/// (Mustache reads dots as nesting, so the keys have underscores).
struct Labels: MustacheParent, Sendable {
    let language: Language

    func child(named name: String) -> Any? {
        Language.templateLabels[language]?[name]
    }
}
