/// The view models of technology contracts: the list (contracts.mustache), the draft and amend
/// form (contract-form.mustache), a contract (contract.mustache) and the city's registration
/// queue (city-registrations.mustache).
enum ContractViews {
    struct List: Sendable {
        let items: [Row]
        let hasItems: Bool
        let next: String?
    }

    struct Row: Sendable {
        let id: Int64
        let href: String
        let title: String
        let party: String
        let other: String
        let type: String
        let value: String
        let status: String
        let statusValue: String
        let number: String?
        let updated: String
    }

    /// The terms as typed: a new draft from a connection, or changed terms of a contract.
    struct Form: Sendable {
        let action: String
        let heading: String
        let submit: String
        let cancel: String
        let connection: Int64?
        let buyer: String
        let seller: String
        let references: String?
        var title: String?
        var types: [Choice]
        var exclusive: Bool
        var value: String?
        var instalments: [Instalment]
        var termStart: String?
        var termEnd: String?
        var fileSha256: String?
        var formError: String?
        var errors: FieldErrors?
    }

    /// One row of the payment plan: typed, or as the terms say.
    struct Instalment: Sendable {
        let number: Int
        let dueOn: String
        let amount: String
    }

    struct Detail: Sendable {
        let id: Int64
        let title: String
        let buyer: String
        let seller: String
        let type: String
        let exclusive: Bool
        let value: String
        let paid: String
        let status: String
        let statusValue: String
        let version: Int
        let termsHash: String
        let term: String
        let fileSha256: String?
        let instalments: [Instalment]
        let payments: [Payment]
        let hasPayments: Bool
        let registrationNumber: String?
        let registeredAt: String?
        let appliedAt: String?
        let returnedReason: String?
        let confirmations: [Confirmation]
        let amendment: Amendment?
        let terminationReason: String?
        let history: [Event]
        let origin: String?
        let steps: Steps
        let hasSteps: Bool
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
        var typed: Typed
    }

    /// Which step forms the viewer sees: the domain's answer (`ContractService.availableSteps`).
    struct Steps: Sendable {
        let confirm: Bool
        let amend: String?
        let cancel: Bool
        let applyRegistration: Bool
        let register: Bool
        let returnRegistration: Bool
        let recordPayment: Bool
        let complete: Bool
        let terminate: Bool
        let proposeAmendment: String?
        let confirmAmendment: Bool
        /// A draft without the file's hash cannot be confirmed: said instead of the button.
        let notSignable: Bool
    }

    /// What was typed into a step's form, shown again with its refusal.
    struct Typed: Sendable {
        var amount = ""
        var paidOn = ""
        var reason = ""
    }

    struct Payment: Sendable {
        let paidOn: String
        let amount: String
        let instalment: String
    }

    struct Confirmation: Sendable {
        let party: String
        let confirmed: Bool
        let at: String?
    }

    struct Amendment: Sendable {
        let termsHash: String
        let proposedBy: String
        let value: String
        let title: String
        let confirmations: [Confirmation]
    }

    struct Event: Sendable {
        let step: String
        let party: String
        let version: Int
        let at: String
        let reason: String?
    }

    struct Queue: Sendable {
        let items: [QueueRow]
        let hasItems: Bool
        let registered: [Row]
        let hasRegistered: Bool
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
        var failedID: Int64?
    }

    struct QueueRow: Sendable {
        let id: Int64
        let href: String
        let title: String
        let buyer: String
        let seller: String
        let type: String
        let value: String
        let appliedAt: String
        let termsHash: String
    }
}
