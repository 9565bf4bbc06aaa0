/// The layout around every page (layout.mustache): the page's title and rendered body, the
/// menu for the visitor's role, who is signed in, and the language switch.
struct Frame: Sendable {
    /// Who is signed in, as the header shows them.
    struct User: Sendable {
        let name: String
        let organization: String
        let role: String
    }

    /// The notifications bell of a signed-in person: how many are unread.
    struct Bell: Sendable {
        let unread: Int
        let hasUnread: Bool
    }

    let title: String
    /// The page's template already rendered (the layout's only `{{{…}}}`).
    let body: String
    let t: Labels
    let csrf: String
    let user: User?
    let bell: Bell?
    let nav: [Navigation.Link]
    let path: String
    let htmlLang: String
    let otherLanguage: String
    let otherLanguageName: String
}
