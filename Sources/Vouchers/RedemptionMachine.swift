import Kernel

/// The redemption lifecycle as a pure state machine (issue 15): (state, event, the actor's
/// standing towards the parties) → whose step it is, the next status and review, and the actions
/// the service applies inside its write transaction; or the refusal, in the order the rules
/// check them (who → separation of duties → state → the step's own conditions). No I/O: what
/// needs the database or the clock (the hold's deadline, new fraud reasons, the settlement
/// batch's payment) arrives as facts inside the event.
enum RedemptionMachine {
    typealias Status = Redemption.Status
    typealias Review = Redemption.Review
    typealias Party = Parties.Party

    struct State: Hashable, Sendable {
        var status: Status
        var review: Review
        var mode: RedemptionMode
        /// The enterprise accepted while a review was pending (capture follows the approval).
        var accepted: Bool
        /// Why it is under review (named by a `review_pending` refusal).
        var flags: [String] = []
    }

    /// How a dispute is decided; a part payment is in range when above zero and below the voucher part.
    enum Ruling: Hashable, Sendable {
        case payFull
        case payPart(inRange: Bool)
        case cancel
    }

    /// Where the captured money stands for a reversal.
    enum Settlement: Hashable, Sendable, CaseIterable {
        /// In no batch: the payable returns to the budget.
        case unsettled
        /// In a batch not yet paid: refused until paid.
        case awaitingPayment
        /// Paid: the payee owes it back (a receivable).
        case paid
    }

    /// A step by a party (`RedemptionStep.Kind`), with the facts the rules need. `reason`: a
    /// reason was given.
    enum Event: Hashable, Sendable {
        case confirm(holdLapsed: Bool, flagged: Bool)
        case accept(flagged: Bool)
        case dispute(reason: Bool)
        case cancel
        case approveReview
        case rejectReview(reason: Bool)
        case approveClaim
        case rejectClaim(reason: Bool)
        case decideDispute(reason: Bool, ruling: Ruling?)
        case reverse(reason: Bool, settlement: Settlement)

        var kind: RedemptionStep.Kind {
            switch self {
            case .confirm: .confirm
            case .accept: .accept
            case .dispute: .dispute
            case .cancel: .cancel
            case .approveReview: .approveReview
            case .rejectReview: .rejectReview
            case .approveClaim: .approveClaim
            case .rejectClaim: .rejectClaim
            case .decideDispute: .decideDispute
            case .reverse: .reverse
            }
        }
    }

    /// What happens without a party: the clock, or the voucher's revocation.
    enum Automatic: Hashable, Sendable, CaseIterable {
        /// A 通兑 hold past its deadline, never confirmed.
        case holdLapsed
        /// A delivery neither accepted nor disputed by its acceptance day (silence accepts).
        case acceptanceDayPassed
        /// The issuing city revoked the voucher.
        case voucherRevoked
    }

    /// How the actor stands to one party of the redemption.
    enum Access: Hashable, Sendable, CaseIterable {
        /// Holds no permission for that party's steps.
        case none
        /// Holds the permission, but for another organisation (an administrator standing in).
        case outsider
        /// Holds the permission and belongs to the party (or is the platform's own job).
        case member
    }

    /// The actor, relative to this redemption.
    struct Role: Hashable, Sendable {
        var enterprise: Access
        var provider: Access
        /// May review for the issuing city.
        var city: Bool
        /// A signed-in user (not the platform's own job): with provider membership, a cancel is the provider's.
        var user: Bool
        /// The steps this user took earlier on this redemption, in order, with the party each was for.
        var earlier: [Act] = []
    }

    struct Act: Hashable, Sendable {
        var party: Party
        var step: String
    }

    /// What the service does, in this order.
    enum Action: Hashable, Sendable {
        /// reason := the reason given (none clears it).
        case recordReason
        /// The invoice number checked, unused elsewhere, and kept.
        case recordInvoice
        /// acceptBy := now + the policy's acceptance days.
        case setAcceptanceDay
        /// The new fraud reasons appended.
        case addFlags
        /// acceptedAt := now.
        case markAccepted
        /// held → payable to the payee; capturedAt := now.
        case capture
        /// The whole hold back to the voucher (or, the voucher no longer active, to the budget).
        case release
        /// Part payment: the rest of the hold back, the voucher part becomes the amount paid.
        case releaseRest
        /// Not yet settled: the payable back to the budget.
        case reverse
        /// Settled: the payee owes it back (settled → receivable).
        case clawBack
    }

    struct Transition: Hashable, Sendable {
        /// Whose step it was (recorded with the user who took it); nil when nobody acted.
        var party: Party?
        var status: Status
        var review: Review
        var actions: [Action]
    }

    typealias Decision = Result<Transition, DomainError>
}

extension RedemptionMachine {
    /// A party's step.
    static func decide(_ state: State, _ event: Event, by role: Role) -> Decision {
        do { return .success(try transition(state, event, by: role)) } catch { return .failure(error) }
    }

    /// What follows from the clock or the voucher's revocation; a refusal means nothing to do.
    static func decide(_ state: State, _ event: Automatic) -> Decision {
        do {
            switch event {
            case .holdLapsed:
                try from(state, [.held])
                return .success(Transition(party: nil, status: .released, review: state.review, actions: [.release]))
            case .acceptanceDayPassed:
                try from(state, [.delivered])
                try reviewed(state)
                return .success(
                    Transition(party: .system, status: .captured, review: state.review, actions: [.capture]))
            case .voucherRevoked:
                try from(state, [.held, .delivered, .disputed, .claimed])
                return .success(
                    Transition(party: nil, status: .released, review: state.review, actions: [.recordReason, .release]))
            }
        } catch { return .failure(error) }
    }

    private static func transition(_ state: State, _ event: Event, by role: Role) throws(DomainError) -> Transition {
        let step = event.kind.rawValue
        /// The step belongs to `party`: the actor holds its permission, belongs to it (enterprise,
        /// provider) and has not acted for another party of this redemption.
        func take(_ party: Party) throws(DomainError) -> Party {
            switch party {
            case .enterprise, .provider:
                let access = party == .enterprise ? role.enterprise : role.provider
                guard access != .none else { throw VoucherError.forbidden }
                guard access == .member else { throw VoucherError.notYourParty }
            case .city, .system:
                guard role.city else { throw VoucherError.forbidden }
            }
            if let earlier = role.earlier.first(where: { $0.party != party }) {
                throw VoucherError.samePerson(step: step, earlier: earlier.step)
            }
            return party
        }
        func need(_ reason: Bool) throws(DomainError) {
            guard reason else { throw VoucherError.reasonRequired }
        }
        func moves(_ party: Party, _ status: Status, review: Review? = nil, _ actions: [Action]) -> Transition {
            Transition(party: party, status: status, review: review ?? state.review, actions: actions)
        }
        switch event {
        case .confirm(let holdLapsed, let flagged):
            let party = try take(.provider)
            try from(state, [.held])
            // The deadline is checked here, by the clock, not left to the sweeper.
            guard !holdLapsed else { throw VoucherError.holdExpired }
            return moves(
                party, .delivered, review: flagged ? .pending : nil,
                [.recordInvoice, .setAcceptanceDay] + (flagged ? [.addFlags] : []))
        case .accept(let flagged):
            let party = try take(.enterprise)
            try from(state, [.delivered, .disputed])
            // Under review, the acceptance is kept and capture follows the city's approval.
            if flagged { return moves(party, .delivered, review: .pending, [.markAccepted, .addFlags]) }
            guard isReviewed(state) else { return moves(party, .delivered, [.markAccepted]) }
            return moves(party, .captured, [.markAccepted, .capture])
        case .dispute(let reason):
            let party = try take(.enterprise)
            try from(state, [.delivered])
            try need(reason)
            return moves(party, .disputed, [.recordReason])
        case .cancel:
            // The enterprise withdraws before delivery (or its own 通用 claim); the provider (通兑
            // only) withdraws before acceptance. After delivery the enterprise accepts or disputes.
            let party: Party
            if role.user, role.provider == .member {
                guard state.mode == .tongdui else { throw VoucherError.notYourParty }
                party = try take(.provider)
                try from(state, [.held, .delivered])
            } else {
                party = try take(.enterprise)
                try from(state, [.held, .claimed])
            }
            return moves(party, .cancelled, [.recordReason, .release])
        case .approveReview, .rejectReview:
            let party = try take(.city)
            guard state.review == .pending else { throw VoucherError.noReviewPending }
            try from(state, [.held, .delivered, .disputed, .claimed])
            if case .rejectReview(let reason) = event {
                try need(reason)
                return moves(party, .rejected, review: .rejected, [.recordReason, .release])
            }
            guard state.status == .delivered, state.accepted else {
                return moves(party, state.status, review: .approved, [])
            }
            return moves(party, .captured, review: .approved, [.capture])
        case .approveClaim:
            let party = try take(.city)
            try from(state, [.claimed])
            try reviewed(state)
            return moves(party, .captured, [.capture])
        case .rejectClaim(let reason):
            let party = try take(.city)
            try from(state, [.claimed])
            try need(reason)
            return moves(party, .rejected, [.recordReason, .release])
        case .decideDispute(let reason, let ruling):
            let party = try take(.city)
            try from(state, [.disputed])
            try need(reason)
            switch ruling {
            case nil: throw VoucherError.outcomeRequired
            case .payFull:
                try reviewed(state)
                return moves(party, .captured, [.recordReason, .capture])
            case .payPart(let inRange):
                guard inRange else { throw VoucherError.partOutOfRange }
                try reviewed(state)
                return moves(party, .captured, [.recordReason, .releaseRest, .capture])
            case .cancel:
                return moves(party, .cancelled, [.recordReason, .release])
            }
        case .reverse(let reason, let settlement):
            let party = try take(.city)
            try from(state, [.captured])
            try need(reason)
            switch settlement {
            case .unsettled: return moves(party, .reversed, [.recordReason, .reverse])
            case .awaitingPayment: throw VoucherError.settlementPending
            case .paid: return moves(party, .reversed, [.recordReason, .clawBack])
            }
        }
    }

    private static func from(_ state: State, _ allowed: [Status]) throws(DomainError) {
        guard allowed.contains(state.status) else {
            throw VoucherError.wrongState("redemption", state: state.status.rawValue, allowed: allowed.map(\.rawValue))
        }
    }

    static func isReviewed(_ state: State) -> Bool { state.review == .none || state.review == .approved }

    /// Capture waits for the city's review of a flagged redemption.
    private static func reviewed(_ state: State) throws(DomainError) {
        guard isReviewed(state) else { throw VoucherError.reviewPending(flags: state.flags) }
    }
}
