import Foundation
import Kernel
@testable import Listings
import Testing

/// The 揭榜挂帅 lifecycle checked exhaustively against a table written here from the rules, not
/// read from the machine: every state × every event (with every combination of its facts) ×
/// every party.
struct ChallengeStateMachineTests {
    typealias State = ChallengeStateMachine.State
    typealias Event = ChallengeStateMachine.Event
    typealias Party = ChallengeStateMachine.Party

    enum Outcome: Equatable, CustomStringConvertible {
        case moves(State)
        case illegal
        case notYourStep

        var description: String {
            switch self {
            case .moves(let state): "→ \(state.rawValue)"
            case .illegal: "illegal_transition"
            case .notYourStep: "not_your_step"
            }
        }
    }

    /// Every event the machine knows, with each combination of the facts it carries.
    static let events: [Event] = [
        .submit(needsApproval: false), .submit(needsApproval: true), .approve, .rejectApproval, .closeApplications,
        .extend,
        .startReview, .award, .begin, .submitMilestone,
        .acceptMilestone(othersPending: false, allAccepted: false),
        .acceptMilestone(othersPending: true, allAccepted: false),
        .acceptMilestone(othersPending: false, allAccepted: true),
        .acceptMilestone(othersPending: true, allAccepted: true),
        .rejectMilestone(othersPending: false), .rejectMilestone(othersPending: true),
        .close, .cancel, .terminate,
    ]

    static let ownerOrAdmin: Set<Party> = [.owner, .admin]

    /// The rules, as written in the brief: who may do what from where, and where it leads.
    static func rule(_ state: State, _ event: Event) -> (parties: Set<Party>, to: State)? {
        switch (state, event) {
        case (.draft, .submit(let needsApproval)): return (ownerOrAdmin, needsApproval ? .pendingApproval : .published)
        case (.pendingApproval, .approve): return ([.admin], .published)
        case (.pendingApproval, .rejectApproval): return ([.admin], .draft)
        case (.published, .closeApplications): return ([.owner, .admin, .system], .applicationsClosed)
        case (.published, .extend): return (ownerOrAdmin, .published)
        case (.applicationsClosed, .startReview): return (ownerOrAdmin, .underReview)
        case (.underReview, .award): return (ownerOrAdmin, .awarded)
        case (.awarded, .begin): return ([.owner, .admin, .awardee], .inProgress)
        case (.inProgress, .submitMilestone): return ([.awardee], .milestoneUnderReview)
        case (.milestoneUnderReview, .submitMilestone): return ([.awardee], .milestoneUnderReview)
        case (.milestoneUnderReview, .acceptMilestone(let othersPending, let allAccepted)):
            return (ownerOrAdmin, allAccepted ? .accepted : othersPending ? .milestoneUnderReview : .inProgress)
        case (.milestoneUnderReview, .rejectMilestone(let othersPending)):
            return (ownerOrAdmin, othersPending ? .milestoneUnderReview : .inProgress)
        case (.accepted, .close): return (ownerOrAdmin, .closed)
        case (.draft, .cancel), (.pendingApproval, .cancel), (.published, .cancel), (.applicationsClosed, .cancel),
            (.underReview, .cancel):
            return (ownerOrAdmin, .cancelled)
        case (.awarded, .terminate), (.inProgress, .terminate), (.milestoneUnderReview, .terminate):
            return (ownerOrAdmin, .terminated)
        default:
            return nil
        }
    }

    static func expected(_ state: State, _ event: Event, _ party: Party) -> Outcome {
        guard let rule = rule(state, event) else { return .illegal }
        return rule.parties.contains(party) ? .moves(rule.to) : .notYourStep
    }

    /// The names of the events possible from a state, sorted, as the refusal lists them.
    static func possibleEvents(_ state: State) -> [String] {
        Array(Set(events.filter { rule(state, $0) != nil }.map(\.name))).sorted()
    }

    static func actual(_ state: State, _ event: Event, _ party: Party) -> (Outcome, DomainError?) {
        do {
            return (.moves(try ChallengeStateMachine.transition(from: state, on: event, by: party)), nil)
        } catch let error as DomainError {
            switch error.code {
            case "illegal_transition": return (.illegal, error)
            case "not_your_step": return (.notYourStep, error)
            default: return (.moves(state), error)  // an unexpected code: reported below
            }
        } catch {
            Issue.record("unexpected error \(error)")
            return (.illegal, nil)
        }
    }

    @Test func theEventNamesAreTheWireNames() {
        #expect(
            Self.events.map(\.name) == [
                "submit", "submit", "approve", "reject_approval", "close_applications", "extend", "start_review",
                "award",
                "begin", "submit_milestone", "accept_milestone", "accept_milestone", "accept_milestone",
                "accept_milestone",
                "reject_milestone", "reject_milestone", "close", "cancel", "terminate",
            ])
        #expect(State.allCases.count == 12 && Party.allCases.count == 4)
    }

    @Test(arguments: State.allCases)
    func everyEventByEveryPartyFrom(_ state: State) {
        for event in Self.events {
            for party in Party.allCases {
                let want = Self.expected(state, event, party)
                let (got, error) = Self.actual(state, event, party)
                #expect(got == want, "\(state.rawValue) × \(event) × \(party.rawValue): expected \(want), got \(got)")
                guard let error else { continue }
                switch want {
                case .illegal:
                    #expect(error.kind == .conflict)
                    #expect(error.details["currentState"] == .string(state.rawValue))
                    #expect(error.details["allowedEvents"] == .array(Self.possibleEvents(state).map { .string($0) }))
                    #expect(error.details["event"] == .string(event.name))
                case .notYourStep:
                    #expect(error.kind == .forbidden)
                    #expect(error.details["currentState"] == .string(state.rawValue))
                case .moves:
                    Issue.record("\(state.rawValue) × \(event) × \(party.rawValue) refused with \(error.code)")
                }
            }
        }
    }

    @Test(arguments: State.allCases)
    func allowedEventsFrom(_ state: State) {
        #expect(ChallengeStateMachine.allowedEvents(from: state) == Self.possibleEvents(state))
    }

    @Test func theEndsAreFinal() {
        for state in [State.closed, .cancelled, .terminated] {
            #expect(ChallengeStateMachine.allowedEvents(from: state).isEmpty)
            for event in Self.events {
                for party in Party.allCases {
                    #expect(Self.actual(state, event, party).0 == .illegal)
                }
            }
        }
    }

    @Test func theTableCoversEveryStateAndIsReachableFromDraft() {
        // Walk the expected table from draft with every party: every state is reachable.
        var reached: Set<State> = [.draft]
        var frontier: [State] = [.draft]
        while let state = frontier.popLast() {
            for event in Self.events {
                for party in Party.allCases {
                    if case .moves(let next) = Self.actual(state, event, party).0, reached.insert(next).inserted {
                        frontier.append(next)
                    }
                }
            }
        }
        #expect(reached == Set(State.allCases))
    }

    @Test func aRefusalForTheWrongPartyListsWhoMay() {
        let (_, error) = Self.actual(.awarded, .begin, .system)
        #expect(error?.code == "not_your_step")
        #expect(error?.details["allowedParties"] == .array([.string("admin"), .string("awardee"), .string("owner")]))
    }
}
