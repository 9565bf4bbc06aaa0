/// The view model of the city's cases (city-cases.mustache).
extension CityPages {
    struct CasesView: Sendable {
        let requests: [CertificationRow]
        let disputes: [DisputeRow]
        let vouchers: [VoucherRow]
        let receivables: [ReceivableRow]
        let notice: String?
        let formError: String?
    }

    struct CertificationRow: Sendable {
        let id: Int64
        let organization: String
        let attribute: String
        let value: String
        let number: String
        let validUntil: String
        let requested: String
        let errors: FieldErrors?
        let typed: Typed?
    }

    struct DisputeRow: Sendable {
        let id: Int64
        let voucher: String
        let contract: String
        let enterprise: String
        let provider: String
        let voucherAmount: String
        let objection: String
        let outcomes: [Outcome]
        let errors: FieldErrors?
        let typed: Typed?
    }

    /// A decision the city may give on a dispute.
    struct Outcome: Sendable {
        let value: String
        let label: String
    }

    struct VoucherRow: Sendable {
        let id: Int64
        let number: String
        let enterprise: String
        let city: String
        let face: String
        let available: String
        let held: String
        let errors: FieldErrors?
        let typed: Typed?
    }

    struct ReceivableRow: Sendable {
        let id: Int64
        let payee: String
        let city: String
        let year: Int
        let owed: String
        let errors: FieldErrors?
        let typed: Typed?
    }
}
