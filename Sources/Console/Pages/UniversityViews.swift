import Mustache

/// The view models of the university pages: the portfolio (university-portfolio.mustache),
/// matches (university-matches.mustache), applications (university-applications.mustache)
/// and the import (university-import.mustache).
enum UniversityViews {
    struct Portfolio: Sendable {
        let organization: String
        let patents: [Patent]
        let achievements: [Achievement]
        let hasPatents: Bool
        let hasAchievements: Bool
        let patentsNext: String?
        let achievementsNext: String?
        let canImport: Bool
    }

    struct Patent: Sendable {
        let href: String
        let title: String
        let number: String
        let status: String
        let fields: String
        let updated: String
        /// The matches page, when the viewer may see matches.
        let matches: String?
        /// The edit page, when the viewer may edit (issue 18).
        var edit: String? = nil
    }

    struct Achievement: Sendable {
        let href: String
        let title: String
        let trl: Int
        let status: String
        let fields: String
        let updated: String
        let matches: String?
        var edit: String? = nil
    }

    struct Matches: Sendable {
        let kind: String
        let subject: String
        let subjectHref: String
        let action: String
        let kinds: [Choice]
        let items: [Match]
        let queryTerms: String
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
        let terms: String
        let dismissed: Bool
        /// The explanation as a bar chart (SVG, rendered unescaped).
        let chart: String
        /// Asking the need's enterprise to connect about this match (needs only).
        var connect: String? = nil
    }

    struct Applications: Sendable {
        let applications: [Application]
        let notice: String?
        let formError: String?
    }

    struct Application: Sendable {
        let id: Int64
        let title: String
        let href: String
        let status: String
        let state: String
        let budget: String
        let score: String
        let submitted: String
        let awarded: Bool
        let pending: Bool
        let tranches: [Tranche]
        let milestones: [Milestone]
        let hasMilestones: Bool
        /// Where a milestone is submitted, when one may be.
        let action: String?
        /// Where the application is withdrawn, while it may be.
        let withdraw: String?
        /// A refused milestone of this application: its errors, summary and what was typed.
        let errors: FieldErrors?
        let formError: RowMessage
        let deliverable: String?
    }

    struct Tranche: Sendable {
        let name: String
        let amount: String
        let payable: Bool
    }

    struct Milestone: Sendable {
        let tranche: String
        let deliverable: String
        let status: String
        let reason: String?
        let date: String
    }

    struct Import: Sendable {
        var formError: String?
        var errors: FieldErrors?
        var report: Report?
        var modes: [Mode] = []
        var encodings: [Choice] = []
        var limit = 0
    }

    /// A radio button of the import mode, with its element id.
    struct Mode: Sendable {
        let value: String
        let id: String
        let checked: Bool
        let label: String
    }

    /// What an import did.
    struct Report: Sendable {
        let rows: Int
        let created: Int
        let updated: Int
        let unchanged: Int
        let invalid: Int
        let committed: Bool
        let rejected: Bool
        let nothing: Bool
        let rowErrors: [RowError]
        let hasRowErrors: Bool
        let truncated: Bool
        let format: String
        let encoding: String
    }

    struct RowError: Sendable {
        let row: Int
        let line: Int
        let field: String
        let code: String
        let message: String
    }
}

/// A message that belongs to one row: when there is none it still hides the section, and a
/// `{{#formError}}` inside the row does not fall back to the page's message of the same name.
struct RowMessage: MustacheCustomRenderable, Sendable {
    let text: String?

    var renderText: String { text ?? "" }
    var isNull: Bool { text == nil }
}
