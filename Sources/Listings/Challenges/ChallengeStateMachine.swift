import Kernel

/// The 揭榜挂帅 lifecycle as a pure state machine: (state, event, party) → new state, or a
/// precise refusal. No I/O; the service supplies facts (does the owner need approval, are other
/// milestones pending) inside the events.
public enum ChallengeStateMachine {
    public enum State: String, Codable, CaseIterable, Sendable {
        case draft
        case pendingApproval = "pending_approval"
        case published
        case applicationsClosed = "applications_closed"
        case underReview = "under_review"
        case awarded
        case inProgress = "in_progress"
        case milestoneUnderReview = "milestone_under_review"
        case accepted
        case closed
        case cancelled
        case terminated
    }

    public enum Event: Hashable, Sendable {
        /// The owner submits the draft; enterprises' challenges need an administrator's approval.
        case submit(needsApproval: Bool)
        case approve
        case rejectApproval
        case closeApplications
        case extend
        case startReview
        case award
        case begin
        case submitMilestone
        /// `othersPending`: other awardees' submissions still wait; `allAccepted`: this was the last tranche of all.
        case acceptMilestone(othersPending: Bool, allAccepted: Bool)
        case rejectMilestone(othersPending: Bool)
        case close
        case cancel
        case terminate

        public var name: String {
            switch self {
            case .submit: "submit"
            case .approve: "approve"
            case .rejectApproval: "reject_approval"
            case .closeApplications: "close_applications"
            case .extend: "extend"
            case .startReview: "start_review"
            case .award: "award"
            case .begin: "begin"
            case .submitMilestone: "submit_milestone"
            case .acceptMilestone: "accept_milestone"
            case .rejectMilestone: "reject_milestone"
            case .close: "close"
            case .cancel: "cancel"
            case .terminate: "terminate"
            }
        }
    }

    /// Who acts, relative to the challenge.
    public enum Party: String, Sendable, CaseIterable {
        case owner
        /// A platform administrator, or the city administrator of the owner's city.
        case admin
        /// The lead organisation of an awarded application.
        case awardee
        /// The clock (deadlines).
        case system
    }

    static let ownerOrAdmin: Set<Party> = [.owner, .admin]

    /// Which parties may send which event from which state.
    static let table: [State: [String: Set<Party>]] = [
        .draft: ["submit": ownerOrAdmin, "cancel": ownerOrAdmin],
        .pendingApproval: ["approve": [.admin], "reject_approval": [.admin], "cancel": ownerOrAdmin],
        .published: ["close_applications": [.owner, .admin, .system], "extend": ownerOrAdmin, "cancel": ownerOrAdmin],
        .applicationsClosed: ["start_review": ownerOrAdmin, "cancel": ownerOrAdmin],
        .underReview: ["award": ownerOrAdmin, "cancel": ownerOrAdmin],
        .awarded: ["begin": [.owner, .admin, .awardee], "terminate": ownerOrAdmin],
        .inProgress: ["submit_milestone": [.awardee], "terminate": ownerOrAdmin],
        .milestoneUnderReview: [
            "submit_milestone": [.awardee], "accept_milestone": ownerOrAdmin, "reject_milestone": ownerOrAdmin,
            "terminate": ownerOrAdmin,
        ],
        .accepted: ["close": ownerOrAdmin],
        .closed: [:],
        .cancelled: [:],
        .terminated: [:],
    ]

    /// The events that can happen from `state`, in a stable order.
    public static func allowedEvents(from state: State) -> [String] {
        (table[state] ?? [:]).keys.sorted()
    }

    public static func transition(from state: State, on event: Event, by party: Party) throws -> State {
        guard let parties = table[state]?[event.name] else {
            let allowed = allowedEvents(from: state)
            throw DomainError(
                .conflict, code: "illegal_transition",
                zh: "榜单当前状态“\(state.rawValue)”下不能执行“\(event.name)”",
                en: "The challenge is \(state.rawValue): \(event.name) is not possible now",
                details: [
                    "currentState": .string(state.rawValue), "event": .string(event.name),
                    "allowedEvents": .array(allowed.map { .string($0) }),
                ]
            )
        }
        guard parties.contains(party) else {
            throw DomainError(
                .forbidden, code: "not_your_step",
                zh: "此步骤不由您执行", en: "This step is not yours to take",
                details: [
                    "currentState": .string(state.rawValue), "event": .string(event.name),
                    "allowedParties": .array(parties.map(\.rawValue).sorted().map { .string($0) }),
                ]
            )
        }
        switch event {
        case .submit(let needsApproval): return needsApproval ? .pendingApproval : .published
        case .approve: return .published
        case .rejectApproval: return .draft
        case .closeApplications: return .applicationsClosed
        case .extend: return state
        case .startReview: return .underReview
        case .award: return .awarded
        case .begin: return .inProgress
        case .submitMilestone: return .milestoneUnderReview
        case .acceptMilestone(let othersPending, let allAccepted):
            return allAccepted ? .accepted : (othersPending ? .milestoneUnderReview : .inProgress)
        case .rejectMilestone(let othersPending): return othersPending ? .milestoneUnderReview : .inProgress
        case .close: return .closed
        case .cancel: return .cancelled
        case .terminate: return .terminated
        }
    }
}
