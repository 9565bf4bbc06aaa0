/// The view models of the public pages (home.mustache, listing.mustache, challenges.mustache).
enum PublicViews {
    /// The search page.
    struct Home: Sendable {
        let q: String
        let hits: [Hit]
        let total: Int
        let facets: [Facet]
        let next: String?
        let searched: Bool
        /// A signed-in visitor who searched may save the search (its filters as hidden fields).
        var canSave = false
        var saveFilters: [Hidden] = []
        var saveName = ""
    }

    struct Hidden: Sendable {
        let name: String
        let value: String
    }

    struct Hit: Sendable {
        let href: String
        let kind: String
        let title: [Segment]
        let snippet: [Segment]
        let hasSnippet: Bool
        let city: String
        let fields: String
        let price: String?
        let trl: Int?
    }

    /// One group of the search's filters (kind, field, city) with its counts.
    struct Facet: Sendable {
        let title: String
        let items: [FacetItem]
    }

    struct FacetItem: Sendable {
        let name: String
        let value: String
        let label: String
        let count: Int
        let checked: Bool
    }

    /// A listing: its facts as label and value.
    struct Listing: Sendable {
        let kind: String
        let heading: String
        let body: String
        let rows: [Fact]
        let applyHref: String?
        /// Asking the owner to connect: for a signed-in organisation member other than the owner.
        var askHref: String? = nil
        /// Hiding or showing it: for platform administrators (`ModerationPages`).
        var moderateHref: String? = nil
    }

    struct Fact: Sendable {
        let label: String
        let value: String
    }

    /// The year's 揭榜挂帅 list.
    struct Challenges: Sendable {
        let year: Int
        let items: [Challenge]
        let previous: Int
        let next: Int
    }

    struct Challenge: Sendable {
        let href: String
        let title: String
        let city: String
        let reward: String
        let deadline: String
        let state: String
        let fields: String
    }
}
