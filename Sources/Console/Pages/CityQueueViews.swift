/// The view models of the approval queues (city-queue.mustache with city-provider-row.mustache)
/// and the flagged redemptions (city-anomalies.mustache).
extension CityPages {
    /// What was typed into a row's refused form.
    struct Typed: Sendable {
        var reason: String?
        var amount: String?
        var reference: String?
        var paymentReference: String?
    }

    /// The failed row's errors (empty when the refusal names no field) and typed values; both
    /// nil on every other row, whose `{{errors.x}}` and `{{typed.x}}` then read nothing (the
    /// page sets neither).
    struct RowErrors: Sendable {
        var errors: FieldErrors?
        var typed: Typed?
    }

    /// A refused action on one row: the row shows the errors and what was typed.
    struct RowFailure {
        var kind: String
        var id: Int64
        var errors: FormFailure
        var values = Typed()
    }

    /// The row's part of a failure: its errors and typed values, or nothing.
    static func failed(_ failure: RowFailure?, _ kind: String, _ id: Int64) -> RowErrors {
        guard let failure, failure.kind == kind, failure.id == id else { return RowErrors() }
        return RowErrors(errors: failure.errors.errors ?? .empty, typed: failure.values)
    }

    struct QueueView: Sendable {
        let applications: [ApplicationRow]
        let reviewing: [ProviderRow]
        let registered: [ProviderRow]
        let challenges: [ChallengeRow]
        let hasApplications: Bool
        let hasReviewing: Bool
        let hasRegistered: Bool
        let hasChallenges: Bool
        let formError: String?
        let canDecideVouchers: Bool
    }

    struct ApplicationRow: Sendable {
        let id: Int64
        let enterprise: String
        let year: Int
        let city: String
        let amount: String
        let amountValue: String
        let created: String
        let errors: FieldErrors?
        let typed: Typed?
    }

    struct ProviderRow: Sendable {
        let id: Int64
        let name: String
        let city: String
        let categories: String
        let status: String
        let applied: String
        let noticeEnds: String?
        let noticeRunning: Bool
        let objections: [Objection]
        let actions: [ProviderActionChoice]
        let canAct: Bool
        let errors: FieldErrors?
        let typed: Typed?
    }

    struct Objection: Sendable {
        let by: String
        let reason: String
        let at: String
        let resolution: String?
    }

    /// A step the city may take on a provider; the dangerous ones look so.
    struct ProviderActionChoice: Sendable {
        let value: String
        let label: String
        let danger: Bool
    }

    struct ChallengeRow: Sendable {
        let id: Int64
        let title: String
        let href: String
        let owner: String
        let city: String
        let reward: String
        let deadline: String
        let year: Int
        let errors: FieldErrors?
        let typed: Typed?
    }

    struct AnomaliesView: Sendable {
        let rows: [AnomalyRow]
        let formError: String?
    }

    struct AnomalyRow: Sendable {
        let id: Int64
        let voucher: String
        let contract: String
        let enterprise: String
        let issuingCity: String
        let provider: String
        let providerCity: String
        let category: String
        let mode: String
        let contractAmount: String
        let voucherAmount: String
        let status: String
        let review: String
        let flags: [String]
        let created: String
        let canReview: Bool
        let errors: FieldErrors?
        let typed: Typed?
    }
}
