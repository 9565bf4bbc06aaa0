import Kernel

/// The contract lifecycle as a pure state machine (issue 16): (state, event, the actor's
/// standing) → the next status and the actions the service applies inside its write, or the
/// refusal, checked in this order: who → state → the step's own conditions. No I/O: what needs
/// the database (the amount left to pay) arrives as facts inside the event.
///
///   draft → signed (both parties confirmed the same terms hash) | cancelled (a party)
///   signed → registration_applied (the seller) → registered (the seller city's clerk, with a
///     number) or back to signed (the clerk, with a reason)
///   signed | registered → performing (the first payment) → completed (all paid, or a party)
///   signed | registered | performing → terminated (a party, with a reason); amendments after
///     signature are proposed and confirmed by both, by hash, while the signed version stands
enum ContractMachine {
    typealias Status = ContractStatus
    typealias Party = ContractParty

    struct State: Hashable, Sendable {
        var status: Status
        /// The hash of the current terms.
        var termsHash: String
        /// The parties whose confirmation binds to `termsHash`.
        var confirmed: Set<Party>
        /// The file hash is known (a draft without it cannot be signed).
        var termsComplete: Bool
        /// An amendment proposed after signature: its hash and who confirmed it.
        var amendment: AmendmentState?
    }

    struct AmendmentState: Hashable, Sendable {
        var termsHash: String
        var confirmed: Set<Party>
    }

    enum Event: Hashable, Sendable {
        /// New terms for a draft.
        case amend
        case confirm(termsHash: String)
        case cancel
        case applyRegistration
        case register
        case returnRegistration(reason: Bool)
        /// A payment of `amountFen` when `remainingFen` of the value is still unpaid.
        case recordPayment(amountFen: Int64, remainingFen: Int64)
        case complete
        case terminate(reason: Bool)
        case proposeAmendment
        case confirmAmendment(termsHash: String)

        var name: String {
            switch self {
            case .amend: "amend"
            case .confirm: "confirm"
            case .cancel: "cancel"
            case .applyRegistration: "apply_registration"
            case .register: "register"
            case .returnRegistration: "return_registration"
            case .recordPayment: "record_payment"
            case .complete: "complete"
            case .terminate: "terminate"
            case .proposeAmendment: "propose_amendment"
            case .confirmAmendment: "confirm_amendment"
            }
        }
    }

    enum Action: Hashable, Sendable {
        /// The draft's terms replaced; both confirmations cleared; listings brought in step.
        case replaceTerms
        /// The acting party's confirmation of the current hash.
        case recordConfirmation
        /// signedAt := now; a need named closes.
        case sign
        /// Listings no longer named by a live contract go back to listed.
        case releaseListings
        case markApplied
        /// The next number of the seller's city and year.
        case assignNumber
        case recordReturn
        case recordPayment
        /// completedAt := now; listings transferred (transfer, exclusive licence) or released.
        case completeListings
        case recordTermination
        /// amendment := the proposal, with the proposer's confirmation.
        case recordAmendment
        case recordAmendmentConfirmation
        /// terms := the amendment's; version + 1; listings brought in step.
        case adoptAmendment
    }

    struct Transition: Hashable, Sendable {
        /// Who acted: `buyer`, `seller` or `clerk`.
        var actor: String
        var status: Status
        var actions: [Action]
    }

    typealias Decision = Result<Transition, DomainError>

    static let running: [Status] = [.signed, .registered, .performing]

    static func decide(_ state: State, _ event: Event, by role: ContractRole) -> Decision {
        do { return .success(try transition(state, event, by: role)) } catch { return .failure(error) }
    }

    private static func transition(
        _ state: State, _ event: Event, by role: ContractRole
    ) throws(DomainError)
        -> Transition
    {
        switch event {
        case .register, .returnRegistration:
            try ContractAccess.requireClerk(role)
            try from(state, [.registrationApplied])
            if case .returnRegistration(let reason) = event {
                guard reason else { throw DealsError.reasonRequired }
                return Transition(actor: "clerk", status: .signed, actions: [.recordReturn])
            }
            return Transition(actor: "clerk", status: .registered, actions: [.assignNumber])
        case .applyRegistration:
            let party = try ContractAccess.requireParty(role)
            guard party == .seller else { throw DealsError.notTheSeller }
            try from(state, [.signed])
            return Transition(actor: party.rawValue, status: .registrationApplied, actions: [.markApplied])
        default:
            break
        }
        let party = try ContractAccess.requireParty(role)
        func to(_ status: Status, _ actions: [Action]) -> Transition {
            Transition(actor: party.rawValue, status: status, actions: actions)
        }
        switch event {
        case .amend:
            try from(state, [.draft])
            return to(.draft, [.replaceTerms])
        case .confirm(let hash):
            try from(state, [.draft])
            guard hash == state.termsHash else { throw DealsError.termsChanged(current: state.termsHash) }
            guard state.termsComplete else { throw DealsError.notSignable }
            return state.confirmed.contains(party.other)
                ? to(.signed, [.recordConfirmation, .sign]) : to(.draft, [.recordConfirmation])
        case .cancel:
            try from(state, [.draft])
            return to(.cancelled, [.releaseListings])
        case .recordPayment(let amount, let remaining):
            try from(state, running)
            guard amount > 0 else { throw DealsError.paymentNotPositive }
            guard amount <= remaining else { throw DealsError.paymentExceedsValue(remaining: remaining) }
            return amount == remaining
                ? to(.completed, [.recordPayment, .completeListings]) : to(.performing, [.recordPayment])
        case .complete:
            try from(state, [.performing])
            return to(.completed, [.completeListings])
        case .terminate(let reason):
            try from(state, running)
            guard reason else { throw DealsError.reasonRequired }
            return to(.terminated, [.recordTermination, .releaseListings])
        case .proposeAmendment:
            try from(state, running)
            return to(state.status, [.recordAmendment])
        case .confirmAmendment(let hash):
            try from(state, running)
            guard let amendment = state.amendment else { throw DealsError.noAmendment }
            guard hash == amendment.termsHash else { throw DealsError.termsChanged(current: amendment.termsHash) }
            return amendment.confirmed.contains(party.other)
                ? to(state.status, [.recordAmendmentConfirmation, .adoptAmendment])
                : to(state.status, [.recordAmendmentConfirmation])
        case .register, .returnRegistration, .applyRegistration:
            preconditionFailure("handled above")
        }
    }

    private static func from(_ state: State, _ allowed: [Status]) throws(DomainError) {
        guard allowed.contains(state.status) else {
            throw DealsError.wrongState("contract", state: state.status.rawValue, allowed: allowed.map(\.rawValue))
        }
    }
}
