/// The view model of the provider's page (provider-home.mustache): its registry entry, the
/// application form, and the redemptions made with it.
enum ProviderViews {
    struct Home: Sendable {
        let organization: String
        /// The registry entry; nil before the organisation applied.
        let registry: Registry?
        let registered: Bool
        let canApply: Bool
        let apply: Apply
        let rows: [Redemption]
        let next: String?
        let formError: String?
    }

    struct Registry: Sendable {
        let status: String
        let statusCode: String
        let categories: String
        let city: String
        let noticeEnds: String?
        let hasObjections: Bool
        let objections: [Objection]
        let history: [Event]
    }

    struct Objection: Sendable {
        let reason: String
        let at: String
        let resolution: String?
    }

    /// A step of the entry's history, newest first.
    struct Event: Sendable {
        let status: String
        let at: String
        let reason: String?
    }

    /// The application form: the categories (those chosen before a refusal checked) and the refusal.
    struct Apply: Sendable {
        let categories: [Check]
        let formError: String?
        let errors: FieldErrors?
    }

    struct Redemption: Sendable {
        let id: Int64
        let voucher: String
        let contract: String
        let enterprise: String
        let issuingCity: String
        let category: String
        let mode: String
        let contractAmount: String
        let voucherAmount: String
        let status: String
        let invoice: String?
        let holdExpires: String?
        let created: String
        let reason: String?
        let canConfirm: Bool
        let canCancel: Bool
        /// A refused step on this redemption, and the invoice number typed.
        let errors: FieldErrors?
        let typedInvoice: String?
    }
}
