/// The view models of an enterprise's needs: the list (enterprise-needs.mustache), the form
/// (enterprise-need-form.mustache) and the matches (enterprise-matches.mustache).
enum EnterpriseNeedViews {
    struct List: Sendable {
        let items: [Need]
        let hasItems: Bool
        let notice: String?
    }

    struct Need: Sendable {
        let href: String
        let matches: String
        let title: String
        let fields: String
        let budget: String
        let deadline: String
        let status: String
    }

    /// What was typed into the form, shown again after a refusal.
    struct Typed: Sendable {
        var title = ""
        var description = ""
        var fields: [String] = []
        var budgetMin = ""
        var budgetMax = ""
        var negotiable = false
        var deadline = ""
        var mode = ""
        var keywords = ""
    }

    struct Form: Sendable {
        var title: String?
        var description: String?
        var budgetMin: String?
        var budgetMax: String?
        var negotiable: Bool?
        var deadline: String?
        var keywords: String?
        var formError: String?
        var errors: FieldErrors?
        var fieldChoices: [Check]
        var modes: [Choice]
        var today: String
    }

    struct Matches: Sendable {
        let need: String
        let needHref: String
        let action: String
        let feedback: String
        /// The candidate kind shown; the feedback forms of every match send it back.
        let kind: String
        let items: [Match]
        let kinds: [Choice]
        let queryTerms: String?
        let notice: String?
    }

    struct Match: Sendable {
        let rank: Int
        let href: String?
        let title: [Segment]
        let snippet: [Segment]
        let hasSnippet: Bool
        let organization: String
        let city: String
        let fields: String
        let score: String
        /// The match's explanation as a bar chart (SVG, rendered unescaped).
        let chart: String
        let terms: String
        let dismissed: Bool
        let candidateKind: String
        let candidateId: Int64
        /// Asking the listing's owner to connect about this match (patents and achievements).
        var connect: String? = nil
    }
}
