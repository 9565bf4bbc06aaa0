import Kernel
import Testing
@testable import Vouchers

/// The redemption lifecycle checked exhaustively against a table written here from the rules
/// (`RedemptionStep.Kind`'s documentation and issue 15), not read from the machine: every status
/// × review × mode × acceptance, every step with every combination of its facts, every standing
/// of the actor (and the party a user already acted for). Everything is enumerated from
/// `CaseIterable` and exhaustive switches, so a new status, review, mode, step or standing that
/// the table does not know fails here.
struct RedemptionMachineTests {
    typealias M = RedemptionMachine
    typealias Status = Redemption.Status
    typealias Kind = RedemptionStep.Kind

    static let flags = ["related_party"]

    static let states: [M.State] = Status.allCases.flatMap { status in
        Redemption.Review.allCases.flatMap { review in
            RedemptionMode.allCases.flatMap { mode in
                [false, true].map { M.State(status: status, review: review, mode: mode, accepted: $0, flags: flags) }
            }
        }
    }

    /// Every event of a step, with each combination of the facts it carries.
    static func events(of kind: Kind) -> [M.Event] {
        let bools = [false, true]
        switch kind {
        case .confirm: return bools.flatMap { lapsed in bools.map { .confirm(holdLapsed: lapsed, flagged: $0) } }
        case .accept: return bools.map { .accept(flagged: $0) }
        case .dispute: return bools.map { .dispute(reason: $0) }
        case .cancel: return [.cancel]
        case .approveReview: return [.approveReview]
        case .rejectReview: return bools.map { .rejectReview(reason: $0) }
        case .approveClaim: return [.approveClaim]
        case .rejectClaim: return bools.map { .rejectClaim(reason: $0) }
        case .decideDispute:
            let rulings: [M.Ruling?] = [nil, .payFull, .payPart(inRange: false), .payPart(inRange: true), .cancel]
            return bools.flatMap { reason in rulings.map { .decideDispute(reason: reason, ruling: $0) } }
        case .reverse:
            return bools.flatMap { reason in M.Settlement.allCases.map { .reverse(reason: reason, settlement: $0) } }
        }
    }

    static let events: [M.Event] = Kind.allCases.flatMap(events(of:))

    /// Every standing: towards the enterprise, the provider, the city; a user or the platform's
    /// job; and, for a user, the party of an earlier step of theirs.
    static let roles: [M.Role] = M.Access.allCases.flatMap { enterprise in
        M.Access.allCases.flatMap { provider in
            [false, true].flatMap { city in
                let earlier: [[M.Act]] = [
                    [], [M.Act(party: .enterprise, step: "open")], [M.Act(party: .provider, step: "confirm")],
                    [M.Act(party: .city, step: "approve_review")],
                ]
                return [M.Role(enterprise: enterprise, provider: provider, city: city, user: false)]
                    + earlier.map {
                        M.Role(enterprise: enterprise, provider: provider, city: city, user: true, earlier: $0)
                    }
            }
        }
    }

    /// Whose step each is and the states it leaves from, in the order a refusal lists them.
    static func rule(_ kind: Kind, providerCancels: Bool) -> (party: M.Party, from: [Status]) {
        switch kind {
        case .confirm: (.provider, [.held])
        case .accept: (.enterprise, [.delivered, .disputed])
        case .dispute: (.enterprise, [.delivered])
        case .cancel: providerCancels ? (.provider, [.held, .delivered]) : (.enterprise, [.held, .claimed])
        case .approveReview, .rejectReview: (.city, [.held, .delivered, .disputed, .claimed])
        case .approveClaim, .rejectClaim: (.city, [.claimed])
        case .decideDispute: (.city, [.disputed])
        case .reverse: (.city, [.captured])
        }
    }

    static func expected(_ state: M.State, _ event: M.Event, _ role: M.Role) -> M.Decision {
        let kind = event.kind
        // A signed-in user of the provider cancels as the provider, and only a 通兑 redemption.
        let providerCancels = kind == .cancel && role.user && role.provider == .member
        if providerCancels, state.mode == .tongyong { return .failure(VoucherError.notYourParty) }
        let (party, from) = rule(kind, providerCancels: providerCancels)
        switch party {
        case .enterprise, .provider:
            let access = party == .enterprise ? role.enterprise : role.provider
            if access == .none { return .failure(VoucherError.forbidden) }
            if access == .outsider { return .failure(VoucherError.notYourParty) }
        case .city, .system:
            if !role.city { return .failure(VoucherError.forbidden) }
        }
        if let earlier = role.earlier.first, earlier.party != party {
            return .failure(VoucherError.samePerson(step: kind.rawValue, earlier: earlier.step))
        }
        if kind == .approveReview || kind == .rejectReview, state.review != .pending {
            return .failure(VoucherError.noReviewPending)
        }
        guard from.contains(state.status) else {
            return .failure(
                VoucherError.wrongState("redemption", state: state.status.rawValue, allowed: from.map(\.rawValue)))
        }
        let reviewed = state.review == .none || state.review == .approved
        let pending = VoucherError.reviewPending(flags: flags)
        func to(_ status: Status, review: Redemption.Review? = nil, _ actions: [M.Action]) -> M.Decision {
            .success(M.Transition(party: party, status: status, review: review ?? state.review, actions: actions))
        }
        switch event {
        case .confirm(let lapsed, let flagged):
            if lapsed { return .failure(VoucherError.holdExpired) }
            return flagged
                ? to(.delivered, review: .pending, [.recordInvoice, .setAcceptanceDay, .addFlags])
                : to(.delivered, [.recordInvoice, .setAcceptanceDay])
        case .accept(let flagged):
            if flagged { return to(.delivered, review: .pending, [.markAccepted, .addFlags]) }
            return reviewed ? to(.captured, [.markAccepted, .capture]) : to(.delivered, [.markAccepted])
        case .dispute(let reason):
            return reason ? to(.disputed, [.recordReason]) : .failure(VoucherError.reasonRequired)
        case .cancel:
            return to(.cancelled, [.recordReason, .release])
        case .approveReview:
            return state.status == .delivered && state.accepted
                ? to(.captured, review: .approved, [.capture]) : to(state.status, review: .approved, [])
        case .rejectReview(let reason):
            return reason
                ? to(.rejected, review: .rejected, [.recordReason, .release]) : .failure(VoucherError.reasonRequired)
        case .approveClaim:
            return reviewed ? to(.captured, [.capture]) : .failure(pending)
        case .rejectClaim(let reason):
            return reason ? to(.rejected, [.recordReason, .release]) : .failure(VoucherError.reasonRequired)
        case .decideDispute(let reason, let ruling):
            guard reason else { return .failure(VoucherError.reasonRequired) }
            switch ruling {
            case nil: return .failure(VoucherError.outcomeRequired)
            case .payFull: return reviewed ? to(.captured, [.recordReason, .capture]) : .failure(pending)
            case .payPart(false): return .failure(VoucherError.partOutOfRange)
            case .payPart(true):
                return reviewed ? to(.captured, [.recordReason, .releaseRest, .capture]) : .failure(pending)
            case .cancel: return to(.cancelled, [.recordReason, .release])
            }
        case .reverse(let reason, let settlement):
            guard reason else { return .failure(VoucherError.reasonRequired) }
            switch settlement {
            case .unsettled: return to(.reversed, [.recordReason, .reverse])
            case .awaitingPayment: return .failure(VoucherError.settlementPending)
            case .paid: return to(.reversed, [.recordReason, .clawBack])
            }
        }
    }

    @Test func everyStepHasEventsAndTheEnumerationIsComplete() {
        #expect(Set(Self.events.map(\.kind)) == Set(Kind.allCases))
        #expect(Self.states.count == 9 * 4 * 2 * 2)
        #expect(Self.events.count == 31)
        #expect(Self.roles.count == 90)
    }

    /// 144 states × 31 events × 90 roles = 401,760 cases, split by status.
    @Test(arguments: Status.allCases)
    func everyStepByEveryActorFrom(_ status: Status) {
        var checked = 0
        for state in Self.states where state.status == status {
            for event in Self.events {
                for role in Self.roles {
                    let want = Self.expected(state, event, role)
                    let got = M.decide(state, event, by: role)
                    #expect(got == want, "\(state) × \(event) × \(role): expected \(want), got \(got)")
                    checked += 1
                }
            }
        }
        #expect(checked == 16 * 31 * 90)
    }

    static func expected(_ state: M.State, _ event: M.Automatic) -> M.Decision {
        func wrong(_ from: [Status]) -> M.Decision {
            .failure(VoucherError.wrongState("redemption", state: state.status.rawValue, allowed: from.map(\.rawValue)))
        }
        switch event {
        case .holdLapsed:
            guard state.status == .held else { return wrong([.held]) }
            return .success(M.Transition(party: nil, status: .released, review: state.review, actions: [.release]))
        case .acceptanceDayPassed:
            guard state.status == .delivered else { return wrong([.delivered]) }
            guard state.review == .none || state.review == .approved else {
                return .failure(VoucherError.reviewPending(flags: flags))
            }
            return .success(M.Transition(party: .system, status: .captured, review: state.review, actions: [.capture]))
        case .voucherRevoked:
            let open: [Status] = [.held, .delivered, .disputed, .claimed]
            guard open.contains(state.status) else { return wrong(open) }
            return .success(
                M.Transition(party: nil, status: .released, review: state.review, actions: [.recordReason, .release]))
        }
    }

    /// 144 states × 3 events of the clock or the voucher's revocation.
    @Test(arguments: M.Automatic.allCases)
    func whatFollowsWithoutAParty(_ event: M.Automatic) {
        for state in Self.states {
            #expect(M.decide(state, event) == Self.expected(state, event), "\(state) × \(event)")
        }
    }

    @Test func theEndsAreFinal() {
        for state in Self.states where [.cancelled, .released, .rejected, .reversed].contains(state.status) {
            for event in Self.events {
                for role in Self.roles {
                    guard case .success(let transition) = M.decide(state, event, by: role) else { continue }
                    Issue.record("\(state) × \(event) × \(role) → \(transition)")
                }
            }
            for event in M.Automatic.allCases {
                #expect(throws: DomainError.self) { try M.decide(state, event).get() }
            }
        }
    }

    @Test func everyLiveStatusIsReachableFromTheOpenings() {
        // A 通兑 redemption opens held, a 通用 one claimed; walking every step by a capable actor
        // reaches every status.
        let actor = M.Role(enterprise: .member, provider: .member, city: true, user: false)
        var reached: Set<Status> = [.held, .claimed]
        var frontier = Self.states.filter { reached.contains($0.status) && !$0.accepted && $0.review == .none }
        while let state = frontier.popLast() {
            for event in Self.events {
                if case .success(let transition) = M.decide(state, event, by: actor) {
                    let next = M.State(
                        status: transition.status, review: transition.review, mode: state.mode,
                        accepted: state.accepted || transition.actions.contains(.markAccepted), flags: state.flags)
                    if reached.insert(next.status).inserted { frontier.append(next) }
                }
            }
        }
        #expect(reached == Set(Status.allCases).subtracting([.released]))
        #expect(M.decide(Self.states[0], .holdLapsed).map(\.status) == .success(.released))
    }
}
