/// What someone is told about: one case per kind of notification event, shared by the modules
/// that record events (in their write transactions) and the one that delivers them.
public enum EventKind: String, Codable, CaseIterable, Sendable {
    // Vouchers: who must act next on a redemption, or what became of it.
    case redemptionAwaitingConfirmation = "redemption.awaiting_confirmation"
    case redemptionAwaitingAcceptance = "redemption.awaiting_acceptance"
    case redemptionAwaitingReview = "redemption.awaiting_review"
    case redemptionAwaitingRuling = "redemption.awaiting_ruling"
    case redemptionAwaitingClaimDecision = "redemption.awaiting_claim_decision"
    case redemptionSettled = "redemption.settled"
    case redemptionClosed = "redemption.closed"
    // Vouchers: applications.
    case voucherApplicationAwaitingDecision = "voucher_application.awaiting_decision"
    case voucherApplicationDecided = "voucher_application.decided"
    // Deals: connections between organisations.
    case connectionRequested = "connection.requested"
    case connectionAccepted = "connection.accepted"
    case connectionDeclined = "connection.declined"
    case connectionBlocked = "connection.blocked"
    case connectionWithdrawn = "connection.withdrawn"
    case connectionMessage = "connection.message"
    // Deals: technology contracts, step by step.
    case contractCreated = "contract.create"
    case contractAmended = "contract.amend"
    case contractConfirmed = "contract.confirm"
    case contractSigned = "contract.signed"
    case contractCancelled = "contract.cancel"
    case contractRegistrationApplied = "contract.apply_registration"
    case contractRegistered = "contract.register"
    case contractRegistrationReturned = "contract.return_registration"
    case contractPaymentRecorded = "contract.record_payment"
    case contractCompleted = "contract.complete"
    case contractTerminated = "contract.terminate"
    case contractAmendmentProposed = "contract.propose_amendment"
    case contractAmendmentConfirmed = "contract.confirm_amendment"
    /// An organisation registered itself, or resubmitted its registration: its city verifies (issue 18).
    case registrationSubmitted = "registration.submitted"
    /// The city verified or rejected an organisation's registration (issue 18).
    case registrationDecided = "registration.decided"
    /// New listings match a saved search (issue 17).
    case savedSearchMatched = "saved_search.matched"
    /// A new need matches a subscriber's portfolio, or new supply a subscriber's need (issue 17).
    case matchFound = "match.found"

    /// How it is delivered unless the person chose otherwise.
    public enum Category: String, Codable, CaseIterable, Sendable {
        /// A step that moves or holds public money: at once, in the inbox and by e-mail.
        case money
        /// A step someone else waits for: at once, in the inbox.
        case workflow
        /// Something that may interest: in the daily digest.
        case discovery
    }

    public var category: Category {
        switch self {
        case .redemptionAwaitingConfirmation, .redemptionAwaitingAcceptance, .redemptionAwaitingReview,
            .redemptionAwaitingRuling, .redemptionAwaitingClaimDecision, .redemptionSettled, .redemptionClosed,
            .voucherApplicationDecided:
            .money
        case .contractPaymentRecorded: .money
        case .voucherApplicationAwaitingDecision, .connectionRequested, .connectionAccepted, .connectionDeclined,
            .connectionBlocked, .connectionWithdrawn, .connectionMessage, .contractCreated, .contractAmended,
            .contractConfirmed, .contractSigned, .contractCancelled, .contractRegistrationApplied, .contractRegistered,
            .contractRegistrationReturned, .contractCompleted, .contractTerminated, .contractAmendmentProposed,
            .contractAmendmentConfirmed, .registrationSubmitted, .registrationDecided:
            .workflow
        case .savedSearchMatched, .matchFound: .discovery
        }
    }
}
