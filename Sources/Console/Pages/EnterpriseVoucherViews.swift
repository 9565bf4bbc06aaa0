/// The view models of the voucher wallet (enterprise-vouchers.mustache) and of opening a
/// redemption (enterprise-redeem.mustache).
enum EnterpriseVoucherViews {
    struct Wallet: Sendable {
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
        /// The amount typed into a refused application.
        var amount: String?
        var cards: [Card] = []
        var vouchers: [Voucher] = []
        var applications: [Application] = []
        var redemptions: [Redemption] = []
    }

    /// One of the balance totals at the top.
    struct Card: Sendable {
        let label: String
        let value: String
    }

    struct Voucher: Sendable {
        let number: String
        let face: String
        let validUntil: String
        let status: String
        let city: String
        let available: String
        let held: String
        let captured: String
        let expired: String
        /// The redeem link, for an active voucher with money left.
        let redeem: String?
    }

    struct Application: Sendable {
        let year: Int
        let amount: String
        let date: String
        let status: String
        let reason: String
    }

    struct Redemption: Sendable {
        let id: Int64
        let action: String
        let voucher: String
        let provider: String
        let city: String
        let contract: String
        let category: String
        let contractValue: String
        let voucherPart: String
        let mode: String
        let status: String
        let review: Bool
        let canAccept: Bool
        let canDispute: Bool
        let canCancel: Bool
        let acceptBy: String?
        /// A refused step on this redemption.
        let error: String?
    }

    /// What was typed into the redeem form (the provider, category and mode chosen included).
    struct Typed: Sendable {
        var provider: String?
        var technologyContract = ""
        var contractNumber: String?
        var category: String
        var contractValue: String?
        var mode: String
        var invoice: String?
        var key: String?
    }

    struct Redeem: Sendable {
        /// The enterprise's signed technology contracts a voucher may pay into.
        let technologyContracts: [Choice]
        let contractNumber: String?
        let contractValue: String?
        let invoice: String?
        let key: String
        let formError: String?
        let errors: FieldErrors?
        let action: String
        let voucher: String
        let available: String
        let cities: [Choice]
        let filterCategories: [Choice]
        let filterCity: String
        let filterCategory: String
        /// The provider search's text (name, city or category), kept through a refused form.
        let filterQuery: String
        let categories: [Choice]
        let providers: [Choice]
        let providerCount: Int
        let modes: [Check]
    }
}
