import Foundation
import Kernel

/// The 揭榜挂帅 lifecycle as a pure value, in swift-nio's StateMachine style: it holds the state,
/// takes one event with the parties the actor holds towards the challenge, and answers with the
/// next state and the actions to apply, or a refusal. No I/O: the service supplies facts (does
/// the owner need approval, are other milestones pending) and checked inputs (reasons, the new
/// deadline) inside the events, and applies the actions inside its write transaction (issue 15).
public struct ChallengeStateMachine: Sendable, Equatable {
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

    /// The events by their wire names (as refusals and `allowedEvents` list them).
    public enum EventName: String, Codable, CaseIterable, Sendable, Comparable {
        case submit
        case approve
        case rejectApproval = "reject_approval"
        case closeApplications = "close_applications"
        case extend
        case startReview = "start_review"
        case award
        case begin
        case submitMilestone = "submit_milestone"
        case acceptMilestone = "accept_milestone"
        case rejectMilestone = "reject_milestone"
        case close
        case cancel
        case terminate

        public static func < (lhs: EventName, rhs: EventName) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public enum Event: Hashable, Sendable {
        /// The owner submits the draft; enterprises' challenges need an administrator's approval.
        case submit(needsApproval: Bool)
        case approve
        case rejectApproval(reason: String)
        case closeApplications
        /// To the new application deadline, already checked (once, later, within a year).
        case extend(to: Date)
        case startReview
        /// `chosen`: the applications picked (nil: the top-scored); `reason`: why, when that departs from the scores.
        case award(chosen: [Int64]?, reason: String?)
        case begin
        case submitMilestone
        /// Of `application`'s tranche `tranche`. `othersPending`: other awardees' submissions still
        /// wait; `allAccepted`: this was the last tranche of all.
        case acceptMilestone(application: Int64, tranche: Int, othersPending: Bool, allAccepted: Bool)
        case rejectMilestone(othersPending: Bool)
        case close
        case cancel(reason: String)
        case terminate(reason: String)

        public var name: EventName {
            switch self {
            case .submit: .submit
            case .approve: .approve
            case .rejectApproval: .rejectApproval
            case .closeApplications: .closeApplications
            case .extend: .extend
            case .startReview: .startReview
            case .award: .award
            case .begin: .begin
            case .submitMilestone: .submitMilestone
            case .acceptMilestone: .acceptMilestone
            case .rejectMilestone: .rejectMilestone
            case .close: .close
            case .cancel: .cancel
            case .terminate: .terminate
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

    /// The keys of `Challenge.reasons`.
    public enum ReasonKey: String, Sendable, CaseIterable {
        case rejectApproval, award, cancel, terminate
    }

    /// What the service does, inside the same write transaction, when the machine moves.
    public enum Action: Hashable, Sendable {
        /// Drop a note that no longer applies (the city's rejection, once resubmitted: issue 14).
        case clearReason(ReasonKey)
        case recordReason(ReasonKey, String)
        /// Move the application deadline and mark the challenge extended (it can be only once).
        case moveDeadline(Date)
        /// Mark the chosen (or top-scored) applications awarded and the others not, make the first
        /// tranche payable to each, and record the reason when the choice departs from the scores.
        case awardApplications(chosen: [Int64]?, reason: String?)
        /// The application's tranche becomes payable (its amount as the challenge fixed it).
        case makeTranchePayable(application: Int64, tranche: Int)
    }

    public enum Refusal: Error, Hashable, Sendable {
        /// The event cannot happen in this state at all.
        case illegalTransition(State, EventName)
        /// The event can happen, but not by any party the actor holds.
        case notYourStep(State, EventName, allowedParties: Set<Party>)
        /// The actor holds no party towards the challenge, and the step is the clock's.
        case noStanding
    }

    public enum Outcome: Hashable, Sendable {
        case move(to: State, actions: [Action])
        case refuse(Refusal)
    }

    public private(set) var state: State

    public init(state: State) {
        self.state = state
    }

    /// Tries the event as each party the actor holds; moves if any may.
    public mutating func handle(_ event: Event, by parties: some Sequence<Party>) -> Outcome {
        guard let allowed = Self.table[state]?[event.name] else {
            return .refuse(.illegalTransition(state, event.name))
        }
        let held = Set(parties)
        // No standing at all: refused as anyone else who may not take this step; only a step of
        // the clock's, which a person with no standing cannot take either, is plainly forbidden.
        if held.isEmpty && allowed.contains(.system) { return .refuse(.noStanding) }
        guard !allowed.isDisjoint(with: held) else {
            return .refuse(.notYourStep(state, event.name, allowedParties: allowed))
        }
        state = Self.target(from: state, on: event)
        return .move(to: state, actions: Self.actions(event))
    }

    static let ownerOrAdmin: Set<Party> = [.owner, .admin]

    /// Which parties may send which event from which state; an event missing from a state's row
    /// is illegal there.
    static let table: [State: [EventName: Set<Party>]] = [
        .draft: [.submit: ownerOrAdmin, .cancel: ownerOrAdmin],
        .pendingApproval: [.approve: [.admin], .rejectApproval: [.admin], .cancel: ownerOrAdmin],
        .published: [.closeApplications: [.owner, .admin, .system], .extend: ownerOrAdmin, .cancel: ownerOrAdmin],
        .applicationsClosed: [.startReview: ownerOrAdmin, .cancel: ownerOrAdmin],
        .underReview: [.award: ownerOrAdmin, .cancel: ownerOrAdmin],
        .awarded: [.begin: [.owner, .admin, .awardee], .terminate: ownerOrAdmin],
        .inProgress: [.submitMilestone: [.awardee], .terminate: ownerOrAdmin],
        .milestoneUnderReview: [
            .submitMilestone: [.awardee], .acceptMilestone: ownerOrAdmin, .rejectMilestone: ownerOrAdmin,
            .terminate: ownerOrAdmin,
        ],
        .accepted: [.close: ownerOrAdmin],
        .closed: [:],
        .cancelled: [:],
        .terminated: [:],
    ]

    /// The events that can happen from `state`, in a stable order (by wire name).
    public static func allowedEvents(from state: State) -> [EventName] {
        (table[state] ?? [:]).keys.sorted()
    }

    static func target(from state: State, on event: Event) -> State {
        switch event {
        case .submit(let needsApproval): needsApproval ? .pendingApproval : .published
        case .approve: .published
        case .rejectApproval: .draft
        case .closeApplications: .applicationsClosed
        case .extend: state
        case .startReview: .underReview
        case .award: .awarded
        case .begin: .inProgress
        case .submitMilestone: .milestoneUnderReview
        case .acceptMilestone(_, _, let othersPending, let allAccepted):
            allAccepted ? .accepted : (othersPending ? .milestoneUnderReview : .inProgress)
        case .rejectMilestone(let othersPending): othersPending ? .milestoneUnderReview : .inProgress
        case .close: .closed
        case .cancel: .cancelled
        case .terminate: .terminated
        }
    }

    static func actions(_ event: Event) -> [Action] {
        switch event {
        case .submit: [.clearReason(.rejectApproval)]
        case .rejectApproval(let reason): [.recordReason(.rejectApproval, reason)]
        case .extend(let deadline): [.moveDeadline(deadline)]
        case .award(let chosen, let reason): [.awardApplications(chosen: chosen, reason: reason)]
        case .acceptMilestone(let application, let tranche, _, _):
            [.makeTranchePayable(application: application, tranche: tranche)]
        case .cancel(let reason): [.recordReason(.cancel, reason)]
        case .terminate(let reason): [.recordReason(.terminate, reason)]
        case .approve, .closeApplications, .startReview, .begin, .submitMilestone, .rejectMilestone, .close: []
        }
    }
}

extension ChallengeStateMachine.Refusal {
    /// The refusal as clients see it (codes and details unchanged since the string-keyed machine).
    public var error: DomainError {
        switch self {
        case .illegalTransition(let state, let event): ListingsError.illegalTransition(state, event)
        case .notYourStep(let state, let event, let parties): ListingsError.notYourStep(state, event, parties)
        case .noStanding: DomainError.forbidden
        }
    }
}
