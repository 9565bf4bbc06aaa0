/// The view models of the voucher policies (city-policies.mustache) and the policy editor
/// (city-policy-form.mustache).
extension CityPages {
    struct PoliciesView: Sendable {
        let rows: [PolicyRow]
        let canCreate: Bool
    }

    struct PolicyRow: Sendable {
        let id: Int64
        let city: String
        let year: Int
        let version: Int
        let current: Bool
        let budget: String
        let unit: String
        let cap: String
        let categories: String
        let eligibility: String
        let validUntil: String
        let holdHours: Int
        let contractRule: String
        let modes: String
        let providerCities: String
        let created: String
        /// The editor for an amendment, when the viewer may amend this version.
        let amendHref: String?
    }

    struct PolicyEditorView: Sendable {
        let year: String
        let budget: String
        let unit: String
        let cap: String
        let validUntil: String
        let holdHours: String
        let categories: [CategoryRatio]
        let qualifications: [Check]
        let bands: [Choice]
        let modes: [Check]
        let contractRules: [Choice]
        let cities: [Check]
        let formError: String?
        let errors: FieldErrors?
        let action: String
        let amending: Bool
        let amendingNote: String?
    }

    /// A service category and the share of a contract the voucher pays for it (percent).
    struct CategoryRatio: Sendable {
        let value: String
        let label: String
        let ratio: String
    }
}
