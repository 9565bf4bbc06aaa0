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
        case .voucherApplicationAwaitingDecision: .workflow
        }
    }
}
